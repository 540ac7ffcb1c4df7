/**
 * Shapes seen in published documents that the first fixtures did not have: operations and
 * path items kept in files of their own, `allOf` members and property maps from other files,
 * headers typed as booleans. Each document here is small and made up; the shapes (and some
 * names) follow DigitalOcean's, Twilio's, Discord's and Box's published documents.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from '../src/index.js';
import { problems, specsDir, withoutReviews } from './support.js';

const yamlOf = (files: Map<string, string>, name: string) => parse(files.get(name)!) as Record<string, any>;

/** A folder holding the files (path → value, written as YAML); returns the path of the first. */
function documentFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-shapes-'));
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), stringify(value));
  }
  return join(dir, Object.keys(files)[0]!);
}

const base = {
  openapi: '3.0.3',
  info: { title: 'Cloud', version: '2' },
  externalDocs: { url: 'https://docs.cloud.test/api' },
  servers: [{ url: 'https://api.cloud.test' }],
  components: { securitySchemes: { bearer_auth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer_auth: [] }],
};

describe('operations and path items in files of their own', () => {
  const root = () =>
    documentFiles({
      'openapi.yaml': {
        ...base,
        paths: {
          '/v2/droplets': { get: { $ref: 'resources/droplets/droplets_list.yml' } },
          '/v2/droplets/{droplet_id}': { $ref: 'resources/droplets/droplet_item.yml' },
        },
      },
      'resources/droplets/droplets_list.yml': {
        operationId: 'droplets_list',
        summary: 'List all droplets',
        parameters: [{ $ref: '../../shared/parameters.yml#/region' }, { name: 'tag_name', in: 'query', required: true, schema: { type: 'string' }, example: 'env:prod' }],
        responses: { '200': { $ref: 'responses/all_droplets.yml' } },
      },
      'resources/droplets/responses/all_droplets.yml': {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: '../models/droplet_list.yml' }, example: { droplets: [{ id: 3164444 }] } } },
      },
      'resources/droplets/models/droplet_list.yml': { type: 'object', properties: { droplets: { type: 'array', items: { $ref: 'droplet.yml' } } } },
      'resources/droplets/models/droplet.yml': { type: 'object', properties: { id: { type: 'integer' } } },
      'resources/droplets/droplet_item.yml': {
        parameters: [{ $ref: 'parameters.yml#/droplet_id' }],
        delete: { $ref: 'droplets_destroy.yml' },
      },
      'resources/droplets/droplets_destroy.yml': { operationId: 'droplets_destroy', summary: 'Delete a droplet', responses: { '204': { description: 'gone' } } },
      'resources/droplets/parameters.yml': { droplet_id: { name: 'droplet_id', in: 'path', required: true, description: 'The droplet.', schema: { type: 'integer', minimum: 1 }, example: 3164444 } },
      'shared/parameters.yml': { region: { name: 'region', in: 'query', description: 'A region slug.', schema: { type: 'string', maxLength: 8 }, example: 'nyc3' } },
    });

  it('are read from their files, with the refs inside them resolved from there', () => {
    const { files, report } = importOpenApi(root(), { provider: 'cloud' });
    expect([...files.keys()].filter((f) => !f.startsWith('.')).sort()).toEqual(['droplets_destroy.yaml', 'droplets_list.yaml', 'provider.yaml']);
    const list = yamlOf(files, 'droplets_list.yaml');
    expect(list.title).toBe('List all droplets');
    expect(list.parameters.tag_name).toMatchObject({ type: 'string', required: true });
    expect(list.parameters.region).toMatchObject({ type: 'string', max_length: 8, description: 'A region slug.' });
    expect(list.response.schema.properties.droplets.items).toEqual({ type: 'object', properties: { id: { type: 'integer' } } });
    const destroy = yamlOf(files, 'droplets_destroy.yaml');
    expect(destroy.parameters.droplet_id).toMatchObject({ type: 'integer', minimum: 1, required: true });
    expect(destroy.response ?? {}).toEqual({});
    expect(report.functions.flatMap((f) => f.review)).toEqual([]);
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('take their security requirement into account', () => {
    const { security: _security, ...open } = base;
    const doc = documentFiles({
      'openapi.yaml': { ...open, paths: { '/v2/account': { get: { $ref: 'account_get.yml' } } } },
      'account_get.yml': { operationId: 'account_get', security: [{ bearer_auth: [] }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } } },
    });
    const { files } = importOpenApi(doc, { provider: 'cloud' });
    expect(yamlOf(files, 'provider.yaml').auth).toEqual({ bearer_auth: { type: 'bearer', token: 'api_key' } });
  });
});

