import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  /** An OAuth2 server's command first asks `url` for a token; the sandbox answers `accessToken`. */
  curlToken?: { url: string; accessToken: string };
  /** Files a multipart command uploads from its working directory, by name, in base64. */
  curlFiles?: Record<string, string>;
  /** A download's documented file, and the name the command saves it as. */
  responseFile?: { filename: string | null; content_type: string; content_base64: string };
  saves?: string;
  request: ExampleRequest;
}

const examples = JSON.parse(readFileSync(join(REPO, 'packages/docs/examples.json'), 'utf8')) as DocsExample[];

/**
 * The real curl runs each documented command unchanged, with two options appended to every curl
 * in it (a shell function of that name): `--connect-to` sends the connection to a local HTTPS
 * server (the URL, Host header and TLS name stay the documented ones) and `--insecure` accepts
 * that server's throwaway certificate. Each request is handed to the next waiting test step,
 * which may give the JSON to answer with (a token endpoint's).
 */
let server: Server;
let port: number;
/** What a step answers: JSON text, a file's bytes with their headers, or nothing (204). */
type Answer = string | { bytes: Buffer; headers: Record<string, string> } | undefined;
let received: Array<(request: Request) => Answer> = [];

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
      const answer = received.shift()?.(request);
      if (answer === undefined) res.writeHead(204).end();
      else if (typeof answer === 'string') res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      else res.writeHead(200, answer.headers).end(answer.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
}, 60_000);

afterAll(() => server?.close());

/** Runs `command` in a folder of its own holding the files it uploads, as a reader would have them beside it. */
function runCurl(command: string, env: Record<string, string>, files: Record<string, string> = {}): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'switchboard-curl-files-'));
  for (const [name, base64] of Object.entries(files)) writeFileSync(join(cwd, name), Buffer.from(base64, 'base64'));
  return new Promise((resolve, reject) => {
    const viaLocalServer = `curl() { command curl "$@" --silent --show-error --connect-to ::127.0.0.1:${port} --insecure; }`;
    execFile('sh', ['-c', `${viaLocalServer}\n${command}`], { cwd, env: { PATH: process.env.PATH, ...env } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`curl failed: ${stderr}`)) : resolve(cwd),
    );
  });
}

describe('every curl command shown in the docs sends the documented request (real curl, local server)', () => {
  it('has curl on this machine', () => {
    expect(execFileSync('curl', ['--version'], { encoding: 'utf8' })).toMatch(/^curl \d/);
  });

  it.each(examples.map((e) => [`${e.function}: ${e.title}`, e] as const))('%s', async (_name, example) => {
    const token = example.curlToken;
    const tokenAsked = token
      ? new Promise<Request>((resolve) =>
          received.push((request) => {
            resolve(request);
            return JSON.stringify({ access_token: token.accessToken, token_type: 'Bearer', expires_in: 32400 });
          }),
        )
      : null;
    const file = example.responseFile;
    const bytes = file ? Buffer.from(file.content_base64, 'base64') : null;
    const arrived = new Promise<Request>((resolve) =>
      received.push((request) => {
        resolve(request);
        return file && bytes ? { bytes, headers: { 'content-type': file.content_type } } : undefined;
      }),
    );
    const cwd = await runCurl(example.curl, example.curlEnv, example.curlFiles);
    // A download's command saves the answer's bytes as the file it names.
    if (bytes) expect(readFileSync(join(cwd, example.saves!))).toEqual(bytes);
    if (token && tokenAsked) {
      // The client-credentials grant, with the reader's own secret from its variable (RFC 6749 §4.4).
      const asked = await tokenAsked;
      expect(`${asked.method} ${asked.url}`).toBe(`POST ${token.url}`);
      const form = new URLSearchParams(await asked.text());
      expect(form.get('grant_type')).toBe('client_credentials');
      const basic = asked.headers.get('authorization');
      const secret = basic?.startsWith('Basic ') ? Buffer.from(basic.slice(6), 'base64').toString().split(':')[1] : form.get('client_secret');
      expect(Object.values(example.curlEnv)).toContain(secret);
    }
    // The request itself carries the token the sandbox answered with, as documented.
    const recorded = await recordRequest(await arrived);
    expect(requestDifferences(recorded, example.request)).toEqual([]);
  });

  it('fetches an OAuth2 access token first where the documented request carries one', () => {
    const withToken = examples.filter((e) => e.curlToken !== undefined);
    for (const e of withToken) expect(e.curl).toContain(`Bearer '"\${ACCESS_TOKEN}"`);
    for (const e of withToken) expect(e.curl).not.toContain(e.curlToken!.accessToken);
  });

  it('reads the secrets from environment variables, never printing them', () => {
    const withSecret = examples.filter((e) => Object.keys(e.curlEnv).length > 0);
    expect(withSecret.length).toBeGreaterThan(0);
    for (const e of withSecret) for (const value of Object.values(e.curlEnv)) expect(e.curl).not.toContain(value);
  });
});
