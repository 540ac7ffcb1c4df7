/**
 * Colour for people, never for programs: only when the stream is a terminal, never with
 * NO_COLOR set (no-color.org), always with FORCE_COLOR set to anything but 0/false. Plain ANSI
 * codes; nothing here is worth a dependency.
 */
export type Paint = (text: string) => string;

export interface Palette {
  red: Paint;
  yellow: Paint;
  bold: Paint;
  dim: Paint;
}

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  return colourWanted(stream, env)
    ? { red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) }
    : { red: plain, yellow: plain, bold: plain, dim: plain };
}
