/**
 * The argument parser: commander 14, built from the command table.
 *
 * Why commander (measured on this machine, Node 20, median of 12 cold `import()`s; install size
 * with its dependencies): commander 14.0.3, 260 KB, no dependencies, ~28 ms (min 17 ms); citty
 * 0.2.2, 76 KB, ~13 ms (min 9 ms); clipanion 3.2.1 with typanion, 612 KB, ~42 ms (min 25 ms).
 * citty is lighter but gives neither did-you-mean nor a way to take over its errors and exits;
 * clipanion is the heaviest and slowest. Commander keeps errors typed (`CommanderError.code`) under
 * `exitOverride`, suggests close commands and flags, and is the most widely kept of the three;
 * its ~10 ms over citty is small beside loading the catalog. Commander 15 needs Node 22; 14
 * supports Node 20, which we promise.
 *
 * Help and version are ours (help-text.ts, main.ts): commander's help option is off so `-h`
 * anywhere prints help and runs nothing, whatever the option before it expects.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { COMMANDS, optionsOf, type CommandDecl } from './command-table.js';

/** What the command line asks for: the command, its arguments and its options (camelCase keys). */
export interface Selection {
  path: CommandDecl[];
  args: string[];
  options: Record<string, unknown>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Commander gives an option that needs a value whatever word follows, so `--account --json` would
 * make "--json" the account. A value that is one of the command's own flags is refused instead.
 */
function notAFlag<T>(flags: ReadonlySet<string>, parse: (value: string, previous: T) => T) {
  return (value: string, previous: T): T => {
    if (flags.has(value.replace(/=.*/, ''))) throw new InvalidArgumentError(`${value} is an option of its own; give this option a value.`);
    return parse(value, previous);
  };
}

function quiet(command: Command): Command {
  return command
    .exitOverride()
    .helpOption(false)
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
}

function declare(parent: Command, decl: CommandDecl, parents: CommandDecl[], select: (s: Selection) => void): void {
  const command = quiet(parent.command(decl.name, { hidden: decl.hidden === true }));
  const path = [...parents, decl];
  if (decl.subcommands) {
    for (const sub of decl.subcommands) declare(command, sub, path, select);
    return;
  }
  for (const argument of decl.arguments ?? []) command.argument(argument.name, argument.description);
  const flagNames = new Set(optionsOf(decl).flatMap((o) => o.flags.split(/[ ,]+/).filter((w) => w.startsWith('-'))));
  for (const option of optionsOf(decl)) {
    if (option.flags === '-h, --help') continue;
    const parsed = new Option(option.flags, option.description);
    if (option.choices) parsed.choices(option.choices);
    else if (parsed.required && option.repeatable) parsed.argParser(notAFlag(flagNames, collect));
    else if (parsed.required) parsed.argParser(notAFlag<string>(flagNames, (value) => value));
    command.addOption(parsed);
  }
  if (decl.openFlags) command.allowUnknownOption().allowExcessArguments();
  command.action((...params: unknown[]) => {
    const self = params.at(-1) as Command;
    const args = self.processedArgs.flat().filter((a): a is string => typeof a === 'string');
    select({ path, args, options: self.opts() });
  });
}

/** Parse the words after `switchboard`; throws a `CommanderError` on a usage mistake. */
export function parseCommandLine(argv: string[]): Selection {
  let selection: Selection | undefined;
  const program = quiet(new Command('switchboard'));
  for (const decl of COMMANDS) declare(program, decl, [], (s) => (selection = s));
  program.parse(argv, { from: 'user' });
  if (!selection) throw new Error('the parser selected no command');
  return selection;
}
