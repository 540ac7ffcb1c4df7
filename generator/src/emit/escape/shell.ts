/**
 * Words for a POSIX shell (the docs' curl commands): literal text in single quotes, where
 * nothing is special except the quote itself (written `'\''`), and environment variables in
 * double quotes, so a pasted command reads the reader's own credentials.
 */

export type ShellPart = { literal: string } | { env: string };

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** One shell word from its parts: `'Authorization: Bearer '"${TELNYX_API_KEY}"`. */
export function shellWord(parts: ShellPart[]): string {
  let word = '';
  let text = '';
  // Neighbouring literals share one pair of quotes: `'api:'`, not `'api'':'`.
  for (const part of parts) {
    if ('literal' in part) text += part.literal;
    else {
      if (text !== '') word += quoteLiteral(text);
      text = '';
      word += `"\${${part.env}}"`;
    }
  }
  if (text !== '') word += quoteLiteral(text);
  return word === '' ? "''" : word;
}

/** Split text at each occurrence of the given values, which become their variables. */
export function withVariables(text: string, variables: Array<{ value: string; env: string }>): ShellPart[] {
  let parts: ShellPart[] = [{ literal: text }];
  for (const { value, env } of variables.filter((v) => v.value.length >= 4)) {
    parts = parts.flatMap((part) => {
      if (!('literal' in part) || !part.literal.includes(value)) return [part];
      const pieces = part.literal.split(value);
      return pieces.flatMap((piece, i) => (i === 0 ? [{ literal: piece }] : [{ env }, { literal: piece }]));
    });
  }
  return parts;
}
