/**
 * Old names kept after a rename (spec `renamed_from`): calls under them still work, and say once
 * per process what to use instead, so a program's log shows each deprecation without repeating
 * it on every call.
 */
import { ValidationError } from './errors.js';
import type { OperationSpec } from './spec.js';

const warned = new Set<string>();

/** Where warnings go: Node's process warnings (silenced with --no-deprecation), or the console elsewhere. */
export type DeprecationSink = (message: string) => void;

const defaultSink: DeprecationSink = (message) => {
  const proc = (globalThis as { process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, { type: 'DeprecationWarning', code: 'SWITCHBOARD_DEPRECATED_NAME' });
  else console.warn(`DeprecationWarning: ${message}`);
};

let sink: DeprecationSink = defaultSink;

/** Say `message` the first time `key` is used in this process, and never again. */
export function warnDeprecatedOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  sink(message);
}

/** @internal For tests: collect warnings instead of printing them, and forget which were given. */
export function setDeprecationSink(next: DeprecationSink | null): void {
  sink = next ?? defaultSink;
  warned.clear();
}

/**
 * The arguments with every old parameter name moved to its new name, each old name warned about
 * once. Giving both names is refused, since it is unclear which value was meant.
 */
export function renameDeprecatedArguments(spec: OperationSpec, args: Record<string, unknown>): Record<string, unknown> {
  const renamed = spec.renamedParams;
  if (!renamed) return args;
  let out = args;
  for (const [old, to] of Object.entries(renamed)) {
    if (!Object.hasOwn(args, old) || args[old] === undefined) continue;
    if (args[to.name] !== undefined && args[to.name] !== null) {
      throw new ValidationError(spec.id, [{ path: old, problem: `is the deprecated name of '${to.name}'; give only '${to.name}'` }]);
    }
    warnDeprecatedOnce(`${spec.id}(${old})`, `${spec.id}: parameter '${old}' is deprecated and is removed in version ${to.removedIn}; use '${to.name}'.`);
    if (out === args) out = { ...args };
    out[to.name] = out[old];
    delete out[old];
  }
  return out;
}
