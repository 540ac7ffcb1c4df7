import { APIConnectionError, APIError, InvalidOptionError, PaginationError, SwitchboardError, ValidationError } from '@switchboard/runtime';
import type { FunctionBinding } from '@switchboard/bindings';
import { CliError, EXIT, UsageError } from '../io.js';
import { CredentialsMissingError, WriteDeniedError } from '../invoke.js';
import { SettingsFileError } from '../settings-error.js';
import { didYouMean } from '../suggest.js';

/** `RateLimitError` → `rate_limit`: the runtime's error classes already name the kind of failure. */
const codeOfClass = (error: Error) =>
  error.constructor.name
    .replace(/Error$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase() || 'failed';

/** Close parameter flags for each unknown top-level parameter, from the function's own schema. */
function parameterHint(error: ValidationError, fn: FunctionBinding | undefined): string | undefined {
  const names = Object.keys((fn?.inputSchema.properties ?? {}) as Record<string, unknown>);
  const hints = error.issues
    .filter((issue) => issue.problem === 'unknown' && !/[.[]/.test(issue.path))
    .map((issue) => didYouMean(issue.path, names, (n) => `--${n.replace(/_/g, '-')}`))
    .filter((h): h is string => h !== undefined);
  return hints.length ? hints.join(' ') : undefined;
}

/**
 * Any error a command meets, as the one error object of the envelope with its exit code:
 * bad input is usage (2), everything else a failure (1). Messages are the errors' own, which
 * never carry a credential.
 */
export function cliErrorOf(error: unknown, fn?: FunctionBinding): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ValidationError) {
    return new UsageError(error.message, { code: 'invalid_arguments', hint: parameterHint(error, fn) ?? (fn ? `See \`switchboard schema ${fn.qualified}\`.` : undefined), details: { issues: error.issues } });
  }
  if (error instanceof InvalidOptionError) return new UsageError(error.message, { code: 'invalid_option' });
  if (error instanceof WriteDeniedError) return new CliError('write_denied', error.message, EXIT.failure);
  if (error instanceof CredentialsMissingError) return new CliError('credentials_missing', error.message, EXIT.failure);
  if (error instanceof SettingsFileError) return new CliError('settings_file', error.message, EXIT.failure);
  if (error instanceof APIError) {
    return new CliError(codeOfClass(error), error.message, EXIT.failure, undefined, { status: error.status, provider_code: error.providerCode, request_id: error.requestId, ...(error.details.length > 0 ? { details: error.details } : {}), body: error.body });
  }
  if (error instanceof APIConnectionError) return new CliError(codeOfClass(error), error.message, EXIT.failure, undefined, { request_sent: error.requestSent });
  // Every stopped walk is `pagination`, whatever the guard (a repeated page has a class of its own).
  if (error instanceof PaginationError) return new CliError('pagination', error.message, EXIT.failure);
  if (error instanceof SwitchboardError) return new CliError(codeOfClass(error), error.message, EXIT.failure);
  return new CliError('internal', `unexpected error: ${error instanceof Error ? error.message : String(error)}`, EXIT.failure, 'Re-run with --debug for the stack trace, and report it.');
}
