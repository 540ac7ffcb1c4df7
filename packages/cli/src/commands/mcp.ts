import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT, UsageError, type CliIo } from '../io.js';
import type { CommandHandler, CommandInput, Reply } from '../cli/reply.js';
import { sandboxRequested } from '../sandbox.js';
import { readSettingsFor } from '../settings-file.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { bindings } from '../registry.js';
import { cliVersion } from '../cli/version.js';

/** Shortest SWITCHBOARD_MCP_TOKEN accepted: a guessable token would defeat the point of one. */
const MIN_TOKEN_LENGTH = 16;

/** The committed bin shim (`packages/cli/bin/switchboard.js`), by absolute path. */
const BIN_SCRIPT = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));

/** The options `mcp serve` and `mcp config` share, as commander parsed them. */
interface ServeValues {
  integration?: string[];
  write?: string;
  account?: string;
  sandbox?: boolean;
  'max-result-chars'?: string;
  http?: string;
  host?: string;
  'allowed-host'?: string[];
  'allowed-origin'?: string[];
  'base-url'?: string[];
  /** Search-first mode and upstream servers (mcp/serve-options.ts); `file` is install's .mcp.json. */
  tools?: string;
  'mcp-config'?: string;
  file?: string;
}

function valuesOf(options: CommandInput['options']): ServeValues {
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  const list = (key: string) => (Array.isArray(options[key]) ? (options[key] as string[]) : undefined);
  return {
    integration: list('integration'),
    write: text('write'),
    account: text('account'),
    sandbox: options.sandbox === true,
    'max-result-chars': text('maxResultChars'),
    http: text('http'),
    host: text('host'),
    'allowed-host': list('allowedHost'),
    'allowed-origin': list('allowedOrigin'),
    'base-url': list('baseUrl'),
    tools: text('tools'),
    'mcp-config': text('mcpConfig'),
    file: text('file'),
  };
}

export const mcpServeCommand: CommandHandler = async ({ options, io }) => ({ data: null, exit: await mcpCommand('serve', valuesOf(options), io) });

export const mcpConfigCommand: CommandHandler = async ({ options, io }) => {
  let entry: unknown;
  await mcpCommand('config', valuesOf(options), io, (printed) => (entry = printed));
  // Without --json the entry itself, ready to paste into a client's configuration.
  return { data: entry, text: JSON.stringify(entry, null, 2) } satisfies Reply;
};

export const mcpInstallCommand: CommandHandler = async ({ options, io }) => {
  const values = valuesOf(options);
  let entry: Record<string, unknown> = {};
  await mcpCommand('install', values, io, (printed) => (entry = printed as Record<string, unknown>));
  const { installEntry } = await import('../mcp/serve-options.js');
  const { path, outcome } = installEntry(entry, values.file, io.cwd);
  const said = { created: 'created', added: 'added to', replaced: 'updated in', unchanged: 'already in' }[outcome];
  return { data: { path, outcome, entry }, text: `switchboard MCP server ${said} ${path}` } satisfies Reply;
};

