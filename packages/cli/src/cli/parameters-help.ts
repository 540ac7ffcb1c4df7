import { findFunction, findProvider } from '../registry.js';
import { parameterFlag } from '../args.js';

/**
 * `call <provider.fn> --help`: the function's parameters as the flags that set them, with type,
 * whether required and the spec's description. A parameter whose flag is a CLI option
 * (`--account`) is a JSON payload key only, and says so. Null for a name that is no function
 * (the call itself reports that, with suggestions).
 */
export function parametersHelp(qualified: string): string | null {
  const dot = qualified.indexOf('.');
  const provider = dot < 0 ? undefined : findProvider(qualified.slice(0, dot));
  const fn = provider && findFunction(provider, qualified.slice(dot + 1));
  if (!fn) return null;
  if (fn.parameters.length === 0) return `Parameters of ${fn.qualified}: none.`;
  const rows = fn.parameters.map((p) => {
    const flag = parameterFlag(p.name);
    const left = flag === null ? `${JSON.stringify(p.name)}: <${p.type}>` : `${flag} <${p.type}>`;
    const notes = [p.required ? 'Required.' : '', flag === null ? `In the JSON payload only: --${p.name.replace(/_/g, '-')} is the CLI's own option.` : ''].filter(Boolean);
    return [left, [...notes, oneLine(p.description)].filter(Boolean).join(' ')] as [string, string];
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return [`Parameters of ${fn.qualified} (flags, or keys of the JSON payload):`, ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd())].join('\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