describe('schemas put together from other files', () => {
  it('keeps the refs of an allOf member from another file pointing where that file meant', () => {
    const doc = documentFiles({
      'openapi.yaml': {
        ...base,
        paths: { '/v2/account/keys': { get: { operationId: 'sshKeys_list', responses: { '200': { $ref: 'resources/ssh_keys/responses/all.yml' } } } } },
      },
      'resources/ssh_keys/responses/all.yml': {
        description: 'ok',
        content: {
          'application/json': {
            schema: { allOf: [{ properties: { ssh_keys: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } } } }, { $ref: '../../../shared/pages.yml#/pagination' }] },
            example: { ssh_keys: [{ id: 289794 }], links: { pages: { next: 'https://api.cloud.test/v2/account/keys?page=2' } } },
          },
        },
      },
      'shared/pages.yml': {
        pagination: { type: 'object', properties: { links: { $ref: '#/page_links' } } },
        page_links: { type: 'object', properties: { pages: { type: 'object', properties: { next: { type: 'string' } } } } },
      },
    });
    const { files } = importOpenApi(doc, { provider: 'cloud' });
    expect(yamlOf(files, 'provider.yaml').schemas.page_links).toMatchObject({ properties: { pages: { properties: { next: { type: 'string' } } } } });
    expect(yamlOf(files, 'ssh_keys_list.yaml').response.schema.properties.links).toEqual({ $ref: '#/schemas/page_links' });
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('reads a property map given by $ref as the properties it names', () => {
    const doc = documentFiles({
      'openapi.yaml': {
        ...base,
        paths: {
          '/v2/load_balancers': {
            post: {
              operationId: 'load_balancers_create',
              requestBody: { content: { 'application/json': { schema: { $ref: 'models/load_balancer.yml' } } } },
              responses: { '202': { description: 'ok', content: { 'application/json': { schema: { $ref: 'models/load_balancer.yml' }, example: { name: 'lb-1', droplet_ids: [3164444] } } } } },
            },
          },
        },
      },
      'models/load_balancer.yml': {
        allOf: [{ type: 'object', properties: { name: { type: 'string', example: 'lb-1' } } }, { type: 'object', properties: { $ref: 'attributes.yml#/droplet_ids' } }],
      },
      'models/attributes.yml': { droplet_ids: { droplet_ids: { type: 'array', items: { type: 'integer' }, example: [3164444] } } },
    });
    const { files } = importOpenApi(doc, { provider: 'cloud' });
    const create = yamlOf(files, 'load_balancers_create.yaml');
    expect(Object.keys(create.parameters)).toEqual(['name', 'droplet_ids']);
    expect(create.parameters.droplet_ids).toMatchObject({ type: 'array', items: { type: 'integer' } });
    expect(Object.keys(create.response.schema.properties)).toEqual(['name', 'droplet_ids']);
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });
});

describe('headers', () => {
  it('that the document types as booleans or numbers are strings, as the format sends them', () => {
    const doc = {
      ...base,
      paths: {
        '/v2/droplets/{droplet_id}/destroy_with_associated_resources/dangerous': {
          delete: {
            operationId: 'droplets_destroy_dangerous',
            parameters: [
              { name: 'droplet_id', in: 'path', required: true, schema: { type: 'integer' }, example: 3164444 },
              { name: 'X-Dangerous', in: 'header', required: true, schema: { type: 'boolean' }, example: true },
              { name: 'X-Retries', in: 'header', schema: { type: 'integer', default: 2 } },
            ],
            responses: { '202': { description: 'accepted' } },
          },
        },
      },
    };
    const { files } = importOpenApi(doc, { provider: 'cloud' });
    const fn = yamlOf(files, 'droplets_destroy_dangerous.yaml');
    expect(fn.parameters.x_dangerous).toMatchObject({ type: 'string', enum: ['true', 'false'], in: 'header', wire: 'X-Dangerous', required: true });
    expect(fn.parameters.x_retries).toMatchObject({ type: 'string', pattern: '^-?[0-9]+$', default: '2' });
    expect(fn.examples[0].arguments.x_dangerous).toBe('true');
    expect(fn.examples[0].request.headers['x-dangerous']).toBe('true');
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });
});

