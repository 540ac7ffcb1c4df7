import { describe, expect, it } from 'vitest';
import { operationSpec } from '../src/shared/runtime-spec.js';
import { loadCatalog } from '../src/index.js';
import { projectWith } from './support.js';

function fixtureCatalog() {
  const loaded = loadCatalog(projectWith([]).specs);
  if (!loaded.ok) throw new Error('fixture must be valid');
  return loaded.catalog;
}

describe('the model derives every name once', () => {
  const acme = fixtureCatalog().providers[0]!;
  const create = acme.functions.find((f) => f.name === 'create_widget')!;

  it.each([
    ['qualified', 'acme.create_widget'],
    ['luaPath', 'app.integrations.acme.create_widget'],
    ['tsMethod', 'createWidget'],
    ['tsType', 'CreateWidget'],
    ['cliCommand', 'switchboard call acme.create_widget'],
    ['mcpTool', 'acme__create_widget'],
  ] as const)('%s is %s', (key, value) => {
    expect(create.names[key]).toBe(value);
  });

  it('names the variables that move each server as the runtime reads them', () => {
    expect(acme.servers.map((s) => [s.name, s.baseUrlEnv, s.accountBaseUrlEnvTemplate])).toEqual([['default', 'ACME_BASE_URL', 'ACME_{ACCOUNT}_BASE_URL']]);
    const twoServers = loadCatalog(projectWith([{ file: 'acme/provider.yaml', find: '    auth: bearer\n', replace: '    auth: bearer\n  eu_files:\n    url: https://files.acme.test\n    auth: bearer\n' }]).specs);
    if (!twoServers.ok) throw new Error(twoServers.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
    expect(twoServers.catalog.providers[0]!.servers[1]).toMatchObject({ baseUrlEnv: 'ACME_BASE_URL_EU_FILES', accountBaseUrlEnvTemplate: 'ACME_{ACCOUNT}_BASE_URL_EU_FILES' });
  });

  it('derives alias Lua paths', () => {
    expect(create.names.luaAliases).toEqual(['app.integrations.acme.make_widget']);
  });

  it('derives environment variables for the default and named accounts', () => {
    const key = acme.fields.find((f) => f.key === 'api_key')!;
    expect([key.env, key.accountEnvTemplate]).toEqual(['ACME_API_KEY', 'ACME_{ACCOUNT}_API_KEY']);
  });
});

describe('defaults the spec may leave out', () => {
  const acme = fixtureCatalog().providers[0]!;
  const list = acme.functions.find((f) => f.name === 'list_widgets')!;
  const create = acme.functions.find((f) => f.name === 'create_widget')!;

  it('reads are idempotent and writes are not', () => {
    expect([list.idempotent, create.idempotent]).toEqual([true, false]);
  });

  it('places parameters: path by placeholder, query for GET, body otherwise', () => {
    expect(create.parameters.map((p) => [p.name, p.location])).toEqual([
      ['shelf_id', 'path'],
      ['name', 'body'],
      ['tags', 'body'],
    ]);
    expect(list.parameters.every((p) => p.location === 'query')).toBe(true);
  });

  it('keeps the wire name apart from the script-facing name', () => {
    expect(list.parameters.find((p) => p.name === 'per_page')!.wireName).toBe('page[size]');
  });

  it('closes the input schema so unknown keys are rejected', () => {
    expect(create.inputSchema).toMatchObject({ additionalProperties: false, required: ['shelf_id', 'name'] });
  });

  it('carries the pagination strategy with exactly its paths', () => {
    expect(list.binding.kind === 'http' && list.binding.pagination).toEqual({
      strategy: 'page',
      items: { kind: 'single', path: 'items' },
      pageParam: 'page',
      sizeParam: 'per_page',
      firstPage: 1,
      totalPagesPath: 'total_pages',
      totalItemsPath: null,
    });
  });
});

describe('next_link pagination', () => {
  const pageBlock = '  strategy: page\n  page_param: page\n  size_param: per_page\n  first_page: 1\n  items: items\n  total_pages: total_pages\n';
  function listWidgets(pagination: string, extraResponse = '') {
    const edits = [
      { file: 'acme/list_widgets.yaml', find: pageBlock, replace: pagination },
      { file: 'acme/list_widgets.yaml', find: '      total_pages: { type: integer }\n', replace: `      total_pages: { type: integer }\n${extraResponse}` },
    ];
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(String).join('\n'));
    const list = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'list_widgets')!;
    return list.binding.kind === 'http' ? list.binding.pagination : null;
  }

  it('carries a body path to a string link', () => {
    const pagination = listWidgets('  strategy: next_link\n  items: items\n  next: paging.next\n', '      paging: { type: object, properties: { next: { type: [string, "null"] } } }\n');
    expect(pagination).toEqual({ strategy: 'next_link', items: { kind: 'single', path: 'items' }, next: { from: 'body', path: 'paging.next' } });
  });

  it('carries the Link header as the source', () => {
    expect(listWidgets('  strategy: next_link\n  items: items\n  link_header: true\n')).toEqual({ strategy: 'next_link', items: { kind: 'single', path: 'items' }, next: { from: 'link_header' } });
  });
  // GitHub's lists: the body is the array, the next page is in the Link header.
  it.each(['.', '""'])('takes the body itself as the items when the response is a list (items: %s)', (items) => {
    const edits = [
      { file: 'acme/list_widgets.yaml', find: pageBlock, replace: `  strategy: next_link\n  items: ${items}\n  link_header: true\n` },
      { file: 'acme/list_widgets.yaml', find: '    type: object\n    properties:\n      items: { type: array, items: { type: object } }\n      total_pages: { type: integer }\n', replace: '    type: array\n    items: { type: object, properties: { id: { type: string } } }\n' },
      { file: 'acme/list_widgets.yaml', find: 'body: { items: [], total_pages: 0 }', replace: 'body: []' },
    ];
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(String).join('\n'));
    const list = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'list_widgets')!;
    expect(list.binding.kind === 'http' && list.binding.pagination).toEqual({ strategy: 'next_link', items: { kind: 'single', path: '.' }, next: { from: 'link_header' } });
  });
});

