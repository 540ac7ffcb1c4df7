/**
 * A provider whose every free-text field is hostile: text that ends comments,
 * closes string literals, opens HTML, Vue interpolations, markdown fences,
 * Lua long strings and comments. Written as JSON, which is YAML.
 */

/** Breaks out of JSDoc, TS/JS strings and templates, HTML, Vue, markdown and Lua when pasted raw. */
export const HOSTILE_LINE =
  '*/ throw new Error("pwned"); /* <img src=x onerror=alert(1)> <script>alert(2)</script> <!-- c --> {{ alert(3) }} ```` \' " ` ${process.exit(1)} ]] ]=] --[[ \\ | @internal &amp; [x](javascript:alert(4)) ]';
/**
 * The same over several lines, with every line terminator JavaScript and
 * markdown know. No control characters: the loader refuses those at their
 * place (generator/test/control-characters.test.ts), so they never reach an emitter.
 */
export const HOSTILE = `${HOSTILE_LINE}\n# Heading <b>bold</b>\r\n---\n\u2028 line \u2029 para --]]`;

/** Every hostile string put into the spec, by where it was put (the report counts them). */
export const hostileFields: string[] = [];
const hostile = (where: string, text = HOSTILE) => {
  hostileFields.push(where);
  return text;
};

export const HOSTILE_ENUM = hostile('parameter enum value', HOSTILE_LINE);
export const HOSTILE_KEY = hostile('response property name', `key ${HOSTILE_LINE}`);

/** `object` plus an own `__proto__` key (JSON.parse makes one; an object literal would set the prototype instead). */
function withProtoKey(object: Record<string, unknown>, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(object).slice(1, -1)}, "__proto__": ${JSON.stringify(value)}}`) as Record<string, unknown>;
}

export function hostileSpecs(): Record<string, unknown> {
  const provider = {
    id: 'hostile',
    name: hostile('provider display name'),
    category: 'other',
    description: hostile('provider description'),
    docs_url: 'https://docs.hostile.test/api',
    api_version: hostile('provider api_version', HOSTILE_LINE),
    fields: {
      api_key: { label: hostile('field label'), description: hostile('field description'), secret: true, example: 'hostile_test_key' },
    },
    auth: {
      bearer: { type: 'bearer', token: 'api_key' },
      // A template's braces are its placeholders, so the hostile text goes in without them.
      keyed: { type: 'api_key', in: 'header', name: 'X-Key', value: { template: hostile('credential template', `${HOSTILE_LINE.replace(/[{}]/g, '')} {api_key}`) } },
    },
    servers: {
      default: { url: 'https://api.hostile.test/v1', auth: 'bearer', description: hostile('server description') },
      keyed: { url: 'https://keyed.hostile.test/v1', auth: 'keyed' },
    },
    errors: { message: ['error.message'], code: ['error.code'], example: { status: 404, body: { error: { code: hostile('error example code', HOSTILE_LINE), message: hostile('error example message') } } } },
  };
  const body = { note: HOSTILE, mode: HOSTILE_ENUM };
  const send = {
    name: 'send_thing',
    title: hostile('function title'),
    description: hostile('function description'),
    operation: 'write',
    deprecated: { since: '2026-01-01', message: hostile('deprecation message') },
    differences: [hostile('difference')],
    request: { method: 'POST', path: '/things', body: 'json' },
    parameters: {
      note: { type: 'string', required: true, description: hostile('parameter description') },
      mode: { type: 'string', enum: [HOSTILE_ENUM, 'plain'], description: hostile('enum parameter description'), default: hostile('parameter default', HOSTILE_LINE) },
      extra: {
        type: 'object',
        description: hostile('object parameter description'),
        properties: { inner: { type: 'string', description: hostile('nested property description') } },
      },
    },
    response: {
      status: 201,
      schema: {
        type: 'object',
        description: hostile('response schema description'),
        required: ['id'],
        properties: withProtoKey(
          { id: { type: 'string', description: hostile('response property description') }, [HOSTILE_KEY]: { type: 'string' } },
          { type: 'string', description: hostile('__proto__ property description') },
        ),
      },
    },
    examples: [
      {
        title: hostile('example title'),
        arguments: body,
        request: { method: 'POST', url: 'https://api.hostile.test/v1/things', headers: { authorization: 'Bearer hostile_test_key' }, body },
        response: { status: 201, body: withProtoKey({ id: hostile('example response value'), [HOSTILE_KEY]: HOSTILE }, HOSTILE) },
        lua: hostile('example lua (a comment line)', `dump(result) -- ${HOSTILE_LINE}`),
      },
    ],
  };
  const unavailable = {
    name: 'export_things',
    title: hostile('unavailable function title'),
    description: hostile('unavailable function description'),
    operation: 'read',
    unavailable: { reason: hostile('unavailable reason'), alternative: hostile('unavailable alternative') },
    parameters: {},
  };
  return { 'provider.yaml': provider, 'send_thing.yaml': send, 'export_things.yaml': unavailable };
}

/** JSON text as YAML: line and paragraph separators escaped, since YAML would read them as line breaks. */
export const asYaml = (value: unknown) => JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