describe('integers beyond what a JavaScript number holds', () => {
  const doc = {
    ...base,
    paths: {
      '/v2/databases/{database_cluster_uuid}/topics': {
        post: {
          operationId: 'databases_create_kafka_topic',
          parameters: [{ name: 'database_cluster_uuid', in: 'path', required: true, schema: { type: 'string' }, example: '9cc10173' }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    nonce: { type: 'integer', minimum: -9223372036854775808, maximum: 9223372036854775807 },
                    flags: { type: 'integer', enum: [1, 2, 18014398509481984] },
                    flush_ms: { type: 'integer', default: 9223372036854775807 },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'created',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { flush_ms: { type: 'integer' }, mask: { type: 'integer', enum: [1, 18014398509481984] } } },
                  example: { flush_ms: 9223372036854775807, mask: 1 },
                },
              },
            },
          },
        },
      },
    },
  };

  it('leave bounds, enum values and defaults out, and an example holding one asks for review', () => {
    const { files, report } = importOpenApi(doc, { provider: 'cloud' });
    const fn = yamlOf(files, 'databases_create_kafka_topic.yaml');
    expect(fn.parameters.nonce).toEqual({ type: 'integer', description: 'nonce (not described in the OpenAPI document).' });
    expect(fn.parameters.flags.enum).toEqual([1, 2]);
    expect(fn.parameters.flush_ms.default).toBeUndefined();
    expect(fn.response.schema.properties.mask).toEqual({ type: 'integer' });
    expect(report.functions[0]!.review).toEqual([expect.stringMatching(/^examples: the document's example holds integers beyond ±2\^53 \(response\.flush_ms\)/)]);
    // Only the example's own value is left for the loader to point at.
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([expect.stringMatching(/^cloud\/databases_create_kafka_topic\.yaml:\d+:\d+: the integer 9223372036854776000 is beyond/)]);
  });
});

describe('values the document types in ways of its own', () => {
  const doc = {
    ...base,
    components: {
      ...base.components,
      schemas: {
        HasOption: { type: 'string', oneOf: [{ title: 'LINK', const: 'link' }, { title: 'EMBED', const: 'embed' }, { title: 'NO_LINK', const: '-link' }] },
        MetadataFilter: { type: 'object', properties: { scope: { type: 'string' }, templateKey: { type: 'string' } } },
      },
    },
    paths: {
      '/guilds/{guild_id}/messages/search': {
        get: {
          operationId: 'searchGuildMessages',
          parameters: [
            { name: 'guild_id', in: 'path', required: true, schema: { type: 'string' }, example: '1' },
            { name: 'has', in: 'query', schema: { type: 'array', items: { $ref: '#/components/schemas/HasOption' }, maxItems: 18 } },
            { name: 'mdfilters', in: 'query', schema: { type: 'array', items: { $ref: '#/components/schemas/MetadataFilter' } } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { kind: { const: 'search' } } }, example: { kind: 'search' } } } } },
        },
      },
      '/retention_policies': {
        post: {
          operationId: 'post_retention_policies',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    max_extension_length: { oneOf: [{ type: 'string', enum: ['none'] }, { type: 'string', pattern: '^[1-9]\\d*$' }, { type: 'integer', minimum: 1 }], example: '365' },
                    query_params: { type: 'object', additionalProperties: { allOf: [{}, { description: 'A value.' }, { example: '100' }] }, example: { amount: '100' } },
                    // Objects told apart by `kind`: declared by the document, then found by their one-value enums.
                    window: {
                      oneOf: [
                        { type: 'object', required: ['days'], properties: { kind: { const: 'days' }, days: { type: 'integer' } } },
                        { type: 'object', properties: { kind: { type: 'string', enum: ['until'] }, until: { type: 'string', format: 'date' } } },
                      ],
                      discriminator: { propertyName: 'kind' },
                    },
                    scope: { anyOf: [{ type: 'string' }, { type: 'object', properties: { level: { const: 'folder' }, id: { type: 'string' } } }, { type: 'object', properties: { level: { const: 'file' }, id: { type: 'string' } } }] },
                  },
                },
              },
            },
          },
          responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } },
        },
      },
    },
  };

  it('a oneOf of constants is an enum of their values', () => {
    const { files } = importOpenApi(doc, { provider: 'cloud' });
    const fn = yamlOf(files, 'search_guild_messages.yaml');
    expect(fn.parameters.has).toMatchObject({ type: 'array', items: { type: 'string', enum: ['link', 'embed', '-link'] }, array_format: 'repeat', max_items: 18 });
    expect(fn.response.schema.properties.kind).toEqual({ type: 'string', enum: ['search'] });
  });

  it('a list of objects in the query is sent with indexes, and a person checks that', () => {
    const { files, report } = importOpenApi(doc, { provider: 'cloud', operations: ['searchGuildMessages'] });
    expect(yamlOf(files, 'search_guild_messages.yaml').parameters.mdfilters).toMatchObject({ type: 'array', array_format: 'indexed' });
    expect(report.functions[0]!.review).toEqual([expect.stringMatching(/^parameter 'mdfilters' is a list of objects, .* `array_format: indexed` \(mdfilters\[0\]\[key\]=value\)/)]);
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('shapes of one type in a oneOf take the values of each, and a map whose values have no type takes any', () => {
    const { files } = importOpenApi(doc, { provider: 'cloud', operations: ['post_retention_policies'] });
    const params = yamlOf(files, 'post_retention_policies.yaml').parameters;
    expect(params.max_extension_length).toMatchObject({ one_of: [{ type: 'string' }, { type: 'integer', minimum: 1 }] });
    expect(params.query_params).toMatchObject({ type: 'object', additional_properties: true });
    expect(params.window).toMatchObject({ discriminator: 'kind', one_of: [{ type: 'object', properties: { kind: { type: 'string', enum: ['days'], required: true } } }, { type: 'object', properties: { kind: { type: 'string', enum: ['until'], required: true } } }] });
    expect(params.scope).toMatchObject({ discriminator: 'level', one_of: [{ type: 'string' }, { properties: { level: { enum: ['folder'] } } }, { properties: { level: { enum: ['file'] } } }] });
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });
});

