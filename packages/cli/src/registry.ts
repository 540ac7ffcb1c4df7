import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { warnDeprecatedOnce } from '@switchboard/runtime';

export interface ResolvedFunction {
  provider: ProviderBinding;
  fn: FunctionBinding;
}

/** Every name a function answers to within its provider: canonical name and aliases. */
function namesOf(fn: FunctionBinding): string[] {
  return [fn.name, ...fn.aliases];
}

export function findProvider(idOrNamespace: string): ProviderBinding | undefined {
  return bindings.find((p) => p.id === idOrNamespace || p.namespace === idOrNamespace);
}

export function findFunction(provider: ProviderBinding, name: string): FunctionBinding | undefined {
  const fn = provider.functions.find((f) => namesOf(f).includes(name));
  const old = fn?.renamedFrom?.find((r) => r.name === name);
  // An old name still answers, and says once (on stderr) what to use instead.
  if (fn && old) warnDeprecatedOnce(`${provider.id}.${old.name}`, `${provider.id}.${old.name} is deprecated and is removed in version ${old.removedIn}; use ${fn.qualified}.`);
  return fn;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Up to five close names, nearest first. */
export function suggestions(word: string, candidates: string[]): string[] {
  return candidates
    .map((c) => ({ c, d: distance(word, c) }))
    .filter(({ c, d }) => d <= Math.max(3, Math.floor(word.length / 2)) || c.includes(word) || word.includes(c))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 5)
    .map(({ c }) => c);
}

export class UnknownFunctionError extends Error {}

/** `telnyx.send_sms` (or `retell_ai.create_call`) → the binding, or an error with suggestions. */
export function resolveQualified(name: string): ResolvedFunction {
  const dot = name.indexOf('.');
  const providerId = dot < 0 ? name : name.slice(0, dot);
  const fnName = dot < 0 ? '' : name.slice(dot + 1);
  const provider = findProvider(providerId);
  if (!provider) {
    const hint = suggestions(providerId, bindings.map((p) => p.id));
    throw new UnknownFunctionError(`Unknown integration function: ${name}.${hint.length ? ` Did you mean: ${hint.join(', ')}?` : ''} See \`switchboard list\`.`);
  }
  const fn = findFunction(provider, fnName);
  if (!fn) {
    const hint = suggestions(fnName, provider.functions.map((f) => f.name));
    throw new UnknownFunctionError(
      `Unknown integration function: ${name}.${hint.length ? ` Did you mean: ${hint.map((h) => `${provider.id}.${h}`).join(', ')}?` : ''} See \`switchboard list\`.`,
    );
  }
  return { provider, fn };
}

export { bindings };
