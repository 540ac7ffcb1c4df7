import { readFileSync } from 'node:fs';
import { bindings } from '@switchboard/bindings';
import { describe, expect, it } from 'vitest';
import { parameterFlag } from '../src/args.js';
import { run as switchboard } from '../src/main.js';

async function run(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, cwd: process.cwd() };
  // Through the real command line, as `switchboard call … --help`.
  return switchboard(args, io).then((code) => ({ code, ...out }));
}

// The function with the most parameters, from the catalog (none is named here).
const fn = bindings.flatMap((p) => p.functions).reduce((most, f) => (f.parameters.length > most.parameters.length ? f : most));

describe('call <provider.fn> --help', () => {
  it("lists the function's parameters as their flags, with type, whether required and description", async () => {
    const { code, stdout } = await run(['call', fn.qualified, '--help']);
    expect(code).toBe(0);
    const section = stdout.slice(stdout.indexOf(`Parameters of ${fn.qualified}`));
    expect(section).not.toBe('');
    for (const p of fn.parameters) {
      const line = section.split('\n').find((l) => l.trimStart().startsWith(`${parameterFlag(p.name) ?? JSON.stringify(p.name)} <${p.type}>`));
      expect(line, p.name).toBeDefined();
      expect(line!.includes('Required.'), p.name).toBe(p.required);
    }
  });

  it("shows each function's documented examples as the very commands its docs page shows (which the docs tests run), in place of the generic ones", async () => {
    // The docs' own record of every CLI example, from the other output: help and page must not drift apart.
    const docs = JSON.parse(readFileSync(new URL('../../docs/examples.json', import.meta.url), 'utf8')) as Array<{ function: string; title: string; cli: string; expectsError: boolean }>;
    const documented = bindings.flatMap((p) => p.functions).filter((f) => f.available && docs.some((d) => d.function === f.qualified));
    expect(documented.length).toBeGreaterThan(0);
    for (const f of documented) {
      const { code, stdout } = await run(['call', f.qualified, '--help']);
      expect(code).toBe(0);
      const section = stdout.slice(stdout.indexOf(`Examples of ${f.qualified} (from its docs`));
      expect(section.startsWith('Examples of'), f.qualified).toBe(true);
      const lines = section.split('\n\n')[0]!.split('\n').slice(1);
      const expected = docs.filter((d) => d.function === f.qualified).flatMap((d) => [`  # ${d.title}${d.expectsError ? ' (the provider answers HTTP ' : ''}`, `  ${d.cli}`]);
      expect(lines.length, f.qualified).toBe(expected.length);
      lines.forEach((line, i) => expect(line.startsWith(expected[i]!), `${f.qualified}: ${line}`).toBe(true));
      expect(lines.filter((l) => l.includes('(the provider answers HTTP ')).length).toBe(docs.filter((d) => d.function === f.qualified && d.expectsError).length);
    }
  });

  it('says what is sent in place of a parameter the call leaves out', async () => {
    // Every such parameter of the catalog, whichever providers have them.
    const sent = bindings.flatMap((p) => p.functions).flatMap((f) => f.parameters.filter((p) => p.sentWhenOmitted !== undefined).map((p) => ({ f, p })));
    expect(sent.length).toBeGreaterThan(0);
    for (const { f, p } of sent) {
      const { stdout } = await run(['call', f.qualified, '--help']);
      const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`${parameterFlag(p.name) ?? JSON.stringify(p.name)} <`));
      expect(line, `${f.qualified} ${p.name}`).toContain(`Sent as ${JSON.stringify(p.sentWhenOmitted)} when not given.`);
      expect(f.inputSchema, `${f.qualified} ${p.name}`).toMatchObject({ properties: { [p.name]: { default: p.sentWhenOmitted } } });
    }
  });

  it('is the plain call help without a function, and for a name that is none', async () => {
    for (const args of [['call', '--help'], ['call', 'nope.nothing', '--help']]) {
      const { code, stdout } = await run(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage:\n  switchboard call');
      expect(stdout).not.toContain('Parameters of');
    }
  });
});

describe('parameter flags', () => {
  it("are the kebab-case name, except where a CLI option has it: then the parameter is a payload key only", () => {
    expect(parameterFlag('page_size')).toBe('--page-size');
    for (const name of ['account', 'dry_run', 'force', 'json', 'base_url', 'idempotency_key']) expect(parameterFlag(name), name).toBeNull();
  });
});
