/**
 * The User-Agent a request carries under Node: node:http sends none of its own, and GitHub refuses
 * a request without one (403). Sent through the real Node transport to a loopback server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { RUNTIME_VERSION } from '../src/version.js';
import { loopback, type Loopback } from './loopback.js';
import { sendSms, telnyx, TELNYX_KEY } from './support.js';

const open: Loopback[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

async function answering(): Promise<Loopback> {
  const server = await loopback((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"data":{"id":"m1"}}');
  });
  open.push(server);
  return server;
}

const expected = `switchboard/${RUNTIME_VERSION} (node ${process.versions.node})`;

describe('User-Agent', () => {
  it('names the runtime and Node on every request, and the dry run shows it', async () => {
    const server = await answering();
    const core = new Core(telnyx, { apiKey: TELNYX_KEY, baseURL: server.url });
    await core.call(sendSms, { to: '+19175550188', text: 'hi' });
    expect(server.headers[0]!['user-agent']).toBe(expected);
    expect(core.prepare(sendSms, { to: '+19175550188', text: 'hi' }).headers['user-agent']).toBe(expected);
  });

  it("gives way to the caller's own, from defaultHeaders or one request's headers", async () => {
    const server = await answering();
    const core = new Core(telnyx, { apiKey: TELNYX_KEY, baseURL: server.url, defaultHeaders: { 'User-Agent': 'Awesome-Octocat-App' } });
    await core.call(sendSms, { to: '+19175550188', text: 'hi' });
    await core.call(sendSms, { to: '+19175550188', text: 'hi' }, { headers: { 'user-agent': 'one-request/1.0' } });
    expect(server.headers.map((h) => h['user-agent'])).toEqual(['Awesome-Octocat-App', 'one-request/1.0']);
  });

  it('carries the version package.json says', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(RUNTIME_VERSION).toBe(pkg.version);
  });
});
