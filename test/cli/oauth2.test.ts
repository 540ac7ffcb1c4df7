import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { serverNameOf, type OAuth2ClientCredentialsSpec, type OperationSpec } from '@switchboard/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, readCatalog, REPO, runCli, switchboard } from '../support.js';
import { successExamples } from '../sandbox/arguments.js';

/**
 * OAuth2 client credentials end to end: one loopback server stands in for both the token
 * endpoint and the API (each reached through its own base-URL override), and the same function
 * runs through the TypeScript client, `switchboard call`, `switchboard lua` and the MCP gateway.
 * The function is found in the catalog: the first documented read on an OAuth2 server.
 */

const operationOf = (fn: FunctionBinding): OperationSpec | null => ('unavailable' in fn.spec ? null : fn.spec);
const oauth2Of = (provider: ProviderBinding, fn: FunctionBinding): OAuth2ClientCredentialsSpec | null => {
  const op = operationOf(fn);
  const auth = op ? provider.provider.servers[serverNameOf(op)]?.auth : undefined;
  return auth?.kind === 'oauth2_client_credentials' ? auth : null;
};

const target = bindings
  .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn, auth: oauth2Of(provider, fn), example: successExamples(fn)[0] })))
  .find((c) => c.auth !== null && c.fn.operation === 'read' && c.example !== undefined && operationOf(c.fn)!.endpoint.kind === 'fixed');