describe('idempotency keys', () => {
  function createWidget(edits: Parameters<typeof projectWith>[0]) {
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error('fixture must be valid');
    const create = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'create_widget')!;
    if (create.binding.kind !== 'http') throw new Error('create_widget makes a request');
    return { ...create, binding: create.binding };
  }

  it('carries the declared header to the binding and the runtime literal', () => {
    const create = createWidget([{ file: 'acme/create_widget.yaml', find: 'operation: write\n', replace: 'operation: write\nidempotency: { header: Idempotency-Key }\n' }]);
    expect(create.binding.idempotencyKey).toEqual({ header: 'Idempotency-Key' });
    expect(operationSpec(create)).toMatchObject({ idempotencyKey: { header: 'Idempotency-Key' } });
  });

  it('leaves a write without one unchanged: no key, no literal field', () => {
    const create = createWidget([]);
    expect(create.binding.idempotencyKey).toBeNull();
    expect(operationSpec(create)).not.toHaveProperty('idempotencyKey');
  });
});

describe('the runtime literal leaves out default-valued fields', () => {
  function functionOf(name: string, edits: Parameters<typeof projectWith>[0] = []) {
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error('fixture must be valid');
    const func = loaded.catalog.providers[0]!.functions.find((f) => f.name === name)!;
    if (func.binding.kind !== 'http') throw new Error(`${name} makes a request`);
    return { ...func, binding: func.binding };
  }

  it('a read on the default server without a body is its id, kind, endpoint, parameters and rules', () => {
    expect(Object.keys(operationSpec(functionOf('list_widgets')))).toEqual(expect.not.arrayContaining(['idempotent', 'server', 'body']));
  });

  it('a write keeps its body encoding, and says idempotent only when it is', () => {
    expect(operationSpec(functionOf('create_widget'))).toMatchObject({ operation: 'write', body: 'json' });
    expect(operationSpec(functionOf('create_widget'))).not.toHaveProperty('idempotent');
    const idempotent = functionOf('create_widget', [{ file: 'acme/create_widget.yaml', find: 'operation: write\n', replace: 'operation: write\nidempotent: true\n' }]);
    expect(operationSpec(idempotent)).toMatchObject({ idempotent: true });
  });

  it('a read keeps idempotent: false when its spec declares it, so it is not retried', () => {
    const once = functionOf('list_widgets', [{ file: 'acme/list_widgets.yaml', find: 'operation: read\n', replace: 'operation: read\nidempotent: false\n' }]);
    expect(operationSpec(once)).toMatchObject({ operation: 'read', idempotent: false });
  });

  it('names a server other than the default', () => {
    const elsewhere = functionOf('list_widgets', [
      { file: 'acme/provider.yaml', find: 'servers:\n', replace: 'servers:\n  reports:\n    url: https://{region}.api.acme.test/v1\n    auth: bearer\n' },
      { file: 'acme/list_widgets.yaml', find: 'request:\n  method: GET\n', replace: 'request:\n  server: reports\n  method: GET\n' },
    ]);
    expect(operationSpec(elsewhere)).toMatchObject({ server: 'reports' });
  });
});

