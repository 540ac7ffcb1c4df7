import { CORE_SCHEMA, load } from 'js-yaml';
import { MAX_ALIAS_EXPANSION, MAX_STRING_CHARS } from './yaml-limits.js';

/**
 * The data of a spec file read without positions, by a parser about ten times faster than the
 * positioned one (js-yaml's core schema against `yaml`'s documents: 95 against 960 ms for 1,100
 * synthetic spec files). Positions are only needed to report a problem, and a valid catalog has
 * none, so the positioned parse runs only for a file whose problems must be located.
 *
 * The two parsers agree on plain YAML but not everywhere (`0b101`, `+.5`, a `null` key, a
 * `%YAML 1.1` directive, overflowing floats, complex keys). So this answers only when it is sure:
 * `undefined` for any text using a construct where they may differ, for anything the positioned
 * parse would refuse or warn about (a syntax error, a duplicate key, an unsafe integer, a long
 * string, aliases past its limits), and for any value that could have been read differently. The caller
 * then parses with positions, which decides and reports. A wrong `undefined` costs time; a wrong
 * answer would change the catalog, which `generator/test/quick-parse.test.ts` holds against the positioned
 * parse on every spec, fixture and case it can find.
 */
export function quickParse(text: string): { data: unknown } | undefined {
  const lines = withoutBlockScalarContent(text);
  const structure = lines.join('\n');
  if (isRisky(structure) || hasFlowAcrossLines(lines) || lines.some(leavesQuoteOpen) || lines.some(isEmptySequenceEntry)) return undefined;
  const aliases = plainAliasCount(lines);
  if (aliases === undefined) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
    if (aliases > 0 && !withinAliasLimits(data)) return undefined;
    return isCertain(data, 0) ? { data: data ?? null } : undefined;
  } catch {
    // A syntax error, a duplicate key, or nesting deep enough to exhaust the stack: the positioned parse says which, and where.
    return undefined;
  }
}

/**
 * Constructs the two parsers may read differently. Each pattern names the characters it cannot
 * match without (`needs`): most spec files have none of them, and the test for a character is far
 * cheaper than the pattern, whose leading alternatives make the regex engine try every position.
 */
