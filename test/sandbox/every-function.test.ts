import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { invoke, type InvokeContext } from '@switchboard/cli/dist/invoke.js';
import { nonExampleArguments, schemaProblems, successExamples } from './arguments.js';

const home = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-'));
const context = (): InvokeContext => ({ settings: { providers: {} }, env: { SWITCHBOARD_HOME: home }, sandbox: true, force: true, dryRun: false, log: [] });

const available = bindings.flatMap((provider) => provider.functions.filter((fn) => fn.available).map((fn) => [provider, fn] as [ProviderBinding, FunctionBinding]));

async function sandboxAnswer(provider: ProviderBinding, fn: FunctionBinding, args: Record<string, unknown>, account = 'default'): Promise<unknown> {
  return (await invoke(provider, fn, args, account, context())).data;
}

describe('every sandbox answer matches the function that was called', () => {
  it('covers every available function of the catalog', () => {
    expect(available.length).toBe(bindings.reduce((n, p) => n + p.functions.filter((f) => f.available).length, 0));
    expect(available.length).toBeGreaterThan(0);
  });

  it.each(available.map(([p, fn]) => [fn.qualified, p, fn] as const))('%s: documented example arguments', async (_name, provider, fn) => {
    const examples = successExamples(fn);
    expect(examples.length, `${fn.qualified} has no successful example`).toBeGreaterThan(0);
    for (const example of examples) {
      const data = await sandboxAnswer(provider, fn, example.arguments);
      expect(schemaProblems(fn.outputSchema, data), `${fn.qualified} (${example.title})`).toEqual([]);
    }
  });

  it.each(available.map(([p, fn]) => [fn.qualified, p, fn] as const))('%s: valid arguments no example documents', async (_name, provider, fn) => {
    const args = nonExampleArguments(fn);
    // Only a function without parameters has no arguments besides the documented ones.
    if (args === null) return expect(Object.keys((fn.inputSchema.properties ?? {}) as object)).toEqual([]);
    const data = await sandboxAnswer(provider, fn, args);
    expect(schemaProblems(fn.outputSchema, data), `${fn.qualified} with ${JSON.stringify(args)}`).toEqual([]);
  });
});