describe('success responses', () => {
  const doc = {
    ...base,
    paths: {
      '/v2/gen-ai/models/api_keys': {
        post: {
          operationId: 'genai_create_model_api_key',
          responses: { '410': { description: 'retired', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } }, example: { message: 'retired' } } } } },
        },
      },
      '/v2/account/keys/{id}': {
        put: {
          operationId: 'sshKeys_update',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 512189 }],
          responses: { '200': { description: 'updated', content: { 'application/json': {} } } },
        },
      },
    },
  };

  it('that the document does not give are a review item, and the example agrees with the status written', () => {
    const { files, report } = importOpenApi(doc, { provider: 'cloud' });
    expect(yamlOf(files, 'genai_create_model_api_key.yaml').response).toEqual({ status: 200 });
    expect(report.functions[0]!.review).toEqual([expect.stringMatching(/^response: the document gives no success \(2xx\) response/)]);
    expect(yamlOf(files, 'ssh_keys_update.yaml').response).toEqual({ status: 200 });
    expect(report.functions[1]!.review).toEqual([]);
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });
});

describe('servers named by an operation', () => {
  it('are noted only where they differ from the provider\'s', () => {
    const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } };
    const doc = {
      ...base,
      paths: {
        '/2010-04-01/Accounts.json': { servers: [{ url: 'https://api.cloud.test/' }], get: { operationId: 'ListAccount', responses: ok } },
        '/v1/Services': { servers: [{ url: 'https://messaging.cloud.test' }], get: { operationId: 'ListService', responses: ok } },
      },
    };
    const { report } = importOpenApi(doc, { provider: 'cloud' });
    expect(report.functions.map((f) => f.notes)).toEqual([[], [expect.stringMatching(/^the operation names its own server \(https:\/\/messaging\.cloud\.test\)/)]]);
  });
});

