import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { quickParse, quickTopLevelKeyPosition, quickTopLevelPosition } from './quick-parse.js';
import { checkYamlLimits } from './yaml-limits.js';
import { yamlLib } from './yaml-lib.js';

/** A parsed YAML file that can answer "where is this value?" for any path into it. */
export interface ParsedFile {
  /** Relative to the specs directory. */
  file: string;
  data: unknown;
  locate(path: ReadonlyArray<string | number>, target?: 'key' | 'value'): { line: number; column: number };
}

export type ParseResult = { ok: true; parsed: ParsedFile } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A spec file's data, and where each value is. Most files are read by the quick parser, and the
 * positioned parse runs only when a problem in them must be located (or when the quick parser
 * is unsure, see quick-parse.ts), so a valid catalog is never parsed twice.
 */
export function parseSpecFile(file: string, text: string): ParseResult {
  const quick = quickParse(text);
  if (!quick) return parseWithPositions(file, text);
  let positioned: ParsedFile | null | undefined;
  return {
    ok: true,
    parsed: {
      file,
      data: quick.data,
      locate(path, target = 'value') {
        if (path.length === 1 && typeof path[0] === 'string' && isRecord(quick.data) && Object.hasOwn(quick.data, path[0])) {
          const at = target === 'value' ? quickTopLevelPosition(text, path[0], quick.data[path[0]]) : quickTopLevelKeyPosition(text, path[0]);
          if (at) return at;
        }
        if (positioned === undefined) {
          const result = parseWithPositions(file, text);
          positioned = result.ok ? result.parsed : null;
        }
        // The quick parser only answers for text the positioned parse accepts, so this fallback is never reached.
        return positioned ? positioned.locate(path, target) : { line: 1, column: 1 };
      },
    },
  };
}

/** The `yaml` parse with positions: every syntax problem, limit and value as the loader reports them. */
export function parseWithPositions(file: string, text: string): ParseResult {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const onFirstLine = firstLineOfProblems([...doc.errors, ...doc.warnings], lineCounter);
  // An unquoted value that YAML cuts short makes the rest of its line read wrong too: the first
  // complaint says why, in the spec author's terms, and the ones that follow from it are left out.
  const cutValue = onFirstLine.map((problem) => ({ problem, why: cutValueProblem(text, problem) })).find((cut) => cut.why !== null);
  if (cutValue) {
    const at = lineCounter.linePos(cutValue.problem.pos[0]);
    return { ok: false, diagnostics: [{ file, line: at.line, column: at.col, message: `YAML syntax: ${cutValue.why}` }] };
  }
  if (onFirstLine.length > 0) {
    return {
      ok: false,
      diagnostics: onFirstLine.map((problem) => {
        const at = lineCounter.linePos(problem.pos[0]);
        const duplicate = problem.code === 'DUPLICATE_KEY' ? keyAt(text, problem.pos[0]) : null;
        const message = duplicate ? `YAML syntax: key '${duplicate}' appears twice in one mapping` : `YAML syntax: ${firstLine(problem.message)}`;
        return { file, line: at.line, column: at.col, message };
      }),
    };
  }
  const position = (offset: number) => {
    const at = lineCounter.linePos(offset);
    return { line: at.line, column: at.col };
  };
  const beyondLimits = checkYamlLimits(doc);
  if (beyondLimits.length > 0) {
    return { ok: false, diagnostics: beyondLimits.map((p) => ({ file, ...position(p.offset), message: p.message })) };
  }
  let data: unknown;
  try {
    // checkYamlLimits already bounds aliases; yaml's own guard stays as a second line.
    data = doc.toJS({ maxAliasCount: 100 }) ?? null;
  } catch (error) {
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, message: `YAML: ${(error as Error).message}.` }] };
  }
  return {
    ok: true,
    parsed: {
      file,
      data,
      locate: (path, target = 'value') => position(offsetOf(doc, path, target)),
    },
  };
}

/**
 * After a syntax error the parser reads the rest of the file out of step, so its later
 * complaints mostly follow from the first (one unclosed `{` gave hundreds). Only the problems
 * on the first problem's line are shown; the others come back, if real, once it is fixed.
 */
function firstLineOfProblems<T extends { pos: [number, number] }>(problems: T[], lineCounter: LineCounter): T[] {
  if (problems.length === 0) return problems;
  const sorted = [...problems].sort((a, b) => a.pos[0] - b.pos[0]);
  const line = lineCounter.linePos(sorted[0]!.pos[0]).line;
  return sorted.filter((problem) => lineCounter.linePos(problem.pos[0]).line === line);
}

function keyAt(text: string, offset: number): string | null {
  return /^\s*([^:\n]+?)\s*:/.exec(text.slice(offset))?.[1] ?? null;
}

/**
 * Why an unquoted value was cut short, when that is what YAML's complaint at `problem` means: a
 * `: ` inside a block value (YAML: "Nested mappings are not allowed in compact mappings"), or a
 * bracket inside a value of a `{ … }` or `[ … ]` collection (YAML: "Unexpected flow-map-start
 * token", then a cascade). Null for any other complaint. Scans without regexes that backtrack: a
 * spec line may be long.
 */
function cutValueProblem(text: string, problem: { code: string; pos: [number, number] }): string | null {
  const offset = problem.pos[0];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset);
  const quote = "quote the whole value ('…' or \"…\")";
  if (problem.code === 'BLOCK_AS_IMPLICIT_KEY') {
    // Only when the value itself has the colon: the same complaint follows a misindented key.
    const key = /:[ \t]/.test(text.slice(offset, lineEnd < 0 ? undefined : lineEnd)) ? keyEndingLine(before) : null;
    return key ? `the value of '${key}' holds ': ' (a colon, then a space), which YAML reads as the start of another key; ${quote}` : null;
  }
  const bracket = text[offset];
  if (problem.code !== 'UNEXPECTED_TOKEN' || (bracket !== '{' && bracket !== '[') || !/[{[]/.test(before)) return null;
  // Inside a flow collection, in a value already begun on this line (`{ description: Use `).
  const colon = Math.max(before.lastIndexOf(': '), before.lastIndexOf(':\t'));
  const begun = colon < 0 ? '' : before.slice(colon + 2);
  const key = begun.trim() !== '' && !/[,{}[\]]/.test(begun) ? keyEndingLine(before.slice(0, colon + 2)) : null;
  return key ? `the value of '${key}' holds '${bracket}' inside a { … } or [ … ] collection, where an unquoted value cannot hold brackets or commas; ${quote}` : null;
}

/** Characters that end a plain key, read backwards from its colon. */
const KEY_STOPS = new Set([' ', '\t', '{', '}', '[', ']', ',', ':', '#', '"', "'"]);

/** The key of a line that ends with `key: ` (a colon, then spaces), as in `  description: `; else null. */
function keyEndingLine(line: string): string | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === line.length || line[end - 1] !== ':') return null;
  const colon = end - 1;
  let start = colon;
  while (start > 0 && !KEY_STOPS.has(line[start - 1]!)) start--;
  return start < colon ? line.slice(start, colon) : null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Offset of the node at `path`, or of its nearest existing ancestor, so every
 * message points somewhere useful even for a missing key.
 */
function offsetOf(doc: Document, path: ReadonlyArray<string | number>, target: 'key' | 'value'): number {
  const { isMap, isScalar, isSeq } = yamlLib();
  let node: Node | null = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i]!;
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (isLast && target === 'key') return keyNode.range?.[0] ?? offset;
      node = (pair.value as Node | null) ?? null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
