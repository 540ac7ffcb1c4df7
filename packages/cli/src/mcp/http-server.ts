import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createGateway, type GatewayOptions } from './gateway.js';
import { checkRequest, type HttpGuard } from './http-guard.js';

/** A JSON-RPC error body, the shape the SDK itself answers refused requests with. */
function refuse(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/**
 * The gateway over Streamable HTTP at `/mcp`, stateless: a fresh server and transport per request,
 * so no session state can leak between clients. Every request passes the guard first.
 */
export async function listenGateway(options: GatewayOptions, guard: HttpGuard, address: string, port: number): Promise<{ http: HttpServer; port: number }> {
  const http = createServer(async (request, response) => {
    const verdict = checkRequest(request.headers, guard);
    if (!verdict.ok) {
      refuse(response, verdict.status, verdict.message, verdict.status === 401 ? { 'www-authenticate': 'Bearer realm="switchboard"' } : {});
      return;
    }
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
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response);
    } catch (error) {
      if (!response.headersSent) refuse(response, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, address, () => {
      http.off('error', reject);
      resolve();
    });
  });
  return { http, port: (http.address() as AddressInfo).port };
}