describe('security schemes of published documents', () => {
  const paths = { '/users/@me': { get: { operationId: 'getMe', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } } } } };

  it('an API key in the Authorization header asks for the scheme word before it', () => {
    const doc = { ...base, components: { securitySchemes: { BotToken: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Bot token' } } }, security: [{ BotToken: [] }], paths };
    const { report } = importOpenApi(doc, { provider: 'cloud' });
    expect(report.provider.review).toContainEqual(expect.stringMatching(/^auth\.bot_token: the key goes in the Authorization header, .*\(the document says: "Bot token"\); write `value: \{ template: "<Word> \{api_key\}" \}`/));
  });

  it('none of whose kinds the format has are one review item, not also notes giving another reason', () => {
    const oauth = { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://account.cloud.test/authorize', tokenUrl: 'https://api.cloud.test/oauth2/token', scopes: {} } } };
    const doc = { ...base, components: { securitySchemes: { OAuth2Security: oauth } }, security: [{ OAuth2Security: [] }], paths };
    const { report } = importOpenApi(doc, { provider: 'cloud' });
    expect(report.provider.review).toContainEqual(expect.stringMatching(/^the document's security schemes \(OAuth2Security\) are of kinds the format cannot say/));
    expect(report.provider.notes).toEqual([]);
  });
});

describe('parameters serialized as JSON (`content: application/json` instead of a schema)', () => {
  const root = () =>
    documentFiles({
      'openapi.yaml': {
        ...base,
        paths: {
          '/2.0/search': {
            get: {
              operationId: 'search_for_content',
              summary: 'Search for content',
              parameters: [
                { name: 'query', in: 'query', description: 'The words to find.', schema: { type: 'string' }, example: 'sales' },
                {
                  name: 'mdfilters',
                  in: 'query',
                  description: 'Metadata filters, as JSON.',
                  content: { 'application/json': { schema: { type: 'array', items: { type: 'object', properties: { scope: { type: 'string' }, templateKey: { type: 'string' }, filters: { type: 'object', additionalProperties: true } } } } } },
                  example: [{ scope: 'enterprise', templateKey: 'contract', filters: { category: 'online' } }],
                },
                { name: 'X-Api-Arg', in: 'header', description: 'Where, as JSON.', content: { 'application/json': { schema: { type: 'object', properties: { path: { type: 'string' } } } } }, example: { path: '/Zürich' } },
              ],
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { total_count: { type: 'integer' } } }, example: { total_count: 1 } } } } },
            },
          },
        },
      },
    });

  it('a form field the document encodes as JSON is sent as JSON text too', () => {
    const path = root();
    const doc = parse(readFileSync(path, 'utf8')) as Record<string, any>;
    doc.paths['/v3/messages'] = {
      post: {
        operationId: 'send_message',
        summary: 'Send a message',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', required: ['to'], properties: { to: { type: 'string', example: 'alice@example.com' }, 't:variables': { type: 'object', additionalProperties: true, example: { name: 'Ada' } } } },
              encoding: { 't:variables': { contentType: 'application/json' } },
            },
          },
        },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } }, example: { id: 'm1' } } } } },
      },
    };
    writeFileSync(path, stringify(doc));
    const { files } = importOpenApi(path, { provider: 'cloud' });
    const send = yamlOf(files, 'send_message.yaml');
    expect(send.parameters.t_variables).toMatchObject({ type: 'object', wire: 't:variables', transform: 'json_encode' });
    expect(send.examples[0].request.body).toEqual({ to: 'alice@example.com', 't:variables': '{"name":"Ada"}' });
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('a multipart upload becomes file parameters, and validate builds the documented request', () => {
    const path = root();
    const doc = parse(readFileSync(path, 'utf8')) as Record<string, any>;
    doc.paths['/v3/media'] = {
      post: {
        operationId: 'upload_media',
        summary: 'Upload media',
        requestBody: {
          content: {
            // Both forms offered: only multipart carries the file, so it is chosen.
            'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Upload' } },
            'multipart/form-data': { schema: { $ref: '#/components/schemas/Upload' } },
          },
        },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } }, example: { id: 'm1' } } } } },
      },
    };
    doc.components = { ...(doc.components ?? {}), schemas: { ...(doc.components?.schemas ?? {}), Upload: { type: 'object', required: ['media', 'name'], properties: { media: { type: 'string', format: 'binary', description: 'The file.' }, extra: { type: 'array', items: { type: 'string', format: 'binary' } }, name: { type: 'string', example: 'logo' }, tags: { type: 'array', items: { type: 'string' } } } } } };
    writeFileSync(path, stringify(doc));
    const { files } = importOpenApi(path, { provider: 'cloud' });
    const upload = yamlOf(files, 'upload_media.yaml');
    expect(upload.request.body).toBe('multipart');
    expect(upload.parameters.media).toMatchObject({ type: 'file', required: true, description: 'The file.' });
    expect(upload.parameters.extra).toMatchObject({ type: 'array', items: { type: 'file' } });
    expect(upload.parameters.tags).toMatchObject({ type: 'array', array_format: 'repeat' });
    const [example] = upload.examples;
    expect(example.request.headers['content-type']).toBe('multipart/form-data');
    expect(example.request.body).toEqual({ media: { filename: 'media.bin', content_type: 'application/octet-stream', content_base64: 'AAECAw==' }, name: 'logo' });
    expect(files.get('upload_media.yaml')).toContain('placeholder');
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it("a body that is one file's bytes becomes request.body: binary with a file parameter, and validate builds the documented request", () => {
    const path = root();
    const doc = parse(readFileSync(path, 'utf8')) as Record<string, any>;
    doc.paths['/v3/uploads'] = {
      post: {
        operationId: 'upload_file',
        summary: 'Upload a file',
        parameters: [{ name: 'filename', in: 'query', required: true, schema: { type: 'string' }, example: 'crash.png' }],
        requestBody: { description: 'The file.', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { token: { type: 'string' } } }, example: { token: 't1' } } } } },
      },
    };
    doc.paths['/v3/assets'] = {
      post: {
        operationId: 'upload_asset',
        // No schema, any media type: still the bytes of one file.
        requestBody: { content: { '*/*': {} } },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } },
      },
    };
    writeFileSync(path, stringify(doc));
    const { files } = importOpenApi(path, { provider: 'cloud' });
    const upload = yamlOf(files, 'upload_file.yaml');
    expect(upload.request.body).toBe('binary');
    expect(upload.parameters.file).toEqual({ type: 'file', required: true, description: 'The file.' });
    expect(upload.parameters.filename).toMatchObject({ type: 'string', in: 'query', required: true });
    const [example] = upload.examples;
    expect(example.request.url).toMatch(/\/v3\/uploads\?filename=crash\.png$/);
    expect(example.request.headers['content-type']).toBe('image/png');
    expect(example.request.body).toEqual({ content_type: 'image/png', content_base64: 'AAECAw==' });
    expect(files.get('upload_file.yaml')).toContain('4-byte placeholder');
    const asset = yamlOf(files, 'upload_asset.yaml');
    expect([asset.request.body, asset.examples[0].request.headers['content-type']]).toEqual(['binary', 'application/octet-stream']);
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('a binary answer becomes a download (response.body: file) with a placeholder file, and validates', () => {
    const path = root();
    const doc = parse(readFileSync(path, 'utf8')) as Record<string, any>;
    doc.paths['/v3/media/{media_id}/content'] = {
      get: {
        operationId: 'download_media',
        summary: 'Download media',
        parameters: [{ name: 'media_id', in: 'path', required: true, schema: { type: 'string' }, example: 'm1' }],
        responses: { '200': { description: 'the bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } },
      },
    };
    doc.paths['/v3/invoices/{invoice_id}/document'] = {
      get: {
        operationId: 'get_invoice_document',
        parameters: [{ name: 'invoice_id', in: 'path', required: true, schema: { type: 'string' }, example: 'inv_1' }],
        // Two file types offered: the spec names neither (Accept: */*).
        responses: { '200': { description: 'the invoice', content: { 'application/pdf': {}, 'image/png': {} } } },
      },
    };
    writeFileSync(path, stringify(doc));
    const { files } = importOpenApi(path, { provider: 'cloud' });
    const media = yamlOf(files, 'download_media.yaml');
    expect(media.response).toEqual({ body: 'file', content_type: 'application/octet-stream' });
    expect(media.examples[0].response).toEqual({ status: 200, body: { content_type: 'application/octet-stream', content_base64: 'AAECAw==' } });
    expect(files.get('download_media.yaml')).toContain('4-byte placeholder');
    const invoice = yamlOf(files, 'get_invoice_document.yaml');
    expect(invoice.response).toEqual({ body: 'file' });
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });

  it('are taken whole and sent as JSON text (json_encode), and validate builds the same request', () => {
    const { files } = importOpenApi(root(), { provider: 'cloud' });
    const search = yamlOf(files, 'search_for_content.yaml');
    expect(search.parameters.mdfilters).toMatchObject({ type: 'array', transform: 'json_encode' });
    expect(search.parameters.mdfilters.array_format).toBeUndefined();
    expect(search.parameters.x_api_arg).toMatchObject({ type: 'object', in: 'header', wire: 'X-Api-Arg', transform: 'json_encode' });
    const [example] = search.examples;
    expect(new URL(example.request.url).searchParams.get('mdfilters')).toBe('[{"filters":{"category":"online"},"scope":"enterprise","templateKey":"contract"}]');
    expect(example.request.headers['x-api-arg']).toBe('{"path":"/Z\\u00fcrich"}');
    expect(problems(specsDir({ cloud: withoutReviews(files) }))).toEqual([]);
  });
});
