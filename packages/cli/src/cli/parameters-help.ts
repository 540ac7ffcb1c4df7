import { findFunction, findProvider } from '../registry.js';
import { parameterFlag } from '../args.js';

/**
 * `call <provider.fn> --help`: the function's parameters as the flags that set them, with type,
 * whether required and the spec's description. A parameter whose flag is a CLI option
 * (`--account`) is a JSON payload key only, and says so. Null for a name that is no function
 * (the call itself reports that, with suggestions).
 */
export function parametersHelp(qualified: string): string | null {
  const fn = functionNamed(qualified);
  if (!fn) return null;
  if (fn.parameters.length === 0) return `Parameters of ${fn.qualified}: none.`;
  const rows = fn.parameters.map((p) => {
    const flag = parameterFlag(p.name);
    const left = flag === null ? `${JSON.stringify(p.name)}: <${p.type}>` : `${flag} <${p.type}>`;
    const notes = [
      p.required ? 'Required.' : '',
      p.sentWhenOmitted === undefined ? '' : `Sent as ${JSON.stringify(p.sentWhenOmitted)} when not given.`,
      flag === null ? `In the JSON payload only: --${p.name.replace(/_/g, '-')} is the CLI's own option.` : '',
    ].filter(Boolean);
    return [left, [...notes, oneLine(p.description)].filter(Boolean).join(' ')] as [string, string];
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return [`Parameters of ${fn.qualified} (flags, or keys of the JSON payload):`, ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd())].join('\n');
}

/**
 * `call <provider.fn> --help`'s examples: the function's documented ones as the commands its docs
 * page shows, each under its title, in place of the generic examples. Null when it has none (or is
 * no function), so the generic ones stay.
 */
export function functionExamples(qualified: string): string[] | null {
  const examples = functionNamed(qualified)?.examples ?? [];
  // An example of a refusal is shown as one, so nobody takes its arguments for a working call.
  return examples.length === 0 ? null : examples.flatMap((e) => [`# ${oneLine(e.title)}${e.status >= 400 ? ` (the provider answers HTTP ${e.status})` : ''}`, e.command]);
}

function functionNamed(qualified: string) {
  const dot = qualified.indexOf('.');
  const provider = dot < 0 ? undefined : findProvider(qualified.slice(0, dot));
  return provider && findFunction(provider, qualified.slice(dot + 1));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
