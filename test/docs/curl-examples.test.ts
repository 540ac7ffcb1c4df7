import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordRequest, requestDifferences, type ExampleRequest } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

interface DocsExample {
  function: string;
  title: string;
  curl: string;
  curlEnv: Record<string, string>;
  request: ExampleRequest;
}

const examples = JSON.parse(readFileSync(join(REPO, 'packages/docs/examples.json'), 'utf8')) as DocsExample[];

/**
 * The real curl runs each documented command unchanged, with two options appended:
 * `--connect-to` sends the connection to a local HTTPS server (the URL, Host header and TLS
 * name stay the documented ones) and `--insecure` accepts that server's throwaway certificate.
 */
let server: Server;
let port: number;
let received: Array<(request: Request) => void> = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-curl-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`https://${req.headers.host}${req.url}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit);
      received.shift()?.(request);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
}, 60_000);

afterAll(() => server?.close());

function runCurl(command: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', `${command} --silent --show-error --connect-to ::127.0.0.1:${port} --insecure`], { env: { PATH: process.env.PATH, ...env } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`curl failed: ${stderr}`)) : resolve(),
    );
  });
}

describe('every curl command shown in the docs sends the documented request (real curl, local server)', () => {
  it('has curl on this machine', () => {
    expect(execFileSync('curl', ['--version'], { encoding: 'utf8' })).toMatch(/^curl \d/);
  });

  it.each(examples.map((e) => [`${e.function}: ${e.title}`, e] as const))('%s', async (_name, example) => {
    const arrived = new Promise<Request>((resolve) => received.push(resolve));
    await runCurl(example.curl, example.curlEnv);
    const recorded = await recordRequest(await arrived);
    expect(requestDifferences(recorded, example.request)).toEqual([]);
  });

  it('reads the secrets from environment variables, never printing them', () => {
    const withSecret = examples.filter((e) => Object.keys(e.curlEnv).length > 0);
    expect(withSecret.length).toBeGreaterThan(0);
    for (const e of withSecret) for (const value of Object.values(e.curlEnv)) expect(e.curl).not.toContain(value);
  });
});
