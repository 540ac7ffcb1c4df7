import { readFileSync } from 'node:fs';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io.js';
import { SettingsFileError } from './settings-error.js';

const HELP = `switchboard: integration catalog tools

Usage:
  switchboard list [--json]                         Providers and their functions
  switchboard search <query> [--json]               Find functions
  switchboard docs [page] [--json]                  Reference: index, a provider, or provider.fn
  switchboard schema <provider.fn>                  Input and output JSON Schema
  switchboard fields <provider> [--account name]    What an account configures
  switchboard configure <provider> [--account name] [--set key=value] [--read|--write allow|deny] [--base-url [server=]URL]
  switchboard call <provider.fn> [json] [--param value ...] [--account name] [--dry-run] [--force] [--sandbox] [--base-url [server=]URL] [--json]
  switchboard lua [file] [-e code] [--json] [--force] [--sandbox] [--memory-limit bytes] [--cpu-limit seconds] [--base-url provider[.server]=URL]
  switchboard mcp serve [--integration id ...] [--write deny|allow] [--account name] [--sandbox] [--max-result-chars N] [--base-url [provider[.server]=]URL]
                        [--http PORT [--host ADDRESS] [--allowed-host NAME ...] [--allowed-origin ORIGIN ...]]
  switchboard mcp config [serve options]            The mcpServers entry for an MCP client (absolute paths)
  switchboard validate [specs-dir]                  Check every spec; print all problems (exit 1 if any)
  switchboard generate [--check]                    Regenerate all outputs from specs/ (--check: compare only)
  switchboard new provider <id> [--name N] [--auth bearer|basic|api_key_header|api_key_query|none] [--base-url URL] [--specs-dir DIR]
  switchboard new function <provider> <name> [--method M] [--path P] [--operation read|write] [--specs-dir DIR]
  switchboard import openapi <file> --provider <id> [--operations id,id | --tag T | --path-prefix P] [--specs-dir DIR] [--dry-run]

Credentials come from environment variables (TELNYX_API_KEY; account work: TELNYX_WORK_API_KEY)
or from \`switchboard configure\`. --sandbox (or SWITCHBOARD_SANDBOX=1) answers every call from the
documented examples, offline, with no credentials. A server's URL is replaced, first match wins, by
--base-url, then TELNYX_BASE_URL (account work: TELNYX_WORK_BASE_URL; a server other than default:
TELNYX_BASE_URL_<SERVER>), then \`configure --base-url\`; --dry-run shows the URL and where it came from. Exit codes: 0 success, 1 failure, 2 invalid usage.

call: a parameter flag is given once; an array parameter collects repeats (--to a --to b, or --to a,b).
A JSON payload or Lua script (argument, file or standard input) may be at most 4 MiB.
lua: --memory-limit 262144 to 1073741824 bytes (default 32 MiB); --cpu-limit 0.001 to 3600 seconds (default 30).
mcp serve --http listens on 127.0.0.1 unless --host says otherwise, and refuses (403) a Host that does
not name this machine and any Origin but its own or an --allowed-origin. With SWITCHBOARD_MCP_TOKEN set,
or on any address beyond loopback (then a token is generated and printed on stderr), every request needs
Authorization: Bearer <token> (401 without).

Options:
  -h, --help                              Show this help
  -v, --version                           Print the version
`;

type Command = (args: string[], io: CliIo) => Promise<ExitCode>;

// Commands are imported on first use so `--help` and light commands start fast.
const commands: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/discover.js')).listCommand,
  search: async () => (await import('./commands/discover.js')).searchCommand,
  docs: async () => (await import('./commands/discover.js')).docsCommand,
  schema: async () => (await import('./commands/discover.js')).schemaCommand,
  fields: async () => (await import('./commands/discover.js')).fieldsCommand,
  configure: async () => (await import('./commands/configure.js')).configureCommand,
  call: async () => (await import('./commands/call.js')).callCommand,
  lua: async () => (await import('./commands/lua.js')).luaCommand,
  mcp: async () => (await import('./commands/mcp.js')).mcpCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  generate: async () => (await import('./commands/generate.js')).generateCommand,
  new: async () => (await import('./commands/new.js')).newCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
};

/** `-h`/`--help` among a command's own options (not after `--`, where it would be an argument). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

/** A command's usage lines from HELP (with their continuation lines), and where the rest is. */
function commandHelp(name: string): string {
  const lines = HELP.split('\n');
  const usage: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(`  switchboard ${name} `) && lines[i] !== `  switchboard ${name}`) continue;
    usage.push(lines[i]!);
    while (lines[i + 1]?.startsWith('                        ')) usage.push(lines[++i]!);
  }
  return `Usage:\n${usage.join('\n')}\n\nCredentials, base URLs, limits and exit codes: switchboard --help\n`;
}

export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const [first, ...afterFirst] = argv;
  // `switchboard help call` is `switchboard call --help`.
  const [name, ...rest] = first === 'help' && afterFirst[0] !== undefined ? [afterFirst[0], '--help'] : argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`switchboard ${cliVersion()}\n`);
    return EXIT.ok;
  }
  const load = commands[name];
  if (load && wantsHelp(rest)) {
    io.stdout.write(commandHelp(name));
    return EXIT.ok;
  }
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
    if (error instanceof SettingsFileError) {
      // The message names the file and position only; JSON callers get it in the usual envelope.
      if (rest.includes('--json')) io.stdout.write(`${JSON.stringify({ success: false, error: error.message }, null, 2)}\n`);
      else io.stderr.write(`switchboard ${name}: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}


/** The CLI package's own version, read from its package.json (one level above dist/ and src/). */
function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}