/** `switchboard mcp serve [...]` and `switchboard mcp config [...]`. */
async function mcpCommand(sub: 'serve' | 'config' | 'install', values: ServeValues, io: CliIo, print?: (entry: unknown) => void): Promise<0 | 1 | 2> {
  const write = values.write ?? 'deny';
  if (write !== 'deny' && write !== 'allow') throw new UsageError(`--write takes deny or allow, not '${write}'.`);
  const maxResultChars = Number(values['max-result-chars'] ?? 50_000);
  if (!(maxResultChars > 0)) throw new UsageError('--max-result-chars takes a positive number.');
  const integrations = values.integration ?? [];
  // A bare --base-url URL is allowed when the gateway serves one provider.
  const inScope = bindings.filter((p) => integrations.length === 0 || integrations.includes(p.id) || integrations.includes(p.namespace));
  const baseUrlFlags = parseBaseUrlFlags(values['base-url'] ?? [], inScope);

  const { parseServeExtras, serveExtrasArgs } = await import('../mcp/serve-options.js');
  const extras = parseServeExtras(values, io.cwd);

  if (sub === 'config' || sub === 'install') {
    if (values.http !== undefined || values.host !== undefined || values['allowed-host'] || values['allowed-origin']) {
      throw new UsageError(`mcp ${sub} writes a stdio entry; --http, --host, --allowed-host and --allowed-origin apply to \`mcp serve\` only.`);
    }
    // Absolute paths, so the entry works whatever directory the MCP client starts it in.
    const serveArgs = [
      'mcp',
      'serve',
      ...(values.integration ?? []).flatMap((i) => ['--integration', i]),
      ...(write === 'allow' ? ['--write', 'allow'] : []),
      ...(values.account ? ['--account', values.account] : []),
      ...(values.sandbox ? ['--sandbox'] : []),
      ...(values['max-result-chars'] ? ['--max-result-chars', values['max-result-chars']] : []),
      ...(values['base-url'] ?? []).flatMap((b) => ['--base-url', b]),
      ...serveExtrasArgs(extras),
    ];
    const entry = {
      command: process.execPath,
      args: [BIN_SCRIPT, ...serveArgs],
      // MCP clients start servers with a minimal environment; a non-default settings directory must travel with the entry.
      ...(process.env.SWITCHBOARD_HOME ? { env: { SWITCHBOARD_HOME: process.env.SWITCHBOARD_HOME } } : {}),
    };
    // `config` prints the entry; `install` writes it into an .mcp.json.
    print?.(sub === 'install' ? entry : { mcpServers: { switchboard: entry } });
    return EXIT.ok;
  }
  if (values.http === undefined && (values.host !== undefined || values['allowed-host'] || values['allowed-origin'])) {
    throw new UsageError('--host, --allowed-host and --allowed-origin apply to --http only.');
  }

  const sandbox = sandboxRequested(values.sandbox, process.env);
  const { createGateway } = await import('../mcp/gateway.js');
  const options = {
    integrations: values.integration ?? [],
    write: write as 'deny' | 'allow',
    account: values.account ?? 'default',
    sandbox,
    maxResultChars,
    settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)),
    env: process.env,
    version: cliVersion(),
    baseUrlFlags,
    ...(await import('../mcp/serve-options.js')).gatewayExtras(extras, cliVersion()),
  };

  if (values.http !== undefined) {
    const port = Number(values.http);
    if (!/^\d+$/.test(values.http) || port > 65535) throw new UsageError('--http takes a port number (0 picks a free one).');
    const address = values.host ?? '127.0.0.1';
    if (address !== 'localhost' && isIP(address) === 0) throw new UsageError('--host takes an IP address (127.0.0.1, ::1, 0.0.0.0, …) or localhost.');
    const allowedOrigins = (values['allowed-origin'] ?? []).map((origin) => {
      const parsed = URL.canParse(origin) ? new URL(origin) : null;
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin === 'null') throw new UsageError('--allowed-origin takes an origin such as http://localhost:6274.');
      return parsed.origin.toLowerCase();
    });
    const { allowedHostnamesFor, generateToken, isLoopback } = await import('../mcp/http-guard.js');
    const configured = process.env.SWITCHBOARD_MCP_TOKEN ?? '';
    if (configured !== '' && configured.length < MIN_TOKEN_LENGTH) throw new UsageError(`SWITCHBOARD_MCP_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters.`);
    // Beyond loopback other machines can connect: never without a token.
    const token = configured !== '' ? configured : isLoopback(address) ? null : generateToken();
    const guard = { allowedHostnames: allowedHostnamesFor(address, values['allowed-host'] ?? []), allowedOrigins: new Set(allowedOrigins), token };

    const { listenGateway } = await import('../mcp/http-server.js');
    let listening;
    try {
      listening = await listenGateway(options, guard, address, port);
    } catch (error) {
      throw new CliError('cannot_listen', `cannot listen on ${address} port ${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, EXIT.failure);
    }
    const { http, port: bound } = listening;
    const local = isLoopback(address) ? (isIP(address) === 6 ? `[${address}]` : address) : '127.0.0.1';
    io.stderr.write(`switchboard MCP gateway on http://${local}:${bound}/mcp${isLoopback(address) ? '' : ` (listening on ${address}, port ${bound})`}\n`);
    if (token !== null && configured === '') {
      io.stderr.write(`bearer token (send Authorization: Bearer <token>; set SWITCHBOARD_MCP_TOKEN to choose one): ${token}\n`);
    } else if (token !== null) io.stderr.write('requests must carry Authorization: Bearer with the token in SWITCHBOARD_MCP_TOKEN\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    http.close();
    await options.upstream?.close();
    return EXIT.ok;
  }

  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createGateway(options);
  await server.connect(new StdioServerTransport());
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await options.upstream?.close();
  return EXIT.ok;
}
