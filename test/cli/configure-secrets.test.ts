/**
 * `configure` asks for secret fields instead of taking them on the command line: hidden on a
 * terminal, one line per secret field from piped standard input. `--set` with a secret still
 * works, and warns without echoing it.
 */

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { CLI, REPO, switchboard } from '../support.js';

const provider = bindings.find((p) => p.fields.some((f) => f.secret))!;
const secrets = provider.fields.filter((f) => f.secret);
const SECRET = 'sk_test_do_not_print_me_7f3a';
// A provider whose account needs a non-secret field without a default (a subdomain, a user name), from the catalog.
const needy = bindings.find((p) => p.fields.some((f) => f.secret) && p.fields.some((f) => !f.secret && f.default === null && !p.provider.fields.find((s) => s.key === f.key)?.optional));

const home = () => mkdtempSync(join(tmpdir(), 'switchboard-secrets-'));
const stored = (dir: string) => (JSON.parse(readFileSync(join(dir, 'accounts.json'), 'utf8')) as { providers: Record<string, { accounts: Record<string, Record<string, string>> }> }).providers[provider.id]!.accounts;

/** Run with standard input read from a file, as a shell redirect or pipe gives it. */
function withStdin(args: string[], input: string, dir: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'switchboard-stdin-')), 'in');
  writeFileSync(file, input);
  const fd = openSync(file, 'r');
  try {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, SWITCHBOARD_HOME: dir }, encoding: 'utf8', stdio: [fd, 'pipe', 'pipe'] });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    closeSync(fd);
  }
}

describe('configure reads secrets without putting them on the command line', () => {
  it('reads one line per secret field from standard input, and never prints them', () => {
    const dir = home();
    const run = withStdin(['configure', provider.id, '--account', 'work', '--json'], secrets.map((f, i) => `${SECRET}${i}\n`).join(''), dir);
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(JSON.parse(run.stdout).data.credentials_set).toEqual(secrets.map((f) => f.key));
    expect(stored(dir).work).toEqual(Object.fromEntries(secrets.map((f, i) => [f.key, `${SECRET}${i}`])));
  });

  it.runIf(needy !== undefined)('says which fields without a default the account still lacks, once the secrets are saved', () => {
    if (!needy) return;
    const lacking = needy.fields.filter((f) => !f.secret && f.default === null && !needy.provider.fields.find((s) => s.key === f.key)?.optional).map((f) => f.key);
    const dir = home();
    const asked = needy.fields.filter((f) => f.secret);
    const run = withStdin(['configure', needy.id, '--account', 'solo', '--json'], asked.map((_, i) => `${SECRET}${i}\n`).join(''), dir);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).data.missing_fields).toEqual(lacking);
    const human = withStdin(['configure', needy.id, '--account', 'solo2'], asked.map((_, i) => `${SECRET}${i}\n`).join(''), dir);
    expect(human.stdout + human.stderr).toContain(`Still unset: ${lacking.join(', ')}`);
  });

  it('a line with a Windows line ending keeps no carriage return', () => {
    const dir = home();
    expect(withStdin(['configure', provider.id], `${SECRET}\r\n`, dir).status).toBe(0);
    expect(stored(dir).default![secrets[0]!.key]).toBe(SECRET);
  });

  it('more lines than secret fields is a usage error, and nothing is saved', () => {
    const dir = home();
    const run = withStdin(['configure', provider.id], `${Array.from({ length: secrets.length + 1 }, () => SECRET).join('\n')}\n`, dir);
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(existsSync(join(dir, 'accounts.json'))).toBe(false);
  });

  it('with nothing on standard input and no terminal, says how to give the secret', () => {
    const run = switchboard(['configure', provider.id], { env: { SWITCHBOARD_HOME: home() } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`hint: Pipe ${secrets.map((f) => f.key).join(', ')} on standard input`);
  });

  it('--set with a secret still works, and warns on stderr without echoing it', () => {
    const dir = home();
    const run = switchboard(['configure', provider.id, '--set', `${secrets[0]!.key}=${SECRET}`], { env: { SWITCHBOARD_HOME: dir } });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`warning: --set ${secrets[0]!.key}=… puts a secret in your shell history`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(stored(dir).default![secrets[0]!.key]).toBe(SECRET);
  });

  it('--help with --set saves nothing', () => {
    const dir = home();
    const run = switchboard(['configure', provider.id, '--set', `${secrets[0]!.key}=${SECRET}`, '--help'], { env: { SWITCHBOARD_HOME: dir } });
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'accounts.json'))).toBe(false);
  });
});

// util-linux `script` gives the CLI a real pseudo-terminal; without it this part cannot run here.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('configure on a terminal', () => {
  it('asks for each secret field with the typed text hidden', async () => {
    const dir = home();
    const command = `"${process.execPath}" "${CLI}" configure ${provider.id}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, SWITCHBOARD_HOME: dir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = 0;
    // Each secret is typed once its prompt is on the screen, as a person would: no timing involved.
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const prompts = screen.split(', hidden;').length - 1;
      while (answered < prompts && answered < secrets.length) child.stdin.write(`${SECRET}${answered++}\r`);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    expect(screen).toContain(`${secrets[0]!.label} (${secrets[0]!.key}, hidden`);
    expect(screen).not.toContain(SECRET);
    expect(stored(dir).default).toEqual(Object.fromEntries(secrets.map((f, i) => [f.key, `${SECRET}${i}`])));
  }, 90_000);
});
