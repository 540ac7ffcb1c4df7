import { catalog } from '@switchboard/catalog';
import { UsageError } from '../io.js';
import { COMMANDS, optionsOf, resolvePath, type CommandDecl, type Completes, type OptionDecl } from './command-table.js';
import type { CommandHandler } from './reply.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/**
 * The scripts stay tiny and ask `switchboard __complete -- <words so far>` for candidates, so
 * completion always knows the commands, flags, providers and functions of the installed version.
 * An empty answer lets the shell complete file names.
 */
const SCRIPTS: Record<Shell, string> = {
  bash: `# switchboard completion for bash: source <(switchboard completion bash)
_switchboard() {
  local IFS=$'\\n'
  COMPREPLY=($(switchboard __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -o nospace -F _switchboard switchboard
`,
  zsh: `#compdef switchboard
# switchboard completion for zsh: source <(switchboard completion zsh)
_switchboard() {
  local -a candidates
  candidates=("\${(@f)$(switchboard __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then compadd -S '' -a candidates; else _files; fi
}
compdef _switchboard switchboard
`,
  fish: `# switchboard completion for fish: switchboard completion fish > ~/.config/fish/completions/switchboard.fish
function __switchboard_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l found (switchboard __complete -- $words[2..-1] 2>/dev/null)
    if test (count $found) -gt 0
        printf '%s\\n' $found
    else
        __fish_complete_path (commandline -ct)
    end
end
complete -c switchboard -f -a '(__switchboard_complete)'
`,
};

const functionNames = () => catalog.providers.flatMap((p) => p.functions.map((f) => f.names.qualified));

function valuesFor(completes: Completes | undefined, level: readonly CommandDecl[]): string[] {
  switch (completes) {
    case 'providers':
      return catalog.providers.map((p) => p.id);
    case 'functions':
      return [...catalog.providers.map((p) => p.id), ...functionNames()];
    case 'shells':
      return [...SHELLS];
    case 'commands':
      return level.filter((c) => !c.hidden).map((c) => c.name);
    default:
      return [];
  }
}

const flagNames = (option: OptionDecl) => option.flags.split(/[ ,]+/).filter((w) => w.startsWith('-'));
const takesValue = (option: OptionDecl) => /[<[]/.test(option.flags);

/** Parameter flags of the function a `call` names, from its input schema. */
function parameterFlags(words: string[]): string[] {
  const fn = catalog.providers.flatMap((p) => p.functions).find((f) => words.includes(f.names.qualified));
  const properties = (fn?.input_schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(properties).map((name) => `--${name.replace(/_/g, '-')}`);
}

/** Candidates for the last word, given the words before it (everything after `switchboard`). */
export function candidatesFor(words: string[]): string[] {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const leading: string[] = [];
  for (const word of before) {
    if (word.startsWith('-')) break;
    leading.push(word);
  }
  const { chain, used } = resolvePath(leading);
  const command = chain.at(-1);
  const match = (values: string[]) => [...new Set(values)].filter((v) => v.startsWith(current)).sort();
  if (!command || (command.subcommands && used === leading.length)) {
    return match(valuesFor('commands', command?.subcommands ?? COMMANDS));
  }
  const options = optionsOf(command).filter((o) => !o.hidden);
  const previous = before.at(-1);
  const pending = previous?.startsWith('-') ? options.find((o) => flagNames(o).includes(previous) && takesValue(o)) : undefined;
  if (pending) return match(pending.choices ? [...pending.choices] : valuesFor(pending.completes, COMMANDS));
  if (current.startsWith('-')) return match([...options.flatMap(flagNames), ...(command.openFlags ? parameterFlags(before) : [])]);
  // Positional: count the arguments already given, skipping option values.
  let given = 0;
  for (let i = used; i < before.length; i++) {
    const word = before[i]!;
    if (word.startsWith('-')) {
      const option = options.find((o) => flagNames(o).includes(word));
      if (option && takesValue(option)) i++;
      continue;
    }
    given++;
  }
  const argument = command.arguments?.[Math.min(given, (command.arguments?.length ?? 1) - 1)];
  const variadic = argument?.name.includes('...');
  if (!argument || (given >= (command.arguments?.length ?? 0) && !variadic)) return [];
  return match(valuesFor(argument.completes, argument.completes === 'commands' ? (resolvePath(before.slice(used)).chain.at(-1)?.subcommands ?? COMMANDS) : COMMANDS));
}

/** `switchboard completion bash|zsh|fish` */
export const completionCommand: CommandHandler = async ({ args }) => {
  const shell = args[0] as Shell;
  if (!SHELLS.includes(shell)) throw new UsageError(`no completion for '${args[0]}'.`, { code: 'invalid_argument', hint: `Shells: ${SHELLS.join(', ')}.` });
  return { data: { shell, script: SCRIPTS[shell] }, text: SCRIPTS[shell], verbatim: true };
};

/** `switchboard __complete -- <words...>`: one candidate per line, for the scripts above. */
export const completeCommand: CommandHandler = async ({ raw }) => {
  const words = raw[0] === '--' ? raw.slice(1) : raw;
  const candidates = candidatesFor(words.length ? words : ['']);
  return { data: { candidates }, text: candidates.length ? `${candidates.join('\n')}\n` : '', verbatim: true };
};
