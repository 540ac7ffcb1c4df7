import { CommanderError } from 'commander';
import { UsageError } from '../io.js';

/** Commander's error codes, as ours. */
const CODES: Record<string, string> = {
  'commander.unknownCommand': 'unknown_command',
  'commander.unknownOption': 'unknown_option',
  'commander.missingArgument': 'missing_argument',
  'commander.optionMissingArgument': 'missing_option_value',
  'commander.missingMandatoryOptionValue': 'missing_option_value',
  'commander.excessArguments': 'too_many_arguments',
  'commander.invalidArgument': 'invalid_option_value',
  'commander.conflictingOption': 'conflicting_options',
};

/**
 * A parser complaint as our usage error: commander's sentence without its "error: " prefix, and
 * its "(Did you mean …?)" line moved into the hint; otherwise the hint points at the command's help.
 */
export function usageErrorFrom(error: CommanderError, helpCommand: string): UsageError {
  const [first, ...more] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = more.join(' ').match(/\(Did you mean (.+)\?\)/)?.[1];
  const message = `${first!.replace(/\.$/, '')}.`;
  const hint = suggestion ? `Did you mean ${suggestion}? See \`${helpCommand}\`.` : `See \`${helpCommand}\`.`;
  return new UsageError(message, { code: CODES[error.code] ?? 'invalid_usage', hint });
}

export { CommanderError };
