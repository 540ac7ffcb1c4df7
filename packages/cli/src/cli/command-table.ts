/**
 * Every command, subcommand and flag of `switchboard`, declared once. The argument parser
 * (commander, built in `program.ts`), the help pages (`help-text.ts`) and the shell completion
 * scripts (`completion.ts`) are all read from this table, so adding a command or a flag is one
 * declaration here and nothing else.
 */
import { EXIT, type CliIo, type ExitCode } from '../io.js';
import type { CommandHandler } from './reply.js';
import type { ExampleNames } from './example-names.js';

/** What completion offers for an argument or a flag's value; `providers`/`functions` come from the catalog. */
export type Completes = 'providers' | 'functions' | 'files' | 'directories' | 'commands' | 'shells';

export interface OptionDecl {
  /** Commander's notation: `--json`, `--account <name>`, `-e, --eval <code>`. */
  flags: string;
  description: string;
  /** May be given more than once; the values arrive as an array, in order. */
  repeatable?: boolean;
  /** The only values accepted; anything else is a usage error naming them. */
  choices?: readonly string[];
  completes?: Completes;
  /** Accepted but neither shown in help nor completed (a flag refused with a better message than "unknown option"). */
  hidden?: boolean;
}

export interface ArgumentDecl {
  /** `<provider.fn>` (required), `[page]` (optional), `<query...>` (one or more words). */
  name: string;
  description: string;
  completes?: Completes;
}

export interface CommandDecl {
  name: string;
  /** One line, for the command list. */
  summary: string;
  /** Paragraphs under the usage line of this command's own help; a function when they quote values loaded on demand. */
  details?: string | (() => Promise<string>);
  arguments?: ArgumentDecl[];
  options?: OptionDecl[];
  /** Shown under "Examples:", built from catalog names so they always run. */
  examples?: (names: ExampleNames) => string[];
  /** The command reads flags of its own beyond `options` (call: one per function parameter); the parser passes them through. */
  openFlags?: boolean;
  subcommands?: CommandDecl[];
  /** Not listed in help or completion (the completion helper). */
  hidden?: boolean;
  run?: () => Promise<CommandHandler>;
}

/** Accepted by every command. */
export const GLOBAL_OPTIONS: OptionDecl[] = [
  { flags: '--json', description: 'Print one JSON envelope {success, data, error, meta} on stdout' },
  { flags: '--debug', description: 'Show the stack trace behind an error' },
  { flags: '-h, --help', description: 'Show this help; nothing runs' },
];

const account: OptionDecl = { flags: '--account <name>', description: "Account to use (default: 'default')" };
const sandbox: OptionDecl = { flags: '--sandbox', description: 'Answer every call from the documented examples, offline (or SWITCHBOARD_SANDBOX=1)' };
const force: OptionDecl = { flags: '--force', description: 'Send writes in this headless run (a deny policy still wins)' };
/** Flags of `mcp serve` alone; `mcp config` accepts them only to say so. */
const httpOptions: OptionDecl[] = [
  { flags: '--http <port>', description: 'Serve Streamable HTTP on this port (0 picks one)' },
  { flags: '--host <address>', description: 'Address to listen on (default: 127.0.0.1)' },
  { flags: '--allowed-host <name>', description: 'Another Host name to accept (repeatable)', repeatable: true },
  { flags: '--allowed-origin <origin>', description: 'An Origin to accept (repeatable)', repeatable: true },
];
/** Upstream MCP servers to reach from Lua or to proxy (default: $SWITCHBOARD_HOME/mcp.json when it exists). */
const mcpConfig: OptionDecl = { flags: '--mcp-config <file>', description: 'Upstream MCP servers (mcpServers JSON) to reach or proxy', completes: 'files' };

