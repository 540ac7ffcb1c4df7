import { CliError, EXIT, UsageError, type CliIo, type ExitCode } from './io.js';
import { COMMANDS, resolvePath, type CommandDecl } from './cli/command-table.js';
import { CommanderError, usageErrorFrom } from './cli/parse-error.js';
import { parseCommandLine } from './cli/program.js';
import { writeErrorText, writeReply } from './cli/reply.js';
import { suggestions } from './suggest.js';

const HELP_FLAGS = new Set(['-h', '--help']);
const VERSION_FLAGS = new Set(['--version', '-V', '-v']);

/** The words before `--`: flags there are ours; after it they are arguments. */
function ownWords(argv: string[]): string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** Leading command names (`mcp serve`), up to the first flag or argument. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (const word of ownWords(argv)) {
    if (word.startsWith('-')) break;
    words.push(word);
  }
  return words;
}

const nameOf = (path: CommandDecl[]) => path.map((c) => c.name).join(' ');
const helpCommandFor = (path: CommandDecl[]) => ['switchboard', ...path.map((c) => c.name), '--help'].join(' ');

/** Help pages read the catalog for their examples: loaded only when a page is shown. */
async function helpPage(path: CommandDecl[], argv: string[] = []): Promise<string> {
  const { commandHelp, topLevelHelp } = await import('./cli/help-text.js');
  // `call <provider.fn> --help` adds that function's parameters: the first word after the command's own.
  const subject = ownWords(argv).filter((w) => !w.startsWith('-'))[path.length];
  return path.length === 0 ? topLevelHelp() : commandHelp(path, subject);
}

/**
 * The help a command line asks for: `help <command...>`, or `-h`/`--help` anywhere before `--`.
 * Null when no help is asked for, or when the command named does not exist (its error, with a
 * did-you-mean, is more useful than a help page).
 */
function helpRequested(argv: string[]): CommandDecl[] | null {
  // `help --help` is the help command's own page.
  if (argv[0] === 'help' && commandWords(argv.slice(1)).length === 0 && argv.slice(1).some((w) => HELP_FLAGS.has(w))) return resolvePath(['help']).chain;
  const asked = argv[0] === 'help' ? argv.slice(1) : ownWords(argv).some((w) => HELP_FLAGS.has(w)) ? argv : null;
  if (asked === null) return null;
  const words = commandWords(asked);
  const { chain, used } = resolvePath(words);
  const last = chain.at(-1);
  // `call <fn> --help` is call's help; `serach --help` and `mcp sevre --help` are unknown commands.
  if (words.length > used && (last === undefined || last.subcommands)) return null;
  return chain;
}

function unknownHelpTopic(argv: string[]): UsageError {
  const words = commandWords(argv.slice(1));
  const { chain, used } = resolvePath(words);
  const level = chain.at(-1)?.subcommands ?? COMMANDS;
  const names = level.filter((c) => !c.hidden).map((c) => c.name);
  const close = suggestions(words[used]!, names);
  return new UsageError(`no command '${words.slice(0, used + 1).join(' ')}'.`, {
    code: 'unknown_command',
    hint: `${close.length ? `Did you mean ${close.join(', ')}? ` : ''}Commands: ${names.join(', ')}.`,
  });
}

/** Flags every command takes, so they may also come before the command's name. */
const LEADING_GLOBAL_FLAGS = new Set(['--json', '--debug']);

/**
 * `switchboard --json list` means `switchboard list --json`: leading global flags move behind the
 * command's own words (before any `--`), where the command parser expects them.
 */
function globalFlagsMovedBehind(argv: string[]): string[] {
  let first = 0;
  while (first < argv.length && LEADING_GLOBAL_FLAGS.has(argv[first]!)) first++;
  if (first === 0) return argv;
  const rest = argv.slice(first);
  const end = ownWords(rest).length;
  return [...rest.slice(0, end), ...argv.slice(0, first), ...rest.slice(end)];
}

export async function run(givenArgv: string[], io: CliIo): Promise<ExitCode> {
  let argv = globalFlagsMovedBehind(givenArgv);
  const own = ownWords(argv);
  const json = own.includes('--json');
  const debug = own.includes('--debug');
  let command = commandWords(argv).slice(0, resolvePath(commandWords(argv)).used).join(' ');
  try {
    if (argv.length === 0) {
      io.stdout.write(await helpPage([]));
      return EXIT.usage;
    }
    if (VERSION_FLAGS.has(argv[0]!)) argv = ['version', ...argv.slice(1)];
    const help = helpRequested(argv);
    if (help) {
      io.stdout.write(await helpPage(help, argv[0] === 'help' ? argv.slice(1) : argv));
      return EXIT.ok;
    }
    if (argv[0] === 'help') throw unknownHelpTopic(argv);
    const named = resolvePath(commandWords(argv));
    if (named.chain.at(-1)?.subcommands && named.used === commandWords(argv).length) {
      // A command that needs a subcommand, given none: its help (for a person), as a usage error.
      if (!json) io.stderr.write(await helpPage(named.chain));
      throw new UsageError(`'${nameOf(named.chain)}' needs a command.`, { code: 'missing_command', hint: `See \`${helpCommandFor(named.chain)}\`.` });
    }

    let selection;
    try {
      selection = parseCommandLine(argv);
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      throw usageErrorFrom(error, helpCommandFor(resolvePath(commandWords(argv)).chain));
    }
    command = nameOf(selection.path);
    const handler = await selection.path.at(-1)!.run!();
    const raw = argv.slice(selection.path.length);
    const reply = await handler({ args: selection.args, options: selection.options, raw, io, json });
    return writeReply(io, json, command, reply, debug);
  } catch (error) {
    return writeFailure(io, json, debug, command, error);
  }
}

/** Every failure ends here: one envelope or one message, a stack trace only with --debug. */
async function writeFailure(io: CliIo, json: boolean, debug: boolean, command: string, error: unknown): Promise<ExitCode> {
  // The mapping of runtime errors loads the runtime: only paid for when such an error happened.
  const known = error instanceof CliError ? error : (await import('./cli/error-body.js')).cliErrorOf(error);
  const stack = debug && error instanceof Error ? error.stack : undefined;
  if (json) io.stdout.write(`${JSON.stringify({ success: false, data: null, error: known.body(), meta: { command, ...(stack ? { stack } : {}) } }, null, 2)}\n`);
  else writeErrorText(io, known.body(), stack);
  return known.exit;
}
