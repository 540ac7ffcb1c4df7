import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { UsageError } from './io.js';
import { didYouMean, suggestions } from './suggest.js';

export { suggestions };
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

/** A `provider.fn` that names nothing in the catalog: a usage error (exit 2) whose hint holds the close names. */
export class UnknownFunctionError extends UsageError {}

/** A provider named by id or namespace, or a usage error suggesting close ids. */
export function requireProvider(name: string | undefined): ProviderBinding {
  const ids = bindings.map((p) => p.id);
  if (!name) throw new UsageError('name a provider.', { code: 'missing_argument', hint: `Providers: ${ids.join(', ')}.` });
  const provider = findProvider(name);
  if (provider) return provider;
  throw new UsageError(`no provider '${name}'.`, { code: 'unknown_provider', hint: `${didYouMean(name, ids) ?? `Providers: ${ids.join(', ')}.`} See \`switchboard list\`.` });
}

/** `telnyx.send_sms` (or `retell_ai.create_call`) → the binding, or an error with suggestions. */
export function resolveQualified(name: string): ResolvedFunction {
  const dot = name.indexOf('.');
  const providerId = dot < 0 ? name : name.slice(0, dot);
  const fnName = dot < 0 ? '' : name.slice(dot + 1);
  const provider = findProvider(providerId);
  if (!provider) {
    const hint = didYouMean(providerId, bindings.map((p) => p.id));
    throw new UnknownFunctionError(`Unknown integration function: ${name}.`, { code: 'unknown_provider', hint: `${hint ? `${hint} ` : ''}See \`switchboard list\`.` });
  }
  const fn = findFunction(provider, fnName);
  if (!fn) {
    const hint = didYouMean(fnName, provider.functions.map((f) => f.name), (h) => `${provider.id}.${h}`);
    throw new UnknownFunctionError(`Unknown integration function: ${name}.`, { code: 'unknown_function', hint: `${hint ? `${hint} ` : ''}See \`switchboard docs ${provider.id}\`.` });
  }
  return { provider, fn };
}

export { bindings };