const servingOptions: OptionDecl[] = [
  { flags: '--integration <id>', description: 'Serve only this provider (repeatable)', repeatable: true, completes: 'providers' },
  { flags: '--write <policy>', description: 'List and allow write tools (default: deny)', choices: ['deny', 'allow'] },
  account,
  sandbox,
  { flags: '--max-result-chars <n>', description: 'Cut tool results longer than this (default: 50000)' },
  { flags: '--base-url <[provider[.server]=]URL>', description: "Replace a server's URL (repeatable)", repeatable: true },
  { flags: '--tools <mode>', description: 'all tools, search-first meta-tools, or auto (search-first above 128 tools; default)', choices: ['all', 'search', 'auto'] },
  mcpConfig,
];

/**
 * A command that parses its own words and writes its own output (`new`, `import`): the table gives
 * it help, completion and did-you-mean, and this wrapper its place in the one JSON shape. What it
 * printed becomes `data.output` (and the text a person sees); what it said on failure, `error`.
 */
function selfParsedCommand(command: (args: string[], io: CliIo) => Promise<ExitCode>): CommandHandler {
  return async ({ raw, io }) => {
    let output = '';
    let said = '';
    const captured: CliIo = { cwd: io.cwd, stdout: { write: (text: string) => (output += text) }, stderr: { write: (text: string) => (said += text) } };
    // `--json` and `--debug` are the table's flags, not the command's.
    const exit = await command(raw.filter((word) => word !== '--json' && word !== '--debug'), captured);
    const message = said.trim().replace(/^switchboard [a-z]+: /, '');
    if (exit === EXIT.ok) return { data: { output }, text: output, verbatim: true, notes: message ? [message] : [] };
    return { exit, data: { output }, error: { code: 'failed', message: message || 'the command failed.' }, text: output, verbatim: true };
  };
}

