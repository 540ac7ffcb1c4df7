import type { HttpBinding, Parameter, UnavailableBinding } from '../model.js';
import type { Report } from './build-function.js';
import type { RawFunction } from './spec-types.js';

/** The name under which the CLI (`--idempotency-key`), Lua and MCP take a caller's key. */
export const IDEMPOTENCY_KEY_OPTION = 'idempotency_key';

/**
 * `idempotency: { header }`: only a write that sends a request needs a key
 * (a read is retried anyway), and the header must not also be sent by a
 * parameter or a constant, which would send two different keys.
 */
export function buildIdempotency(raw: RawFunction, binding: HttpBinding | UnavailableBinding, parameters: Parameter[], report: Report): { header: string } | null {
  const spec = raw.idempotency;
  if (!spec) return null;
  if (binding.kind === 'unavailable') {
    report(['idempotency'], `an unavailable function sends no request, so it has no 'idempotency': remove it, or remove 'unavailable'.`, 'key');
    return null;
  }
  if (raw.operation !== 'write') {
    report(['idempotency'], `'idempotency' is for writes: a read is retried anyway and needs no key.`, 'key');
    return null;
  }
  const header = spec.header;
  const same = (name: string) => name.toLowerCase() === header.toLowerCase();
  const parameter = parameters.find((p) => p.location === 'header' && same(p.wireName));
  if (parameter) {
    report(['idempotency', 'header'], `parameter '${parameter.name}' already sends the header '${parameter.wireName}'; remove the parameter (callers pass their own key with the idempotencyKey option, --idempotency-key, or idempotency_key in Lua and MCP).`);
    return null;
  }
  // The CLI, Lua and MCP take the caller's key under this name, beside the function's own arguments.
  const named = parameters.find((p) => p.name === IDEMPOTENCY_KEY_OPTION);
  if (named) {
    report(['parameters', named.name], `'${IDEMPOTENCY_KEY_OPTION}' names the call option of a function with 'idempotency' (the caller's own key in the CLI, Lua and MCP); rename the parameter.`, 'key');
    return null;
  }
  const constant = Object.keys(binding.constants.header).find(same);
  if (constant !== undefined) {
    report(['idempotency', 'header'], `request.constants.header already sends '${constant}'; a constant key would make every call the same one to the provider.`);
    return null;
  }
  return { header };
}
