import { catalog } from '@switchboard/catalog';
import { COMMANDS, optionsOf, type CommandDecl, type OptionDecl } from './command-table.js';
import { exampleNames } from './example-names.js';

const visible = (commands: readonly CommandDecl[]) => commands.filter((c) => !c.hidden);

function columns(rows: Array<[string, string]>, indent = '  '): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

function optionLabel(option: OptionDecl): string {
  const choices = option.choices ? option.flags.replace(/<[^>]+>/, option.choices.join('|')) : option.flags;
  return option.flags.startsWith('-') && !option.flags.startsWith('--') ? choices : `    ${choices}`;
}

const optionRows = (options: OptionDecl[]): Array<[string, string]> => options.filter((o) => !o.hidden).map((o) => [optionLabel(o), o.description]);

/** `switchboard mcp serve [options]` */
function usageLine(path: CommandDecl[]): string {
  const command = path.at(-1)!;
  const words = ['switchboard', ...path.map((c) => c.name)];
  if (command.subcommands) words.push('<command>');
  for (const argument of command.arguments ?? []) words.push(argument.name);
  if (command.openFlags) words.push('[--param value ...]');
  words.push('[options]');
  return words.join(' ');
}

/** How credentials and overrides are named, in the first provider's terms (read from the catalog). */
function environmentNotes(): string {
  const provider = catalog.providers.find((p) => p.fields.length > 0);
  const field = provider?.fields[0];
  // A field's variable is the provider's prefix and the field key: TELNYX_ + API_KEY.
  const prefix = field ? field.env.slice(0, field.env.length - field.key.length - 1) : 'PROVIDER';
  const env = field?.env ?? 'PROVIDER_API_KEY';
  const accountEnv = `${prefix}_WORK_${env.slice(prefix.length + 1)}`;
  return [
    `Credentials come from environment variables (${env}; account work: ${accountEnv}) or from`,
    `\`switchboard configure ${provider?.id ?? '<provider>'}\`. --sandbox (or SWITCHBOARD_SANDBOX=1) answers every call from the`,
    'documented examples, offline, with no credentials. A server URL is replaced, first match wins, by',
    `--base-url, then ${prefix}_BASE_URL (account work: ${prefix}_WORK_BASE_URL), then \`configure --base-url\`.`,
    '',
    'Exit codes: 0 success, 1 failure, 2 invalid usage. With --json every command prints',
    '{success, data, error, meta}; error is {code, message, hint?, details?}.',
  ].join('\n');
}

export function topLevelHelp(): string {
  const commandRows: Array<[string, string]> = visible(COMMANDS).flatMap((c) =>
    c.subcommands ? visible(c.subcommands).map((s): [string, string] => [`${c.name} ${s.name}`, s.summary]) : [[c.name, c.summary]],
  );
  return [
    'switchboard: integration catalog tools',
    '',
    'Usage:',
    '  switchboard <command> [arguments] [options]',
    '',
    'Commands:',
    columns(commandRows),
    '',
    'Options:',
    columns([...optionRows([{ flags: '-V, --version', description: 'Print the version (also -v)' }]), ...optionRows(optionsOf({ name: '', summary: '' }))]),
    '',
    environmentNotes(),
    '',
    'Run `switchboard <command> --help` for its arguments, options and examples.',
    '',
  ].join('\n');
}

/**
 * The help page of one command (or subcommand): usage, what it does, arguments, options, examples;
 * for `call <provider.fn> --help`, that function's parameters too.
 */
export async function commandHelp(path: CommandDecl[], subject?: string): Promise<string> {
  const command = path.at(-1)!;
  const details = typeof command.details === 'function' ? await command.details() : command.details;
  const sections = [`Usage:\n  ${usageLine(path)}`, command.summary + (details ? `\n\n${details}` : '')];
  if (command.subcommands) sections.push(`Commands:\n${columns(visible(command.subcommands).map((s) => [s.name, s.summary]))}`);
  if (command.arguments?.length) sections.push(`Arguments:\n${columns(command.arguments.map((a) => [a.name, a.description]))}`);
  let ownExamples: string[] | null = null;
  if (command.name === 'call' && subject !== undefined) {
    const { functionExamples, parametersHelp } = await import('./parameters-help.js');
    const own = parametersHelp(subject);
    if (own) sections.push(own);
    ownExamples = functionExamples(subject);
  }
  const options = command.subcommands ? optionsOf({ name: '', summary: '' }) : optionsOf(command);
  sections.push(`Options:\n${columns(optionRows(options))}`);
  const examples = ownExamples ?? command.examples?.(exampleNames()) ?? [];
  const heading = ownExamples ? `Examples of ${subject} (from its docs; add --sandbox to have them answered offline):` : 'Examples:';
  if (examples.length) sections.push(`${heading}\n${examples.map((e) => `  ${e}`).join('\n')}`);
  sections.push('Credentials, base URLs and exit codes: switchboard --help');
  return `${sections.join('\n\n')}\n`;
}