export const COMMANDS: CommandDecl[] = [
  {
    name: 'list',
    summary: 'Providers and their functions',
    examples: () => ['switchboard list', 'switchboard list --json'],
    run: async () => (await import('../commands/discover.js')).listCommand,
  },
  {
    name: 'search',
    summary: 'Find functions by what they do',
    arguments: [{ name: '<query...>', description: 'Words describing the task' }],
    examples: (n) => [`switchboard search ${n.searchQuery}`, `switchboard search ${n.searchQuery} --json`],
    run: async () => (await import('../commands/discover.js')).searchCommand,
  },
  {
    name: 'docs',
    summary: 'Reference: the index, a provider, or provider.fn',
    arguments: [{ name: '[page]', description: 'A provider id or provider.fn; none for the index', completes: 'functions' }],
    examples: (n) => ['switchboard docs', `switchboard docs ${n.provider}`, `switchboard docs ${n.readFunction}`],
    run: async () => (await import('../commands/discover.js')).docsCommand,
  },
  {
    name: 'schema',
    summary: 'Input and output JSON Schema of a function',
    arguments: [{ name: '<provider.fn>', description: 'The function', completes: 'functions' }],
    examples: (n) => [`switchboard schema ${n.writeFunction}`],
    run: async () => (await import('../commands/discover.js')).schemaCommand,
  },
  {
    name: 'fields',
    summary: 'What an account of a provider configures, and whether it is set',
    arguments: [{ name: '<provider>', description: 'Provider id', completes: 'providers' }],
    options: [account],
    examples: (n) => [`switchboard fields ${n.provider}`, `switchboard fields ${n.provider} --account work --json`],
    run: async () => (await import('../commands/discover.js')).fieldsCommand,
  },
  {
    name: 'configure',
    summary: 'Store credentials, policies and base URLs for an account',
    details:
      'Without --set, each secret field the account lacks is asked for: with hidden input on a terminal, one line per field from standard input otherwise. ' +
      'A secret given with --set works but lands in shell history, so it draws a warning.',
    arguments: [{ name: '<provider>', description: 'Provider id', completes: 'providers' }],
    options: [
      account,
      { flags: '--set <key=value>', description: 'Set a field (repeatable; secrets are better typed at the prompt)', repeatable: true },
      { flags: '--unset <key>', description: 'Remove a field (repeatable)', repeatable: true },
      { flags: '--read <policy>', description: 'Allow or deny reads', choices: ['allow', 'deny'] },
      { flags: '--write <policy>', description: 'Allow or deny writes', choices: ['allow', 'deny'] },
      { flags: '--base-url <[server=]URL>', description: "Replace a server's URL; server= alone removes it (repeatable)", repeatable: true },
    ],
    examples: (n) => [`switchboard configure ${n.provider}`, `printf '%s\\n' "$KEY" | switchboard configure ${n.provider} --account work`, `switchboard configure ${n.provider} --write allow`],
    run: async () => (await import('../commands/configure.js')).configureCommand,
  },
  {
    name: 'call',
    summary: 'Call one function',
    details:
      'Parameters come from a JSON payload (argument or standard input) and from --kebab-case flags, which win. ' +
      'A parameter flag is given once; an array parameter collects repeats (--to a --to b, or --to a,b). ' +
      'A file parameter takes a path after @ (--attachment @report.pdf), or {"content": …} / {"content_base64": …} in the payload. A payload may be at most 4 MiB.',
    arguments: [
      { name: '<provider.fn>', description: 'The function', completes: 'functions' },
      { name: '[json]', description: 'JSON object of parameters' },
    ],
    options: [
      account,
      { flags: '--dry-run', description: 'Build and show the request; send nothing' },
      force,
      sandbox,
      { flags: '--base-url <[server=]URL>', description: "Replace a server's URL (repeatable)", repeatable: true },
      { flags: '--idempotency-key <key>', description: 'Your own key for a write that sends one; reuse it to repeat a write whose outcome is unknown' },
      { flags: '--all', description: 'For a paginated list: walk every page and print all its items, not the first page' },
      { flags: '--output <path>', description: 'For a function that returns a file: save it there (a folder ending in / keeps its name; - writes it to stdout)' },
    ],
    openFlags: true,
    examples: (n) => [`switchboard call ${n.readCall} --sandbox --json`, `switchboard call ${n.writeFunction} '${n.writePayload}' --dry-run`],
    run: async () => (await import('../commands/call.js')).callCommand,
  },
  {
    name: 'lua',
    summary: 'Run a sandboxed Lua script against the catalog',
    details: async () => {
      // The bounds are the Lua host's own, loaded only for this page.
      const [{ MEMORY_LIMIT_BYTES: memory, CPU_LIMIT_SECONDS: cpu }, { DEFAULT_LIMITS }] = await Promise.all([import('../lua-limits.js'), import('@switchboard/lua')]);
      return (
        `Code comes from -e, a file, or standard input. --memory-limit ${memory.min} to ${memory.max} bytes (default ${DEFAULT_LIMITS.memoryBytes}); ` +
        `--cpu-limit ${cpu.min} to ${cpu.max} seconds (default ${DEFAULT_LIMITS.cpuMs / 1000}).`
      );
    },
    arguments: [{ name: '[file]', description: 'Script file', completes: 'files' }],
    options: [
      { flags: '-e, --eval <code>', description: 'Lua code to run' },
      force,
      sandbox,
      { flags: '--memory-limit <bytes>', description: 'Memory the script may use' },
      { flags: '--cpu-limit <seconds>', description: 'CPU time the script may use' },
      { flags: '--base-url <provider[.server]=URL>', description: "Replace a server's URL (repeatable)", repeatable: true },
      mcpConfig,
      { flags: '--repl', description: 'An interactive session (lua> prompt, :quit, history)' },
    ],
    examples: (n) => [`switchboard lua --sandbox -e 'dump(${n.readLua})'`, 'switchboard lua script.lua --json', 'switchboard lua --repl --sandbox'],
    run: async () => (await import('../commands/lua.js')).luaCommand,
  },
  {
    name: 'mcp',
    summary: 'Serve every function as an MCP tool',
    subcommands: [
      {
        name: 'serve',
        summary: 'Run the MCP gateway (stdio, or Streamable HTTP with --http)',
        details:
          '--http listens on 127.0.0.1 unless --host says otherwise, and refuses (403) a Host that does not name this machine and any Origin but its own or an --allowed-origin. ' +
          'With SWITCHBOARD_MCP_TOKEN set, or on any address beyond loopback (then a token is generated and printed on stderr), every request needs Authorization: Bearer <token>.',
        options: [...servingOptions, ...httpOptions],
        examples: (n) => ['switchboard mcp serve --sandbox', `switchboard mcp serve --integration ${n.provider} --http 8787`],
        run: async () => (await import('../commands/mcp.js')).mcpServeCommand,
      },
      {
        name: 'config',
        summary: 'Print the mcpServers entry for an MCP client (absolute paths)',
        options: [...servingOptions, ...httpOptions.map((o) => ({ ...o, hidden: true }))],
        examples: (n) => ['switchboard mcp config', `switchboard mcp config --integration ${n.provider} --write allow`],
        run: async () => (await import('../commands/mcp.js')).mcpConfigCommand,
      },
      {
        name: 'install',
        summary: "Add (or update) switchboard's entry in a project's .mcp.json, keeping every other entry",
        options: [...servingOptions, { flags: '--file <path>', description: 'The .mcp.json to write (default: ./.mcp.json)', completes: 'files' }],
        examples: (n) => ['switchboard mcp install', `switchboard mcp install --integration ${n.provider} --file .mcp.json`],
        run: async () => (await import('../commands/mcp.js')).mcpInstallCommand,
      },
    ],
  },
  {
    name: 'validate',
    summary: 'Check every spec; print all problems (exit 1 if any)',
    arguments: [{ name: '[specs-dir]', description: 'Specs directory (default: specs/ of this project)', completes: 'directories' }],
    examples: () => ['switchboard validate', 'switchboard validate path/to/specs --json'],
    run: async () => (await import('../commands/validate.js')).validateCommand,
  },
  {
    name: 'generate',
    summary: 'Regenerate every output from specs/',
    options: [
      { flags: '--check', description: 'Compare only; write nothing, exit 1 if anything is stale' },
      { flags: '--timings', description: 'Print how long each phase took (stderr)' },
      { flags: '--no-cache', description: 'Load and emit every provider, ignoring the generation cache' },
      { flags: '--jobs <n>', description: 'Providers loaded and emitted at once: the main thread and n - 1 workers (default: cores - 1 on 4+ cores, else 1)' },
    ],
    examples: () => ['switchboard generate', 'switchboard generate --check', 'switchboard generate --json', 'switchboard generate --jobs 6'],
    run: async () => (await import('../commands/generate.js')).generateCommand,
  },
  {
    name: 'new',
    summary: 'Start a provider or a function as YAML that validates at once',
    details: 'On a terminal it asks for what the flags do not say; otherwise the flags are all it reads. It says what to fill in next.',
    arguments: [
      { name: '<provider|function>', description: 'What to start' },
      { name: '<id|provider name>', description: 'The provider id, or the provider and the function name' },
    ],
    options: [
      { flags: '--name <display name>', description: "The provider's display name" },
      { flags: '--auth <kind>', description: 'bearer, basic, api_key, oauth2_client_credentials or none' },
      { flags: '--base-url <URL>', description: "The provider's API base URL" },
      { flags: '--method <method>', description: 'GET, POST, PUT, PATCH or DELETE' },
      { flags: '--path <path>', description: "The function's path, e.g. /messages" },
      { flags: '--operation <kind>', description: 'read or write', choices: ['read', 'write'] },
      { flags: '--specs-dir <dir>', description: 'Specs directory (default: specs/ of this project)', completes: 'directories' },
    ],
    openFlags: true,
    examples: () => ['switchboard new provider acme --name "Acme" --auth bearer --base-url https://api.acme.example/v1', 'switchboard new function acme send_message --method POST --path /messages --operation write'],
    run: async () => selfParsedCommand((await import('../commands/new.js')).newCommand),
  },
  {
    name: 'import',
    summary: 'Start (or update) a provider from an OpenAPI 3.0/3.1 document',
    details: 'Writes specs/<provider>/ with a review marker wherever the document says too little; `validate` refuses a draft until each is resolved. Re-importing keeps what a person changed, or refuses and says what would be lost.',
    arguments: [
      { name: 'openapi', description: 'The document kind' },
      { name: '<file>', description: 'The OpenAPI document (JSON or YAML)', completes: 'files' },
    ],
    options: [
      { flags: '--provider <id>', description: 'The folder under specs/ to write' },
      { flags: '--operations <ids>', description: 'Only these operationIds (comma-separated)' },
      { flags: '--tag <tag>', description: 'Only operations with this tag' },
      { flags: '--path-prefix <prefix>', description: 'Only paths starting with this' },
      { flags: '--specs-dir <dir>', description: 'Specs directory (default: specs/ of this project)', completes: 'directories' },
      { flags: '--dry-run', description: 'Report what would be written; write nothing' },
    ],
    openFlags: true,
    examples: () => ['switchboard import openapi openapi.yaml --provider acme', 'switchboard import openapi openapi.json --provider acme --tag Messages --dry-run'],
    run: async () => selfParsedCommand((await import('../commands/import.js')).importCommand),
  },
  {
    name: 'diff',
    summary: 'Spec changes since a git ref, per package, with the semver bump each needs',
    details: 'major: something a caller relies on was removed, renamed without an alias, narrowed or retyped; minor: something was added or deprecated; patch: descriptions, examples and docs.',
    arguments: [{ name: '<git-ref>', description: 'The ref to compare the working tree with (a branch, tag or commit)' }],
    options: [{ flags: '--write-changeset', description: 'Write a .changeset file per changed package (bump and summary)' }],
    examples: () => ['switchboard diff main', 'switchboard diff v1.2.0 --json', 'switchboard diff main --write-changeset'],
    run: async () => (await import('../commands/diff.js')).diffCommand,
  },
  {
    name: 'completion',
    summary: 'Print a shell completion script',
    details: 'bash: add `source <(switchboard completion bash)` to ~/.bashrc; zsh: `source <(switchboard completion zsh)` in ~/.zshrc; fish: `switchboard completion fish > ~/.config/fish/completions/switchboard.fish`.',
    arguments: [{ name: '<shell>', description: 'bash, zsh or fish', completes: 'shells' }],
    examples: () => ['switchboard completion bash', 'switchboard completion fish'],
    run: async () => (await import('./completion.js')).completionCommand,
  },
  {
    name: 'version',
    summary: 'Print the version (also --version, -V)',
    run: async () => (await import('./version.js')).versionCommand,
  },
  {
    name: 'help',
    summary: 'Help for a command (also <command> --help)',
    arguments: [{ name: '[command...]', description: 'Command, and subcommand', completes: 'commands' }],
    examples: () => ['switchboard help call', 'switchboard help mcp serve'],
  },
  {
    name: '__complete',
    summary: 'Completion candidates for the words typed so far (used by the completion scripts)',
    arguments: [{ name: '[words...]', description: 'The command line so far' }],
    hidden: true,
    run: async () => (await import('./completion.js')).completeCommand,
  },
];

/** The command a path of names reaches (`['mcp', 'serve']`), and how many of the names it used. */
export function resolvePath(names: readonly string[]): { chain: CommandDecl[]; used: number } {
  const chain: CommandDecl[] = [];
  let level = COMMANDS;
  for (const name of names) {
    const found = level.find((c) => c.name === name);
    if (!found) break;
    chain.push(found);
    level = found.subcommands ?? [];
  }
  return { chain, used: chain.length };
}

/** Every option of a command, its own then the global ones. */
export function optionsOf(command: CommandDecl): OptionDecl[] {
  return [...(command.options ?? []), ...GLOBAL_OPTIONS];
}
