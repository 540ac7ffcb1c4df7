
import { EXIT, UsageError, type CliIo, type ExitCode } from './io.js';

const HELP = `switchboard: integration catalog tools

Usage:
  switchboard validate [specs-dir]        Check every spec; print all problems (exit 1 if any)
  switchboard generate [--check]          Regenerate all outputs from specs/ (--check: compare only)

Options:
  -h, --help                              Show this help
`;

type Command = (args: string[], io: CliIo) => Promise<ExitCode>;

// Commands are imported on first use so `--help` and light commands start fast.
const commands: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  generate: async () => (await import('./commands/generate.js')).generateCommand,
};

export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`switchboard: unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}. See switchboard --help.\n`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`switchboard ${name}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

