/**
 * `importOpenApi` on real documents: what it writes validates (or stops only at review
 * markers), is the same bytes every time, reads JSON and YAML, 3.0 and 3.1, and refs across
 * files, and narrows to the operations asked for.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatReport, ImportError, importOpenApi } from '../src/index.js';
import { FIXTURES, loadProvider, problems, specsDir, withoutReviews } from './support.js';

const TELNYX = join(FIXTURES, 'telnyx/openapi.yaml');
const RETELL = join(FIXTURES, 'retell/openapi.yaml');
const PETSTORE = join(FIXTURES, 'petstore/petstore-expanded.yaml');

const yamlOf = (files: Map<string, string>, name: string) => parse(files.get(name)!) as Record<string, any>;

describe('importing the providers\' own documents', () => {
  it('Retell (OpenAPI 3.0) validates as imported, examples and all', () => {
    const { files, report } = importOpenApi(RETELL, { provider: 'retell-ai' });
    expect(problems(specsDir({ 'retell-ai': files }))).toEqual([]);
    expect([report.provider, ...report.functions].flatMap((f) => f.review)).toEqual([]);
  });

  it('Telnyx (OpenAPI 3.1) validates as imported but for its docs link and error example, which the document does not give', () => {
    const { files } = importOpenApi(TELNYX, { provider: 'telnyx' });
    expect(problems(specsDir({ telnyx: files }))).toEqual([
      "telnyx/provider.yaml:4:1: needs review (left by an import): docs_url: the document links no documentation page, so this is the API's own server URL; point it at the provider's API reference. errors: the document shows no error body, so the example error was made up from the 4XX response's schema; replace it with a real one. Resolve these, then delete 'review'.",
    ]);
    const provider = yamlOf(files, 'provider.yaml');
    expect(provider.errors).toEqual({ message: ['errors.0.detail'], code: ['errors.0.code'], example: { status: 400, body: { errors: [{ detail: 'An error message.', code: 'error_code' }] } } });
    expect(problems(specsDir({ telnyx: withoutReviews(files) }))).toEqual([]);
  });

  it('writes every file with the editor schema comment the hand-written specs use', () => {
    const { files } = importOpenApi(TELNYX, { provider: 'telnyx' });
    for (const [name, text] of files) {
      if (name.startsWith('.')) continue;
      const kind = name === 'provider.yaml' ? 'provider' : 'function';
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../../generator/schema/${kind}.schema.json`);
    }
  });

  it('gives the same bytes for the same document', () => {
    const first = importOpenApi(RETELL, { provider: 'retell-ai' }).files;
    const second = importOpenApi(RETELL, { provider: 'retell-ai' }).files;
    expect([...second]).toEqual([...first]);
  });

  it('reads the document as JSON as it does as YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-json-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(parse(readFileSync(TELNYX, 'utf8'))));
    expect([...importOpenApi(join(dir, 'openapi.json'), { provider: 'telnyx' }).files]).toEqual([...importOpenApi(TELNYX, { provider: 'telnyx' }).files]);
  });

  it('asks for review when the document lists other servers, which no function would use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-servers-'));
    const doc = parse(readFileSync(TELNYX, 'utf8')) as Record<string, any>;
    doc.servers = [{ url: 'https://api-m.sandbox.example.com', description: 'Sandbox' }, { url: 'https://api-m.example.com', description: 'Live' }];
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    const { report } = importOpenApi(join(dir, 'openapi.json'), { provider: 'telnyx' });
    expect(report.provider.review.find((r) => r.startsWith('servers:'))).toBe(
      "servers: the document lists 2 servers, and a function uses 'default' unless the document gives it servers of its own; if 'live' is another environment of the same API (sandbox, live, a region), make 'default' one server whose url is `by_field` of an account field (specs/paypal/provider.yaml does), or remove it.",
    );
  });

  it('takes the bearer scheme as a secret api_key field and the server as default', () => {
    const provider = yamlOf(importOpenApi(TELNYX, { provider: 'telnyx' }).files, 'provider.yaml');
    expect(provider.fields.api_key).toMatchObject({ secret: true });
    expect(Object.values(provider.auth)).toEqual([{ type: 'bearer', token: 'api_key' }]);
    expect(provider.servers.default.url).toBe('https://api.telnyx.com/v2');
  });

  it('flattens deepObject query objects into wire names, and recognises page pagination', () => {
    const list = yamlOf(importOpenApi(TELNYX, { provider: 'telnyx' }).files, 'list_phone_numbers.yaml');
    expect(list.parameters.page_size).toMatchObject({ type: 'integer', minimum: 1, maximum: 250, wire: 'page[size]' });
    expect(list.parameters.filter_status).toMatchObject({ type: 'string', wire: 'filter[status]' });
    expect(list.parameters.filter_status.enum).toContain('active');
    expect(list.pagination).toEqual({ strategy: 'page', page_param: 'page_number', size_param: 'page_size', first_page: 1, items: 'data', total_pages: 'meta.total_pages', total_items: 'meta.total_results' });
  });

  it('keeps body objects as objects, marks required members, and names component schemas', () => {
    const { files } = importOpenApi(RETELL, { provider: 'retell-ai' });
    const call = yamlOf(files, 'create_phone_call.yaml');
    expect(call.operation).toBe('write');
    expect(call.idempotent).toBeUndefined();
    expect(call.parameters.from_number).toMatchObject({ type: 'string', required: true, min_length: 1 });
    expect(call.parameters.custom_sip_headers).toMatchObject({ type: 'object', additional_properties: { type: 'string' } });
    expect(call.response).toEqual({ status: 201, schema: { $ref: '#/schemas/V2PhoneCallResponse' } });
    expect(Object.keys(yamlOf(files, 'provider.yaml').schemas)).toContain('V2PhoneCallResponse');
  });
});

describe('a document the catalog has no provider for', () => {
  it('imports with review markers only, each saying why', () => {
    const { files, report } = importOpenApi(PETSTORE, { provider: 'petstore' });
    const found = problems(specsDir({ petstore: files }));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((line) => !/^petstore\/[a-z_]+\.yaml:\d+:1: needs review \(left by an import\): /.test(line))).toEqual([]);
    const reviewed = [report.provider, ...report.functions].filter((f) => f.review.length > 0).map((f) => f.file).sort();
    expect(found.map((line) => line.split(':')[0]!.replace('petstore/', '')).sort()).toEqual(reviewed);
    expect(formatReport(report)).toContain('review: examples: the document gives no complete example');
  });

  it('validates once a person has resolved the markers', () => {
    const { files } = importOpenApi(PETSTORE, { provider: 'petstore' });
    const resolved = new Map<string, string>();
    const base = 'https://petstore.swagger.io/v2/pets';
    const examples: Record<string, unknown> = {
      find_pets: { title: 'Two pets', arguments: { limit: 2 }, request: { method: 'GET', url: `${base}?limit=2` }, response: { status: 200, body: [{ id: 1, name: 'Rex' }] } },
      add_pet: {
        title: 'A dog',
        arguments: { name: 'Rex', tag: 'dog' },
        request: { method: 'POST', url: base, headers: { 'content-type': 'application/json' }, body: { name: 'Rex', tag: 'dog' } },
        response: { status: 200, body: { id: 1, name: 'Rex', tag: 'dog' } },
      },
      find_pet_by_id: { title: 'Pet 1', arguments: { id: 1 }, request: { method: 'GET', url: `${base}/1` }, response: { status: 200, body: { id: 1, name: 'Rex' } } },
      delete_pet: { title: 'Pet 1', arguments: { id: 1 }, request: { method: 'DELETE', url: `${base}/1` }, response: { status: 204 } },
    };
    for (const [name, text] of files) {
      if (!name.endsWith('.yaml')) continue;
      const { review: _review, ...spec } = parse(text) as Record<string, unknown>;
      const example = examples[name.replace('.yaml', '')];
      resolved.set(name, stringify(example ? { ...spec, examples: [example] } : spec));
    }
    const dir = specsDir({ petstore: resolved });
    expect(problems(dir)).toEqual([]);
    expect(loadProvider(dir, 'petstore').functions.map((f) => f.name)).toEqual(['add_pet', 'delete_pet', 'find_pet_by_id', 'find_pets']);
  });
});

describe('refs across local files', () => {
  function splitDocument(): string {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-split-'));
    mkdirSync(join(dir, 'components'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      stringify({
        openapi: '3.1.0',
        info: { title: 'Split', version: '1' },
        servers: [{ url: 'https://{region}.api.split.test/v1', variables: { region: { default: 'us', enum: ['us', 'eu'] } } }],
        components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
        security: [{ key: [] }],
        paths: {
          '/notes/{noteId}': {
            parameters: [{ $ref: 'components/parameters.yaml#/NoteId' }],
            get: { operationId: 'getNote', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'components/schemas.json#/Note' }, example: { id: 'n1', text: 'hi' } } } } } },
          },
        },
      }),
    );
    writeFileSync(join(dir, 'components/parameters.yaml'), stringify({ NoteId: { name: 'noteId', in: 'path', required: true, description: 'The note.', schema: { type: 'string', minLength: 2 }, example: 'n1' } }));
    writeFileSync(join(dir, 'components/schemas.json'), JSON.stringify({ Note: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, text: { $ref: '#/Text' } } }, Text: { type: 'string' } }));
    return join(dir, 'openapi.yaml');
  }

  it('follows them from the file each is written in, and the result validates', () => {
    const { files } = importOpenApi(splitDocument(), { provider: 'split' });
    const note = yamlOf(files, 'get_note.yaml');
    expect(note.request.path).toBe('/notes/{note_id}');
    expect(note.parameters.note_id).toEqual({ type: 'string', min_length: 2, description: 'The note.', required: true });
    const provider = yamlOf(files, 'provider.yaml');
    expect(provider.schemas.Note.properties.text).toEqual({ $ref: '#/schemas/Text' });
    expect(provider.fields.region).toMatchObject({ enum: ['us', 'eu'], default: 'us' });
    expect(provider.auth.key).toEqual({ type: 'api_key', in: 'header', name: 'X-Key', value: 'api_key' });
    const found = problems(specsDir({ split: files }));
    // The document links no docs page and has no error response: only the provider's review remains.
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^split\/provider\.yaml:4:1: needs review \(left by an import\): docs_url: .* errors: /);
  });
});

describe('security schemes', () => {
  const withScheme = (scheme: Record<string, unknown>) => ({
    openapi: '3.0.3',
    info: { title: 'Keyed', version: '1' },
    externalDocs: { url: 'https://docs.keyed.test' },
    servers: [{ url: 'https://api.keyed.test/v1' }],
    components: {
      securitySchemes: { main: scheme },
      responses: { Error: { description: 'error', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { message: { type: 'string' } } } } }, example: { error: { message: 'Nope' } } } } } },
    },
    security: [{ main: [] }],
    paths: {
      '/notes': {
        get: {
          operationId: 'listNotes',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } }, example: { id: 'n1' } } } }, '400': { $ref: '#/components/responses/Error' } },
        },
      },
    },
  });

  it.each([
    ['HTTP bearer', { type: 'http', scheme: 'bearer' }, { main: { type: 'bearer', token: 'api_key' } }],
    ['HTTP basic', { type: 'http', scheme: 'basic' }, { main: { type: 'basic', username: 'username', password: 'password' } }],
    ['an API key in a header', { type: 'apiKey', in: 'header', name: 'X-Key' }, { main: { type: 'api_key', in: 'header', name: 'X-Key', value: 'api_key' } }],
    ['an API key in the query', { type: 'apiKey', in: 'query', name: 'key' }, { main: { type: 'api_key', in: 'query', name: 'key', value: 'api_key' } }],
    [
      'OAuth2 client credentials',
      { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.keyed.test/oauth/token', scopes: {} } } },
      { main: { type: 'oauth2_client_credentials', client_id: 'client_id', client_secret: 'client_secret', token_server: 'token', token_path: '/oauth/token' }, token_endpoint: { type: 'none' } },
    ],
  ])('%s becomes auth with secret fields, and the import validates', (_title, scheme, auth) => {
    const { files } = importOpenApi(withScheme(scheme), { provider: 'keyed' });
    const provider = yamlOf(files, 'provider.yaml');
    expect(provider.auth).toEqual(auth);
    expect(Object.values(provider.fields).filter((f: any) => f.secret)).toHaveLength(1);
    expect(provider.errors).toEqual({ message: ['error.message'], example: { status: 400, body: { error: { message: 'Nope' } } } });
    expect(problems(specsDir({ keyed: files }))).toEqual([]);
  });
});

describe('choosing operations', () => {
  const names = (options: Parameters<typeof importOpenApi>[1]) => [...importOpenApi(RETELL, options).files.keys()].filter((n) => n !== 'provider.yaml' && !n.startsWith('.'));

  it('by operationId, in its own or snake_case form', () => {
    expect(names({ provider: 'retell-ai', operations: ['createPhoneCall', 'get_call'] })).toEqual(['create_phone_call.yaml', 'get_call.yaml']);
  });

  it('by path prefix', () => {
    expect(names({ provider: 'retell-ai', pathPrefix: '/v2/' })).toEqual(['create_phone_call.yaml', 'get_call.yaml']);
  });

  it('by tag', () => {
    const doc = parse(readFileSync(PETSTORE, 'utf8'));
    doc.paths['/pets/{id}'].delete.tags = ['admin'];
    expect([...importOpenApi(doc, { provider: 'petstore', tag: 'admin' }).files.keys()]).toEqual(['provider.yaml', 'delete_pet.yaml', '.openapi-import.json']);
  });

  it('names an operationId the document does not have', () => {
    expect(() => importOpenApi(RETELL, { provider: 'retell-ai', operations: ['createPhoneCal'] })).toThrow("no operation 'createPhoneCal' in the document; --operations takes operationIds (or their snake_case form).");
  });
});

describe('documents it cannot import', () => {
  it.each([
    ['Swagger 2.0', { swagger: '2.0', paths: {} }, 'only OpenAPI 3.0 and 3.1 documents can be imported; found Swagger 2.0.'],
    ['no paths', { openapi: '3.0.3', info: { title: 'x', version: '1' } }, "the document has no 'paths'."],
    ['a remote $ref', { openapi: '3.0.3', paths: { '/a': { get: { parameters: [{ $ref: 'https://example.com/p.yaml#/P' }], responses: {} } } } }, "'$ref' https://example.com/p.yaml#/P points outside the local files; download it and refer to the copy."],
    ['a $ref to nothing', { openapi: '3.0.3', paths: { '/a': { get: { parameters: [{ $ref: '#/components/parameters/Nope' }], responses: {} } } } }, "'$ref' #/components/parameters/Nope names nothing in <document>."],
  ])('%s', (_title, doc, message) => {
    expect(() => importOpenApi(doc as Record<string, unknown>, { provider: 'x' })).toThrow(ImportError);
    expect(() => importOpenApi(doc as Record<string, unknown>, { provider: 'x' })).toThrow(message);
  });

  it('refuses a provider id that is not kebab-case', () => {
    expect(() => importOpenApi(PETSTORE, { provider: 'Pet_Store' })).toThrow("provider id 'Pet_Store' must be lower kebab-case");
  });
});

describe('a document of more than a thousand operations', () => {
  it('imports, one function per operation', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++) {
      paths[`/things${i}/{thingId}`] = {
        get: {
          operationId: `getThing${i}`,
          parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' }, example: 't1' }, { name: 'expand', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { id: 't1' } } } } },
        },
        post: {
          operationId: `updateThing${i}`,
          parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' }, example: 't1' }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', example: 'A' }, tags: { type: 'array', items: { type: 'string' } } } } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { id: 't1' } } } } },
        },
      };
    }
    const doc = {
      openapi: '3.0.3',
      info: { title: 'Many', version: '1' },
      servers: [{ url: 'https://api.many.test' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } } } },
      security: [{ bearer: [] }],
      paths,
    };
    const { files, report } = importOpenApi(doc, { provider: 'many' });
    expect(report.functions).toHaveLength(1200);
    expect(files.size).toBe(1202);
    expect(yamlOf(files, 'update_thing599.yaml').examples[0].request).toEqual({
      method: 'POST',
      url: 'https://api.many.test/things599/t1',
      headers: { authorization: 'Bearer many_test_key', 'content-type': 'application/json' },
      body: { name: 'A' },
    });
  }, 120_000);
});

describe('nullable values', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Pages', version: '1' },
    servers: [{ url: 'https://api.pages.test' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Icon: { type: 'object', properties: { emoji: { type: 'string' } } } } },
    security: [{ bearer: [] }],
    paths: {
      '/pages/{id}': {
        patch: {
          operationId: 'updatePage',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'p1' }, { name: 'since', in: 'query', schema: { type: ['string', 'null'] } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    icon: { oneOf: [{ $ref: '#/components/schemas/Icon' }, { type: 'null' }] },
                    title: { type: ['string', 'null'] },
                    meta: { type: 'object', properties: { note: { type: 'string', nullable: true } } },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } },
        },
      },
    },
  };

  it('are nullable in a JSON body, at any depth, and stay as they were in the query', () => {
    const { files } = importOpenApi(doc, { provider: 'pages' });
    const params = yamlOf(files, 'update_page.yaml').parameters;
    expect(params.icon).toMatchObject({ type: 'object', nullable: true });
    expect(params.title).toMatchObject({ type: 'string', nullable: true });
    expect(params.meta.properties.note).toMatchObject({ type: 'string', nullable: true });
    expect(params.since.nullable).toBeUndefined();
  });
});
