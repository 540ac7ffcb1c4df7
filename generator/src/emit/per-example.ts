import type { Example, Func, Provider } from '../model.js';
import { tsExample } from './render/ts-example.js';
import { curlCommand } from './render/curl.js';
import { luaExample } from './lua/lua-literal.js';

/**
 * A pure function of one example (with its function and provider), computed once however many
 * emitters show it: the docs page, the docs' examples.json, the contract tests' example modules
 * and the Lua reference all show the same snippets, and the model is never changed once built.
 * Kept beside the example object itself, so it goes when the provider's model does.
 */
export function perExample<T>(compute: (provider: Provider, func: Func, example: Example) => T): (provider: Provider, func: Func, example: Example) => T {
  const memo = new WeakMap<Example, { provider: Provider; func: Func; value: T }>();
  return (provider, func, example) => {
    const known = memo.get(example);
    if (known && known.provider === provider && known.func === func) return known.value;
    const value = compute(provider, func, example);
    memo.set(example, { provider, func, value });
    return value;
  };
}

/** The TypeScript snippet of an example (docs page, contract tests' example module). */
export const shownTsExample = perExample(tsExample);
/** The Lua snippet of an example (docs page, Lua reference page, bindings' example list). */
export const shownLuaExample = perExample((_provider, func, example) => luaExample(func, example));
/** The curl command of an example (docs page, examples.json). */
export const shownCurlCommand = perExample(curlCommand);
