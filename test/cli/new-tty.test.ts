import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasScript, ptySession } from '../pty.js';
import { CLI, switchboard } from '../support.js';

/**
 * `switchboard new provider|function` asks what its flags leave out, but only on a terminal:
 * answered in a real pseudo-terminal, the YAML it writes validates; piped, it asks nothing and
 * never waits for an answer.
 */

function emptyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-new-tty-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  mkdirSync(join(root, 'specs'));
  return root;
}

const yamlAt = (path: string) => parse(readFileSync(path, 'utf8')) as Record<string, any>;

describe.skipIf(!hasScript)('switchboard new on a terminal', () => {
  it('asks for the provider\'s display name, auth kind and base URL, and writes what was answered', async () => {
    const cwd = emptyProject();
    const pty = ptySession(['new', 'provider', 'acme-mail'], { cwd });
    await pty.typeAfter(/Display name \[acme-mail\]: $/, 'Acme Mail\r');
    await pty.typeAfter(/Auth kind \(bearer, basic, api_key_header, api_key_query, none\) \[bearer\]: $/, 'api_key_header\r');
    await pty.typeAfter(/Base URL \[https:\/\/api\.acme-mail\.example\.com\]: $/, 'https://api.acme-mail.test/v2\r');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).toContain('Wrote specs/acme-mail/provider.yaml; it validates as it is.\nFill in next:\n');
    const provider = yamlAt(join(cwd, 'specs/acme-mail/provider.yaml'));
    expect(provider).toMatchObject({ id: 'acme-mail', name: 'Acme Mail', servers: { default: { url: 'https://api.acme-mail.test/v2' } } });
    expect(Object.values(provider.auth)).toEqual([expect.objectContaining({ type: 'api_key', in: 'header' })]);
    expect(readFileSync(join(cwd, 'specs/acme-mail/provider.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../generator/schema/provider.schema.json');
  }, 60_000);

  it('asks for a function\'s method, path and read or write; Enter takes the default, and an answer not offered is asked again', async () => {
    const cwd = emptyProject();
    expect(switchboard(['new', 'provider', 'acme-mail', '--name', 'Acme Mail'], { cwd }).status).toBe(0);
    const pty = ptySession(['new', 'function', 'acme-mail', 'send_message'], { cwd });
    await pty.typeAfter(/Method \(GET, POST, PUT, PATCH, DELETE\) \[GET\]: $/, 'SEND\r');
    await pty.typeAfter(/'SEND' is not one of GET, POST, PUT, PATCH, DELETE; try again\.\nMethod \(GET, POST, PUT, PATCH, DELETE\) \[GET\]: $/, 'post\r');
    await pty.typeAfter(/Path \(placeholders as \{name\}\) \[\/send-message\]: $/, '/mailboxes/{mailbox_id}/messages\r');
    await pty.typeAfter(/read or write \[write\]: $/, '\r');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).toContain('Wrote specs/acme-mail/send_message.yaml; it validates as it is.\n');
    const func = yamlAt(join(cwd, 'specs/acme-mail/send_message.yaml'));
    expect(func).toMatchObject({ name: 'send_message', operation: 'write', request: { method: 'POST', path: '/mailboxes/{mailbox_id}/messages' } });
    expect(func.parameters.mailbox_id).toMatchObject({ required: true });

    const validate = switchboard(['validate'], { cwd });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toBe('1 providers, 1 functions: all specs valid.\n');
  }, 60_000);

  it('asks only what the flags leave out', async () => {
    const cwd = emptyProject();
    const pty = ptySession(['new', 'provider', 'acme-mail', '--name', 'Acme Mail', '--auth', 'bearer'], { cwd });
    await pty.typeAfter(/Base URL \[https:\/\/api\.acme-mail\.example\.com\]: $/, '\r');
    expect(await pty.exited).toBe(0);
    expect(pty.output()).not.toMatch(/Display name|Auth kind/);
    expect(yamlAt(join(cwd, 'specs/acme-mail/provider.yaml')).servers.default.url).toBe('https://api.acme-mail.example.com');
  }, 60_000);
});

describe('switchboard new off a terminal', () => {
  it('asks nothing and does not wait on an open stdin: flags and defaults decide', async () => {
    const cwd = emptyProject();
    // stdin is a pipe that stays open: a command that asked would wait here for ever.
    const child = spawn(process.execPath, [CLI, 'new', 'provider', 'acme-mail', '--base-url', 'https://api.acme-mail.test'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.destroy();
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/\[.*\]: /);
    expect(yamlAt(join(cwd, 'specs/acme-mail/provider.yaml'))).toMatchObject({ name: 'Acme Mail', servers: { default: { url: 'https://api.acme-mail.test' } } });
    expect(switchboard(['validate'], { cwd }).status).toBe(0);
  }, 60_000);
});