describe('what the loader limits still allows', () => {
  it('an example response key outside the declared ones when the schema says additionalProperties: true', () => {
    const loaded = loadCatalog(
      projectWith([
        { file: 'acme/create_widget.yaml', find: '    required: [id]\n', replace: '    required: [id]\n    additionalProperties: true\n' },
        { file: 'acme/create_widget.yaml', find: 'body: { id: w_1 }', replace: 'body: { id: w_1, created_by: u_7 }' },
      ]).specs,
    );
    expect(loaded.ok).toBe(true);
  });

  it.each(['repeat', 'brackets', 'comma', 'indexed'] as const)('array_format %s on an array in a form body', (format) => {
    const loaded = loadCatalog(
      projectWith([
        { file: 'acme/create_widget.yaml', find: '  body: json', replace: '  body: form' },
        { file: 'acme/create_widget.yaml', find: '    description: Tags.\n', replace: `    description: Tags.\n    array_format: ${format}\n` },
      ]).specs,
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const create = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'create_widget')!;
    expect(create.parameters.find((p) => p.name === 'tags')!.arrayFormat).toBe(format);
  });

  it('YAML anchors and aliases within the limit, loaded as if written out', () => {
    const loaded = loadCatalog(
      projectWith([
        {
          file: 'acme/create_widget.yaml',
          find: '    items: { type: string }\n    description: Tags.\n',
          replace: "    items: &tag { type: string, pattern: '^[a-z\\u00e9]+$' }\n    description: Tags.\n  labels:\n    type: array\n    items: *tag\n    description: Labels.\n",
        },
      ]).specs,
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const create = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'create_widget')!;
    const labels = create.parameters.find((p) => p.name === 'labels')!;
    expect(labels.schema.kind === 'single' && labels.schema.items?.kind === 'single' ? labels.schema.items.pattern : null).toBe('^[a-z\\u00e9]+$');
  });
});

