import { bindings } from '@switchboard/bindings';
import { RepeatedPageError } from '@switchboard/runtime';
import { describe, expect, it } from 'vitest';
import { cliErrorOf } from '../src/cli/error-body.js';
import { isPaginated } from '../src/invoke.js';
import { toolOf } from '../src/mcp/catalog-tools.js';
import { run as switchboard } from '../src/main.js';

/*
 * Walking every page from the CLI (`--all`), Lua (`{ all_pages = true }`) and MCP (`all_pages`).
 * The walks themselves run against a local server in test/local-server/every-example.test.ts.
 */

const entries = bindings.flatMap((provider) => provider.functions.filter((f) => f.available).map((fn) => ({ provider, fn })));
const paginated = entries.filter(({ fn }) => isPaginated(fn));
const single = entries.find(({ fn }) => !isPaginated(fn) && fn.operation === 'read')!;

async function run(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, cwd: process.cwd() };
  return switchboard(args, io).then((code) => ({ code, ...out }));
}

describe('all pages', () => {
  it('is an argument of the MCP tools of paginated lists, and of no other tool', () => {
    expect(paginated.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const properties = toolOf(entry, { providers: {} }).inputSchema.properties as Record<string, unknown>;
      expect(Object.hasOwn(properties, 'all_pages'), entry.fn.qualified).toBe(isPaginated(entry.fn));
    }
  });

  it('is refused for a function that answers in one page, before any request', async () => {
    const { code, stdout } = await run(['call', single.fn.qualified, '{}', '--all', '--sandbox', '--json']);
    const envelope = JSON.parse(stdout) as { success: boolean; error: { code: string; message: string } };
    expect(code).toBe(2);
    expect(envelope.error).toMatchObject({ code: 'invalid_option', message: expect.stringContaining('is not a paginated list') });
  });
});

describe('all pages in the sandbox', () => {
  it('end where the documented examples run out (a page repeating the last, or a next page none documents), and say so', async () => {
    // Every paginated list callable without arguments; whichever of them have examples whose cursors do not chain.
    const callable = paginated.filter(({ fn }) => fn.parameters.every((p) => !p.required));
    const ended: string[] = [];
    for (const { fn } of callable) {
      const { stdout } = await run(['call', fn.qualified, '{}', '--all', '--sandbox', '--json']);
      const envelope = JSON.parse(stdout) as { success: boolean; data: unknown; meta: { sandbox_walk_ended?: boolean }; error?: { code: string } };
      // What ends a walk in the sandbox ends it quietly; a sandbox answer of the wrong shape still fails loudly.
      expect(envelope.success, `${fn.qualified}: ${JSON.stringify(envelope.error)}`).toBe(true);
      expect(Array.isArray(envelope.data), fn.qualified).toBe(true);
      if (envelope.meta.sandbox_walk_ended === true) ended.push(fn.qualified);
    }
    expect(ended.length).toBeGreaterThan(0);
    // Off --json, the note says it on stderr.
    const { code, stderr } = await run(['call', ended[0]!, '{}', '--all', '--sandbox']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\(sandbox: the walk ends after \d+ items, where the documented examples run out\)/);
  }, 120_000);

  it('outside the sandbox, a repeated page stays a pagination failure', () => {
    const known = cliErrorOf(new RepeatedPageError('acme.list', 'page 2 repeated page 1'));
    expect([known.code, known.exit]).toEqual(['pagination', 1]);
  });
});
