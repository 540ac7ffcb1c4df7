import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { sandboxRequested } from '../sandbox.js';
import { readSettingsFor } from '../settings-file.js';

const VERSION = '0.1.0';

/** `switchboard mcp serve [...]` and `switchboard mcp config [...]`. */
export async function mcpCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      integration: { type: 'string', multiple: true },
      write: { type: 'string' },
      account: { type: 'string' },
      sandbox: { type: 'boolean' },
      'max-result-chars': { type: 'string' },
      http: { type: 'string' },
    },
  });
  const write = values.write ?? 'deny';
  if (write !== 'deny' && write !== 'allow') throw new UsageError(`--write takes deny or allow, not '${write}'.`);
  const maxResultChars = Number(values['max-result-chars'] ?? 50_000);
  if (!(maxResultChars > 0)) throw new UsageError('--max-result-chars takes a positive number.');

  if (sub === 'config') {
    const argv = ['mcp', 'serve', ...(values.integration ?? []).flatMap((i) => ['--integration', i]), ...(write === 'allow' ? ['--write', 'allow'] : [])];
    io.stdout.write(`${JSON.stringify({ mcpServers: { switchboard: { command: 'npx', args: ['switchboard', ...argv] } } }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (sub !== 'serve') throw new UsageError('use `switchboard mcp serve` or `switchboard mcp config`.');

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
    version: VERSION,
  };

  if (values.http !== undefined) {
    const port = Number(values.http);
    if (!Number.isInteger(port) || port < 0) throw new UsageError('--http takes a port number.');
    const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
    // Stateless: a fresh server and transport per request, so no session state can leak between clients.
    const http = createServer(async (request, response) => {
      if (request.url !== '/mcp') {
        response.writeHead(404).end();
        return;
      }
      const server = createGateway(options);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response);
    });
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    const address = http.address() as { port: number };
    io.stderr.write(`switchboard MCP gateway on http://127.0.0.1:${address.port}/mcp\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    http.close();
    return EXIT.ok;
  }

  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createGateway(options);
  await server.connect(new StdioServerTransport());
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  return EXIT.ok;
}