describe('provider schemas shared by $ref', () => {
  const P = 'body: { error: { code: not_found, message: No such widget. } }';
  const edits = [
    {
      file: 'acme/provider.yaml',
      find: P,
      replace: `${P}\nschemas:\n  Widget: { type: object, properties: { id: { type: string }, shelf: { $ref: '#/schemas/Shelf' } } }\n  Shelf: { type: object, properties: { name: { type: string } } }`,
    },
    { file: 'acme/list_widgets.yaml', find: 'items: { type: array, items: { type: object } }', replace: "items: { type: array, items: { $ref: '#/schemas/Widget' } }" },
  ];

  it('are inlined where referenced, refs between them included, as if copied there', () => {
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const list = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'list_widgets')!;
    expect(list.returns).toEqual({
      kind: 'data',
      schema: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, shelf: { type: 'object', properties: { name: { type: 'string' } } } } } },
          total_pages: { type: 'integer' },
        },
      },
    });
    expect(loaded.catalog.providers[0]!.schemas['Widget']).toEqual({ type: 'object', properties: { id: { type: 'string' }, shelf: { type: 'object', properties: { name: { type: 'string' } } } } });
  });
});

describe('account-driven request parts', () => {
  const BY_REGION = '    url:\n      by_field: region\n      urls:\n        us: https://us.api.acme.test/v1\n        eu: https://eu.api.acme.test/v1\n';
  const edits = [
    { file: 'acme/provider.yaml', find: '    url: https://{region}.api.acme.test/v1\n', replace: BY_REGION },
    { file: 'acme/provider.yaml', find: '  bearer:\n    type: bearer\n    token: api_key\n', replace: '  bearer:\n    type: basic\n    username: { value: api }\n    password: api_key\n' },
    { file: 'acme/provider.yaml', find: 'errors:\n', replace: "headers:\n  Acme-Company: '{company_id}'\nerrors:\n" },
    { file: 'acme/provider.yaml', find: '    example: acme_test_key\n', replace: "    example: acme_test_key\n  company_id: { label: Company, description: Company id., example: '5012', required: false }\n" },
    // A named account's example at the EU host; the documented header is Basic api:acme_test_key.
    {
      file: 'acme/list_widgets.yaml',
      find: '      body: { items: [], total_pages: 0 }\n',
      replace: `      body: { items: [], total_pages: 0 }\n  - title: Red widgets in the EU\n    account: eu\n    arguments: { color: red }\n    request:\n      method: GET\n      url: https://eu.api.acme.test/v1/widgets?color=red\n      headers: { authorization: Basic ${Buffer.from('api:acme_test_key').toString('base64')}, acme-company: '5012' }\n    response:\n      status: 200\n      body: { items: [], total_pages: 0 }\n`,
    },
    { file: 'acme/list_widgets.yaml', find: 'headers: { authorization: Bearer acme_test_key }', replace: `headers: { authorization: Basic ${Buffer.from('api:acme_test_key').toString('base64')} }` },
    { file: 'acme/create_widget.yaml', find: 'authorization: Bearer acme_test_key', replace: `authorization: Basic ${Buffer.from('api:acme_test_key').toString('base64')}` },
  ];
  const loaded = loadCatalog(projectWith(edits).specs);
  const acme = loaded.ok ? loaded.catalog.providers[0]! : null;

  it('loads: the examples send exactly what they document, the EU one at the EU host', () => {
    expect(loaded.ok ? 'valid' : loaded.diagnostics).toBe('valid');
  });

  it('models the URL as a choice by the field, and the credentials as field or literal', () => {
    const server = acme!.servers[0]!;
    expect(server.url).toEqual({
      kind: 'by_field',
      field: 'region',
      choices: [
        { value: 'us', url: { template: 'https://us.api.acme.test/v1', fields: [] } },
        { value: 'eu', url: { template: 'https://eu.api.acme.test/v1', fields: [] } },
      ],
    });
    expect(server.auth).toEqual({ kind: 'basic', name: 'bearer', username: { kind: 'literal', value: 'api' }, password: { kind: 'field', field: 'api_key' } });
    expect(acme!.headers).toEqual([{ name: 'Acme-Company', template: '{company_id}', fields: ['company_id'] }]);
    expect(acme!.fields.find((f) => f.key === 'company_id')!.required).toBe(false);
  });

  it("gives a named account's example the field value its documented URL shows", () => {
    const list = acme!.functions.find((f) => f.name === 'list_widgets')!;
    expect(list.examples.map((e) => [e.account, e.fields])).toEqual([
      [null, {}],
      ['eu', { region: 'eu' }],
    ]);
  });
});

