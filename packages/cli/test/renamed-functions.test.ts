import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionBinding, ProviderBinding } from '@switchboard/bindings';
import { findFunction } from '../src/registry.js';

/** A provider binding with one function renamed from `old_name`; only the fields name lookup reads are filled. */
const renamed = { name: 'new_name', aliases: ['old_name'], renamedFrom: [{ name: 'old_name', removedIn: '4.0.0' }], qualified: 'example.new_name' } as FunctionBinding;
const provider = { id: 'example', functions: [renamed] } as ProviderBinding;

let warnings: string[];
const listen = (warning: Error) => warnings.push(warning.message);
beforeEach(() => {
  warnings = [];
  process.on('warning', listen);
});
afterEach(() => {
  process.off('warning', listen);
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('an old function name (renamed_from) in scripts and the CLI', () => {
  it('still finds the function, and warns once what to use instead', async () => {
    expect(findFunction(provider, 'old_name')).toBe(renamed);
    expect(findFunction(provider, 'old_name')).toBe(renamed);
    await settle();
    expect(warnings).toEqual(['example.old_name is deprecated and is removed in version 4.0.0; use example.new_name.']);
  });

  it('says nothing for the current name', async () => {
    expect(findFunction(provider, 'new_name')).toBe(renamed);
    await settle();
    expect(warnings).toEqual([]);
  });
});