/** JSON-like data as a Lua table constructor (keys quoted, so any key works). */
function luaLiteral(value: unknown): string {
  if (Array.isArray(value)) return `{ ${value.map(luaLiteral).join(', ')} }`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `[${JSON.stringify(k)}] = ${luaLiteral(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

const SECRET = 'oauth2-e2e-client-secret';
/** Tokens look like nothing else in the output, so finding one there is unambiguous. */
const tokenNumber = (n: number) => `tok-e2e-${n}-9f3c1a`;

/** The environment variable overriding one server of the provider, as `switchboard` spells it. */
function baseUrlVariable(provider: ProviderBinding, server: string): string {
  const prefix = provider.fields[0]!.accountEnvTemplate.split('{ACCOUNT}')[0]!;
  return `${prefix}BASE_URL${server === 'default' ? '' : `_${server.toUpperCase()}`}`;
}

/** The loopback server: `/token…` is the token endpoint, `/api…` the API, which refuses the tokens `refuse` names. */
interface Fake {
  origin: string;
  tokenRequests: Array<{ authorization: string; body: string }>;
  apiRequests: Array<{ method: string; url: string; authorization: string }>;
  expiresIn: number;
  refuse: (token: string) => boolean;
}

const fake: Fake = { origin: '', tokenRequests: [], apiRequests: [], expiresIn: 3600, refuse: () => false };
let server: Server;
let issued = 0;

describe.skipIf(!target)('OAuth2 client credentials through TS, CLI, Lua and MCP against one local server', () => {
  const { provider, fn, auth, example } = target!;
  const op = operationOf(fn)!;
  const serverName = serverNameOf(op);
  const tokenPrefix = '/token';
  const apiPrefix = '/api';
  /** A token endpoint refusing every client. */
  const REFUSING_TOKEN_ENDPOINT = '/refusing';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === `${tokenPrefix}${auth!.tokenPath}`) {
          fake.tokenRequests.push({ authorization: req.headers.authorization ?? '', body });
          issued += 1;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: tokenNumber(issued), token_type: 'Bearer', expires_in: fake.expiresIn }));
          return;
        }
        if (req.url?.startsWith(REFUSING_TOKEN_ENDPOINT)) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: 'Unknown client' }));
          return;
        }
        const authorization = req.headers.authorization ?? '';
        fake.apiRequests.push({ method: req.method ?? '', url: req.url ?? '', authorization });
        if (fake.refuse(authorization.replace(/^Bearer /, ''))) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 401, message: `token ${authorization} is expired`, status: 'UNAUTHENTICATED' } }));
          return;
        }
        res.writeHead(example!.response.status, { 'content-type': 'application/json' }).end(JSON.stringify(example!.response.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    fake.tokenRequests.length = 0;
    fake.apiRequests.length = 0;
    fake.expiresIn = 3600;
    fake.refuse = () => false;
  });

  const fieldValue = (key: string) => (key === auth!.clientSecretField ? SECRET : provider.fields.find((f) => f.key === key)!.example);
  const baseURL = () => ({ [serverName]: `${fake.origin}${apiPrefix}`, [auth!.tokenServer]: `${fake.origin}${tokenPrefix}` });
  const env = (): Record<string, string> => ({
    SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-oauth2-')),
    SWITCHBOARD_SANDBOX: '',
    ...Object.fromEntries(provider.fields.map((f) => [f.env, fieldValue(f.key)])),
    [baseUrlVariable(provider, serverName)]: `${fake.origin}${apiPrefix}`,
    [baseUrlVariable(provider, auth!.tokenServer)]: `${fake.origin}${tokenPrefix}`,
  });
  const expectNoCredentials = (text: string) => {
    for (let n = 1; n <= issued; n++) expect(text).not.toContain(tokenNumber(n));
    expect(text).not.toContain(SECRET);
  };

  /** The generated TypeScript client of the provider, found by the method the catalog names. */
  async function tsClient(options: Record<string, unknown> = {}): Promise<Record<string, (args: unknown) => Promise<unknown>>> {
    const method = readCatalog().providers.find((p) => p.id === provider.id)!.functions.find((f) => f.name === fn.name) as unknown as { names: { typescript: string } };
    const module = (await import(provider.packageName)) as Record<string, unknown>;
    const ClientClass = Object.values(module).find((value) => typeof value === 'function' && typeof (value as { prototype?: Record<string, unknown> }).prototype?.[method.names.typescript] === 'function') as new (o: object) => object;
    const client = new ClientClass({ ...Object.fromEntries(provider.fields.map((f) => [f.option, fieldValue(f.key)])), env: {}, baseURL: baseURL(), ...options }) as Record<string, (args: unknown) => Promise<unknown>>;
    return { call: (args: unknown) => client[method.names.typescript]!.call(client, args) };
  }

  it('TypeScript: concurrent calls share one token fetch, sent with the client credentials as the spec says', async () => {
    const client = await tsClient();
    const results = await Promise.all(Array.from({ length: 8 }, () => client.call!(example!.arguments)));
    expect(results).toEqual(Array.from({ length: 8 }, () => example!.response.body));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.tokenRequests[0]!.body).toContain('grant_type=client_credentials');
    if (auth!.clientAuth === 'basic') expect(fake.tokenRequests[0]!.authorization).toBe(`Basic ${btoa(`${fieldValue(auth!.clientIdField)}:${SECRET}`)}`);
    expect(fake.apiRequests).toHaveLength(8);
    expect(new Set(fake.apiRequests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${tokenNumber(issued)}`]));
    expect(fake.apiRequests[0]!.url.startsWith(`${apiPrefix}/`)).toBe(true);
  });

  it('TypeScript: an expired token is refreshed once, however many calls need it', async () => {
    fake.expiresIn = 600;
    let now = 1_000_000;
    const client = await tsClient({ now: () => now });
    await client.call!(example!.arguments);
    const first = tokenNumber(issued);
    now += 600_000; // the token has run out
    await Promise.all(Array.from({ length: 4 }, () => client.call!(example!.arguments)));
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.authorization)).toEqual([`Bearer ${first}`, ...Array.from({ length: 4 }, () => `Bearer ${tokenNumber(issued)}`)]);
  });

  it('TypeScript: a 401 triggers exactly one refresh and one retry; a second 401 is an error without the token', async () => {
    const client = await tsClient();
    const firstToken = tokenNumber(issued + 1);
    fake.refuse = (token) => token === firstToken;
    expect(await client.call!(example!.arguments)).toEqual(example!.response.body);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.authorization)).toEqual([`Bearer ${firstToken}`, `Bearer ${tokenNumber(issued)}`]);

    fake.refuse = () => true;
    const failure = (await (await tsClient()).call!(example!.arguments).catch((e: unknown) => e)) as Error;
    expect(failure.constructor.name).toBe('AuthenticationError');
    expectNoCredentials(`${failure.message} ${JSON.stringify(failure)} ${String(failure.stack)}`);
  });

  it('`switchboard call`: base-URL variables move the API and the token endpoint; the dry run fetches no token', async () => {
    const cliEnv = env();
    const dry = switchboard(['call', fn.qualified, JSON.stringify(example!.arguments), '--dry-run', '--json'], { env: cliEnv });
    expect(dry.status).toBe(0);
    const shown = JSON.parse(dry.stdout) as { data: { headers: Record<string, string> }; meta: { base_urls: Record<string, unknown>; token_url: string } };
    expect(shown.data.headers.authorization).toBe('Bearer [REDACTED]');
    expect(Object.keys(shown.meta.base_urls).sort()).toEqual([serverName, auth!.tokenServer].sort());
    // Where the client secret would go is shown, moved with the token server.
    expect(shown.meta.token_url).toBe(`${fake.origin}${tokenPrefix}${auth!.tokenPath}`);
    expect(fake.tokenRequests).toHaveLength(0);

    const firstToken = tokenNumber(issued + 1);
    fake.refuse = (token) => token === firstToken; // the first token is refused: one refresh, one retry
    const run = await runCli(['call', fn.qualified, JSON.stringify(example!.arguments), '--json'], cliEnv);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { data: unknown }).data).toEqual(example!.response.body);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(2);
    expectNoCredentials(run.stdout + run.stderr + dry.stdout + dry.stderr);
  });

  // PayPal's token endpoint is on its API host: moving only the API must not send the real secret to the real provider.
  it('TypeScript: moving the API server but not the token server is refused before any request', async () => {
    const client = await tsClient({ baseURL: { [serverName]: `${fake.origin}${apiPrefix}` } });
    const failure = (await client.call!(example!.arguments).catch((e: unknown) => e)) as Error & { option?: string };
    expect(failure.constructor.name).toBe('InvalidOptionError');
    expect(failure.option).toBe('baseURL');
    expect(failure.message).toContain(`an override of the OAuth2 token server '${auth!.tokenServer}' as well`);
    expect(failure.message).toContain(baseUrlVariable(provider, auth!.tokenServer));
    expect(fake.tokenRequests).toHaveLength(0);
    expect(fake.apiRequests).toHaveLength(0);
    expectNoCredentials(`${failure.message} ${String(failure.stack)}`);
  });

  it('`switchboard call`: a base-URL variable for the API server alone is refused, in the dry run too, naming the token server\'s variable', async () => {
    const { [baseUrlVariable(provider, auth!.tokenServer)]: _moved, ...apiOnly } = env();
    for (const extra of [['--dry-run'], []]) {
      const run = await runCli(['call', fn.qualified, JSON.stringify(example!.arguments), '--json', ...extra], apiOnly);
      expect(run.status).toBe(2);
      const envelope = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      expect(envelope.error.code).toBe('invalid_option');
      expect(envelope.error.message).toContain(baseUrlVariable(provider, auth!.tokenServer));
      expectNoCredentials(run.stdout + run.stderr);
    }
    expect(fake.tokenRequests).toHaveLength(0);
    expect(fake.apiRequests).toHaveLength(0);
  });

  it('`switchboard call`: a refused token endpoint is a clear error without the secret', async () => {
    const cliEnv = { ...env(), [baseUrlVariable(provider, auth!.tokenServer)]: `${fake.origin}${REFUSING_TOKEN_ENDPOINT}` };
    const run = await runCli(['call', fn.qualified, JSON.stringify(example!.arguments), '--json'], cliEnv);
    expect(run.status).not.toBe(0);
    const envelope = JSON.parse(run.stdout) as { success: boolean; error: { code: string; message: string } };
    expect(envelope.success).toBe(false);
    expect(envelope.error.message).toContain(`OAuth2 client credentials for ${fake.origin}${REFUSING_TOKEN_ENDPOINT}${auth!.tokenPath} were refused: the token endpoint answered 401 invalid_client: Unknown client.`);
    expect(fake.apiRequests).toHaveLength(0);
    expectNoCredentials(run.stdout + run.stderr);
  });

  it('`switchboard lua`: several calls in one script share one token', async () => {
    const script = `local args = ${luaLiteral(example!.arguments)}\nfor i = 1, 3 do ${fn.luaPath}(args) end\nprint("done")`;
    const run = await runCli(['lua', '--json', '-e', script], env());
    const envelope = JSON.parse(run.stdout) as { success: boolean; data: { output: string }; error: unknown };
    expect(envelope.error ?? null).toBeNull();
    expect(envelope).toMatchObject({ success: true, data: { output: 'done\n' } });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(3);
    expectNoCredentials(run.stdout + run.stderr);
  });

  describe('MCP (official SDK client)', () => {
    const connect = async (args: string[], mcpEnv: Record<string, string>) => {
      const client = new Client({ name: 'switchboard-oauth2-tests', version: '1.0.0' });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', ...args], env: { ...process.env, ...mcpEnv } as Record<string, string>, cwd: REPO, stderr: 'pipe' }));
      return client;
    };

    it('the tool answers in sandbox mode from the mock token endpoint and API', async () => {
      const client = await connect(['--sandbox'], { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-oauth2-mcp-')), SWITCHBOARD_SANDBOX: '' });
      try {
        const result = await client.callTool({ name: fn.mcpTool, arguments: example!.arguments });
        expect(result.isError ?? false, JSON.stringify(result.content).slice(0, 300)).toBe(false);
        expect(result.structuredContent).toEqual(example!.response.body);
      } finally {
        await client.close();
      }
      expect(fake.tokenRequests).toHaveLength(0);
    }, 60_000);

    it('against the local server, tool calls of one session share one token', async () => {
      const client = await connect([], env());
      try {
        for (let i = 0; i < 3; i++) {
          const result = await client.callTool({ name: fn.mcpTool, arguments: example!.arguments });
          expect(result.isError ?? false, JSON.stringify(result.content).slice(0, 300)).toBe(false);
          expectNoCredentials(JSON.stringify(result));
        }
      } finally {
        await client.close();
      }
      expect(fake.tokenRequests).toHaveLength(1);
      expect(fake.apiRequests).toHaveLength(3);
    }, 60_000);
  });
});

describe('the catalog', () => {
  it('has a documented read on an OAuth2 server for the tests above', () => {
    expect(target?.fn.qualified).toEqual(expect.any(String));
  });
});