describe('parameter locations with request.select', () => {
  it('a parameter sent only with GET cases goes to the query by default, one sent with the POST case to the body', () => {
    const edits = [
      { file: 'acme/create_widget.yaml', find: '  method: POST\n  path: /shelves/{shelf_id}/widgets\n', replace: '  select:\n    parameter: via\n    cases:\n      create:\n        method: POST\n        path: /shelves/{shelf_id}/widgets\n      preview:\n        method: GET\n        path: /shelves/{shelf_id}/widgets/preview\n' },
      { file: 'acme/create_widget.yaml', find: 'parameters:\n', replace: 'parameters:\n  via:\n    type: string\n    enum: [create, preview]\n    required: true\n    description: Create, or preview.\n  preview_name:\n    type: string\n    wire: name\n    applies_to: [preview]\n    description: Name to preview.\n' },
      { file: 'acme/create_widget.yaml', find: '    description: Widget name.\n', replace: '    description: Widget name.\n    applies_to: [create]\n' },
      { file: 'acme/create_widget.yaml', find: '    description: Tags.\n', replace: '    description: Tags.\n    applies_to: [create]\n' },
      { file: 'acme/create_widget.yaml', find: 'arguments: { shelf_id: s1, name: Sprocket }', replace: 'arguments: { via: create, shelf_id: s1, name: Sprocket }' },
      { file: 'acme/create_widget.yaml', find: '    required: true\n    description: Widget name.\n', replace: '    description: Widget name.\n' },
    ];
    const loaded = loadCatalog(projectWith(edits).specs);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
    const create = loaded.catalog.providers[0]!.functions.find((f) => f.name === 'create_widget')!;
    expect(Object.fromEntries(create.parameters.map((p) => [p.name, p.location]))).toMatchObject({ preview_name: 'query', name: 'body', tags: 'body', shelf_id: 'path' });
  });
});

describe('content-type in examples', () => {
  it('a constant content-type with a charset, documented as sent, is valid', () => {
    const edits = [
      { file: 'acme/create_widget.yaml', find: '  body: json\n', replace: "  body: json\n  constants:\n    header: { Content-Type: 'application/json; charset=utf-8' }\n" },
      { file: 'acme/create_widget.yaml', find: 'headers: { authorization: Bearer acme_test_key }', replace: "headers: { authorization: Bearer acme_test_key, content-type: 'application/json; Charset=UTF-8' }" },
    ];
    const loaded = loadCatalog(projectWith(edits).specs);
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.message)).toEqual([]);
  });
});

describe('example checks take what the generated client takes', () => {
  // ajv's RFC 3986 uri refuses braces; the runtime, and Stripe (`{CHECKOUT_SESSION_ID}`), take them.
  it('a uri argument with a placeholder the provider fills loads', () => {
    const url = 'https://example.com/done?id={WIDGET_ID}';
    const loaded = loadCatalog(
      projectWith([
        { file: 'acme/create_widget.yaml', find: '    description: Tags.\n', replace: '    description: Tags.\n  return_url:\n    type: string\n    format: uri\n    description: Where to go next.\n' },
        { file: 'acme/create_widget.yaml', find: 'arguments: { shelf_id: s1, name: Sprocket }', replace: `arguments: { shelf_id: s1, name: Sprocket, return_url: '${url}' }` },
        { file: 'acme/create_widget.yaml', find: 'body: { name: Sprocket }', replace: `body: { name: Sprocket, return_url: '${url}' }` },
      ]).specs,
    );
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.message)).toEqual([]);
  });
});