/** Exported for quick-parse.test.ts, which holds each `find` and `before` to its `pattern`. */
export const RISKY_TEXT: Array<{ needs: string[]; pattern: RegExp; find?: RegExp; before?: RegExp }> = [
  // Directives and document markers (a `%YAML 1.1` file reads `yes` as true in one parser only).
  { needs: ['%', '---', '...'], pattern: /^(%|---|\.\.\.)/m },
  // Tags, where a token starts (anchors and aliases: see plainAliasCount).
  { needs: ['!'], pattern: /(^|[\s[\]{},])!/ },
  // Merge keys, explicit keys and flow collections as keys.
  { needs: ['<<'], pattern: /<</ },
  { needs: ['?'], pattern: /^\s*\?(\s|$)/m },
  { needs: ['[', '{'], pattern: /^[\s-]*[[{][^\n]*[\]}]\s*:(\s|$)/m },
  // Numbers in forms only one of them reads as numbers (0b101, +0x1, +.5, .inf), and -0, which only one reads as -0.
  { needs: ['0', '.'], find: /0[box][0-9a-f]|\.(?:[0-9]|inf|nan)/gi, before: /[\s:,[{-][-+]?$/, pattern: /(^|[\s:,[{-])[-+]?(0[box][0-9a-f]|\.([0-9]|inf|nan))/i },
  { needs: ['-0'], find: /-0/g, before: /[\s:,[{]$/, pattern: /(^|[\s:,[{])-0/ },
  // A comment right after a closing bracket or quote, with no space: js-yaml takes it, yaml refuses it.
  { needs: ['#'], find: /#/g, before: /(?:[}\]]|[^\s:]["'])$/, pattern: /[}\]]#|[^\s:]["']#/ },
  // A line ended by a bare carriage return: the parsers (and the position reader here) count lines differently.
  { needs: ['\r'], pattern: /\r(?!\n)/ },
  // A tab where indentation or a separator goes (the positioned parse warns about some of these).
  { needs: ['\t'], pattern: /\t/ },
];

const isRisky = (structure: string): boolean =>
  RISKY_TEXT.some((risk) => risk.needs.some((n) => structure.includes(n)) && (risk.find ? matchesAtSomeFind(structure, risk.find, risk.before!) : risk.pattern.test(structure)));

/**
 * `pattern` tested the cheap way round: where most text has the characters a pattern needs (every
 * file has a `#` comment, a `-0` in a date, a `.`), a pattern that starts with what may come before
 * the construct tries nearly every position. So the construct itself is found first (`find`), and
 * only the two characters before each one are matched against what must come before it (`before`,
 * anchored at the end). The start of the text stands in as a line break, which is what `^` in
 * `pattern` accepts there. It agrees with `pattern` exactly; quick-parse.test.ts holds them together.
 */
export function matchesAtSomeFind(text: string, find: RegExp, before: RegExp): boolean {
  find.lastIndex = 0;
  for (let match = find.exec(text); match; match = find.exec(text)) {
    const start = match.index;
    const preceding = start >= 2 ? text.slice(start - 2, start) : `\n${text.slice(0, start)}`;
    if (before.test(preceding)) return true;
    // Every position is tried, as `pattern` would: a construct may start inside the one just found.
    find.lastIndex = start + 1;
  }
  return false;
}

/**
 * A sequence entry with nothing after its dash: js-yaml takes a next entry less indented than any
 * open collection (`  - ` then `- x` at column 0), which `yaml` refuses.
 */
function isEmptySequenceEntry(line: string): boolean {
  const end = line.trimEnd();
  return end.endsWith('-') && end.trimStart() === '-' && !/[^ -]/.test(line.slice(0, end.length));
}

/**
 * The text's lines, with the content lines of block scalars (`key: |`, `- >-`) blanked: they are taken
 * literally by both parsers, and Lua examples and prose in them (quotes, `*`, `&`) would otherwise
 * send most real spec files to the slow path. A line counts as content only when it is more
 * indented than the key or dash that opened the block (or blank); the first line that is not ends it.
 */
function withoutBlockScalarContent(text: string): string[] {
  const lines = text.split('\n');
  let opener = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (opener >= 0) {
      if (line.trim() === '' || indentOf(line) > opener) {
        lines[i] = '';
        continue;
      }
      opener = -1;
    }
    // Most lines open no block: the indicator test alone keeps the regex off them.
    const block = line.includes('|') || line.includes('>') ? BLOCK_OPENER.exec(line) : null;
    // The column content must pass: that of the key (after any dashes), or of the last dash for `- |`.
    if (block) opener = block[3] !== undefined ? block[1]!.length + block[2]!.length : block[1]!.length + Math.max(0, block[2]!.length - 2);
  }
  return lines;
}

/**
 * A quoted value continued on another line: js-yaml takes continuation lines `yaml` refuses (one at
 * column 0 under a top-level key), so any quoted value left open at the end of its line. A quote
 * opens a value at the start of a line, after `:`, `-`, `[`, `{` or `,` and spaces; the value's own
 * quotes, escapes (`\"`, `''`) and punctuation (`join: ","`) are skipped, so they open nothing.
 */
function leavesQuoteOpen(line: string): boolean {
  if (!line.includes('"') && !line.includes("'")) return false;
  let canOpen = true;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (canOpen && (char === '"' || char === "'")) {
      const end = closingQuote(line, i);
      if (end < 0) return true;
      i = end;
      canOpen = false;
      continue;
    }
    // A comment ends the line's structure; what it says opens nothing.
    if (char === '#' && (i === 0 || line[i - 1] === ' ')) return false;
    if (char === ' ' || char === '\r') continue;
    canOpen = char === ':' || char === '-' || char === '[' || char === '{' || char === ',';
  }
  return false;
}

/** Where the quoted value opened at `start` closes on its line, or -1. */
function closingQuote(line: string, start: number): number {
  const quote = line[start]!;
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * A flow collection (`{ … }`, `[ … ]`) left open at the end of a line: js-yaml takes continuation
 * lines at indentations `yaml` refuses. Brackets inside quotes count too, which only costs a slow parse.
 */
function hasFlowAcrossLines(lines: readonly string[]): boolean {
  for (const line of lines) {
    if (!line.includes('{') && !line.includes('[')) continue;
    let depth = 0;
    // Brackets in a comment are prose. (A ` #` inside a quoted value cuts the line short too; what
    // it hides is in the same quoted value, or makes a line js-yaml refuses.)
    for (const char of line.replace(/(^|\s)#.*$/, '')) {
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') depth--;
    }
    if (depth > 0) return true;
  }
  return false;
}

/**
 * Aliases the quick reading takes: a whole block value, `key: &name` or `- &name` ending its line
 * (the anchored value follows, indented), and `key: *name` or `- *name` ending its line. Realistic
 * specs share request headers this way. Anywhere else (a key, a flow collection, a scalar after the
 * anchor, a comment after it) an anchor or alias sends the file to the positioned parse.
 */
const PLAIN_ALIAS_LINE = /^ *(?:- +)*(?:[A-Za-z0-9_$@.-]+: +)?(?<=- +|: +)[&*][A-Za-z0-9_-]+ *\r?$/;

/** Where a token may start with `&` or `*`, as for tags. */
const ALIAS_TOKEN = /(^|[\s[\]{},])[&*]/;

/**
 * With at most this many aliases the positioned reading's own guard (`maxAliasCount: 100`, which
 * multiplies how often an anchor is used by the aliases inside it) cannot trip: the product of
 * uses along any chain of anchors whose uses add up to 10 is at most 36.
 */
const MAX_QUICK_ALIASES = 10;

/**
 * How many aliases the text has, when every anchor and alias in it is a plain one (see
 * PLAIN_ALIAS_LINE), each anchor is named once and there are few enough aliases; otherwise
 * `undefined`. Block scalar content is blank here, so a `*` in prose or Lua does not count.
 */
function plainAliasCount(lines: readonly string[]): number | undefined {
  let aliases = 0;
  const anchors = new Set<string>();
  for (const line of lines) {
    if ((!line.includes('&') && !line.includes('*')) || !ALIAS_TOKEN.test(line)) continue;
    if (!PLAIN_ALIAS_LINE.test(line)) return undefined;
    const token = line.trim();
    const name = token.slice(token.search(/[&*][A-Za-z0-9_-]+$/));
    if (name.startsWith('*')) aliases++;
    else if (anchors.has(name)) return undefined;
    else anchors.add(name);
  }
  return aliases <= MAX_QUICK_ALIASES ? aliases : undefined;
}

/**
 * What the positioned parse measures in a file with aliases (yaml-limits.ts), measured on the
 * data: no value contains itself, and the whole document, every alias written out, holds no more
 * than MAX_ALIAS_EXPANSION values (which bounds what the aliases add). Shared values are sized once,
 * so a "billion laughs" file ends the walk at the limit, not after a billion steps.
 */
function withinAliasLimits(data: unknown): boolean {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const sizeOf = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (open.has(value)) return Infinity;
    open.add(value);
    let total = 1;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      total += (Array.isArray(value) ? 0 : 1) + sizeOf(item);
      if (total > MAX_ALIAS_EXPANSION) break;
    }
    open.delete(value);
    sizes.set(value, total);
    return total;
  };
  return sizeOf(data) <= MAX_ALIAS_EXPANSION;
}

/** `key: |`, `- key: >-`, `- |2` and the like, with nothing but a comment after the indicator. */
const BLOCK_OPENER = /^( *)((?:- +)*)(?:([A-Za-z0-9_$@.-]+): +)?[|>][-+0-9]*( +#.*)?$/;

/** Leading spaces only: a tab is never indentation in YAML, so a line starting with one is not content and the tab rule sees it. */
function indentOf(line: string): number {
  return line.length - line.replace(/^ +/, '').length;
}

/** Keys one parser turns into `""` and the other into `"null"`, and the one that reaches a prototype. */
const RISKY_KEYS = new Set(['', 'null', 'Null', 'NULL', '~', '__proto__']);

/** A float too large for a number: one parser reads it as Infinity, the other keeps the text. */
const OVERFLOWING_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]{3,}$/;

/** Deeper than any spec needs; past it the positioned parse decides (and the walk cannot exhaust the stack). */
const MAX_DEPTH = 64;

/**
 * Runs on every value of every file the quick parser reads, so it walks without building entry
 * lists or closures, and tries the overflow pattern only on strings that start like a number.
 */
function isCertain(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) && (!Number.isInteger(value) || Number.isSafeInteger(value));
    case 'string':
      return value.length <= MAX_STRING_CHARS && !(startsLikeNumber(value) && OVERFLOWING_FLOAT.test(value));
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isCertain(item, depth + 1)) return false;
        return true;
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (RISKY_KEYS.has(key) || key.length > 1024 || !isCertain(record[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** A sign, a digit or a dot first: what OVERFLOWING_FLOAT needs to match at all. */
function startsLikeNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
}

/**
 * Where the value of a top-level key is, read from the text, for a file the quick parser read:
 * every function and provider claims its names at its `name` or `id`, and locating those by the
 * positioned parse would parse every file twice. Only a line `key: value` at the start of a line
 * counts, only when it is the one such line, and only when the text there says `value` (plain or
 * quoted, an optional comment after it); anything else is `undefined`, and the positioned parse
 * answers. Positions are 1-based, as the loader reports them.
 */
export function quickTopLevelPosition(text: string, key: string, value: unknown): { line: number; column: number } | undefined {
  if (typeof value !== 'string' || !/^[a-z_]+$/.test(key)) return undefined;
  const lines = [...text.matchAll(new RegExp(`^${key}:( +)(.*)$`, 'gm'))];
  // The key written quoted elsewhere would be the real one, and this line text inside a string.
  if (lines.length !== 1 || new RegExp(`^["']${key}["'] *:`, 'm').test(text)) return undefined;
  const match = lines[0]!;
  const written = match[2]!.replace(/ +#.*$/, '').trimEnd();
  if (![value, JSON.stringify(value), `'${value.replace(/'/g, "''")}'`].includes(written)) return undefined;
  const offset = match.index + key.length + 1 + match[1]!.length;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * Where a top-level key itself is (`aliases:` at the start of its line), for a file the quick
 * parser read: name clashes through an alias or an old name are reported there, whatever the
 * list's style. Only when exactly one line starts with the key and no quoted spelling of it
 * exists; otherwise `undefined`, and the positioned parse answers.
 */
export function quickTopLevelKeyPosition(text: string, key: string): { line: number; column: number } | undefined {
  if (!/^[a-z_]+$/.test(key)) return undefined;
  const lines = [...text.matchAll(new RegExp(`^${key}:(?: |$)`, 'gm'))];
  if (lines.length !== 1 || new RegExp(`^["']${key}["'] *:`, 'm').test(text)) return undefined;
  return { line: text.slice(0, lines[0]!.index).split('\n').length, column: 1 };
}
