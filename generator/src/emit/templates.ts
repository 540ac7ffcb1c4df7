import { readFileSync } from 'node:fs';

/**
 * The generator's page templates (generator/templates/*.hbs), rendered without Handlebars: the
 * templates use a small part of its language — `{{path}}`, `{{{path}}}`, `{{#if}}`, `{{#unless}}`,
 * `{{#each}}` over arrays, `{{else}}`, `this` and `@last` — and loading Handlebars (its parser,
 * compiler and source maps) cost more at startup than rendering every page. Output is Handlebars'
 * own for that part, standalone lines included (a block tag alone on its line takes the line with
 * it); the test suite renders each template with both and compares. Anything outside the part is
 * refused when the template is read, never rendered differently. As Handlebars with `noEscape` and
 * `strict`: nothing is escaped (views hold escaped text), and a missing field is an error.
 */
export type Template = (view: object) => string;

type Statement = Content | Mustache | Block;
interface Content {
  kind: 'content';
  original: string;
  value: string;
  leftStripped?: boolean;
  rightStripped?: boolean;
}
interface Mustache {
  kind: 'mustache';
  path: string;
  /** `path` split at its dots once, when the template is read: pages look paths up thousands of times. */
  keys: readonly string[];
}
interface Block {
  kind: 'block';
  helper: 'if' | 'unless' | 'each';
  path: string;
  keys: readonly string[];
  program: Statement[];
  inverse: Statement[] | null;
}

const TAG = /\{\{(\{?)\s*([^}]*?)\s*\}\}(\}?)/g;
const PATH = /^(this|@last|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$/;

function parse(source: string, name: string): Statement[] {
  const root: Statement[] = [];
  const open: Array<{ block: Block; inElse: boolean }> = [];
  const body = () => (open.length === 0 ? root : open[open.length - 1]!.inElse ? open[open.length - 1]!.block.inverse! : open[open.length - 1]!.block.program);
  let last = 0;
  const refuse = (what: string) => {
    throw new Error(`template ${name}: ${what} is not supported (see emit/templates.ts)`);
  };
  for (const match of source.matchAll(TAG)) {
    const [tag, triple, inner, tripleClose] = match;
    if (match.index > last) body().push({ kind: 'content', original: source.slice(last, match.index), value: source.slice(last, match.index) });
    last = match.index + tag.length;
    if (source[match.index - 1] === '\\' || (triple === '{') !== (tripleClose === '}')) refuse(`'${tag}'`);
    const block = /^#(if|unless|each)\s+(\S+)$/.exec(inner!);
    if (block) {
      if (triple || !PATH.test(block[2]!)) refuse(`'${tag}'`);
      const statement: Block = { kind: 'block', helper: block[1] as Block['helper'], path: block[2]!, keys: block[2]!.split('.'), program: [], inverse: null };
      body().push(statement);
      open.push({ block: statement, inElse: false });
    } else if (inner === 'else') {
      const top = open[open.length - 1];
      if (!top || top.inElse) refuse(`'${tag}' here`);
      top!.inElse = true;
      top!.block.inverse = [];
    } else if (inner!.startsWith('/')) {
      const top = open.pop();
      if (!top || inner !== `/${top.block.helper}`) refuse(`'${tag}' here`);
    } else {
      if (!PATH.test(inner!)) refuse(`'${tag}'`);
      body().push({ kind: 'mustache', path: inner!, keys: inner!.split('.') });
    }
  }
  if (open.length > 0) refuse(`an unclosed '{{#${open[open.length - 1]!.block.helper}}}'`);
  if (last < source.length) body().push({ kind: 'content', original: source.slice(last), value: source.slice(last) });
  return root;
}

/*
 * Standalone lines, as Handlebars' WhitespaceControl decides them (compiler/whitespace-control.js):
 * the same checks on the same (original) text, the same strips of the neighbouring text.
 */
function isPrevWhitespace(body: Statement[], i: number | undefined, isRoot: boolean): boolean {
  const at = i ?? body.length;
  const prev = body[at - 1];
  const sibling = body[at - 2];
  if (!prev) return isRoot;
  return prev.kind === 'content' && (sibling || !isRoot ? /\r?\n\s*?$/ : /(^|\r?\n)\s*?$/).test(prev.original);
}

function isNextWhitespace(body: Statement[], i: number | undefined, isRoot: boolean): boolean {
  const at = i ?? -1;
  const next = body[at + 1];
  const sibling = body[at + 2];
  if (!next) return isRoot;
  return next.kind === 'content' && (sibling || !isRoot ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(next.original);
}

function omitRight(body: Statement[], i?: number): void {
  const current = body[i === undefined ? 0 : i + 1];
  if (!current || current.kind !== 'content' || current.rightStripped) return;
  const original = current.value;
  current.value = current.value.replace(/^[ \t]*\r?\n?/, '');
  current.rightStripped = current.value !== original;
}

function omitLeft(body: Statement[], i?: number): void {
  const current = body[i === undefined ? body.length - 1 : i - 1];
  if (!current || current.kind !== 'content' || current.leftStripped) return;
  const original = current.value;
  current.value = current.value.replace(/[ \t]+$/, '');
  current.leftStripped = current.value !== original;
}

function stripStandalone(body: Statement[], isRoot: boolean): void {
  for (const [i, current] of body.entries()) {
    if (current.kind !== 'block') continue;
    stripStandalone(current.program, false);
    if (current.inverse) stripStandalone(current.inverse, false);
    const inverse = current.inverse;
    if (inverse && isPrevWhitespace(current.program, undefined, false) && isNextWhitespace(inverse, undefined, false)) {
      // A standalone {{else}}.
      omitLeft(current.program);
      omitRight(inverse);
    }
    const openStandalone = isNextWhitespace(current.program, undefined, false) && isPrevWhitespace(body, i, isRoot);
    const closeStandalone = isPrevWhitespace(inverse ?? current.program, undefined, false) && isNextWhitespace(body, i, isRoot);
    if (openStandalone) {
      omitRight(current.program);
      omitLeft(body, i);
    }
    if (closeStandalone) {
      omitRight(body, i);
      omitLeft(inverse ?? current.program);
    }
  }
}

interface Frame {
  context: unknown;
  last: boolean;
}

/**
 * A path's value, as Handlebars' strict mode looks it up: in `{{a.b}}` every step must exist; in a
 * block's parameter (`{{#if a.b}}`) a missing step is undefined, though a step into null or
 * undefined is still an error.
 */
function lookup({ path, keys }: Mustache | Block, frame: Frame, name: string, strict: boolean): unknown {
  if (path === 'this') return frame.context;
  if (path === '@last') return frame.last;
  let value = frame.context;
  for (const key of keys) {
    const present = value !== null && typeof value === 'object' && Object.hasOwn(value, key);
    if (!present && (strict || value === null || value === undefined)) throw new Error(`template ${name}: "${key}" not defined in ${path}`);
    value = present ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Handlebars' `if`: false, null, undefined, '', 0, NaN and an empty array are false. */
const truthy = (value: unknown) => Boolean(value) && !(Array.isArray(value) && value.length === 0);

function render(body: Statement[], frame: Frame, name: string): string {
  let out = '';
  for (const s of body) {
    if (s.kind === 'content') out += s.value;
    else if (s.kind === 'mustache') {
      const value = lookup(s, frame, name, true);
      if (value !== null && value !== undefined) out += String(value);
    } else {
      const value = lookup(s, frame, name, false);
      if (s.helper === 'each') {
        // Handlebars goes through an object's values; no template here does, so it is refused. Nothing else has items.
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) throw new Error(`template ${name}: {{#each ${s.path}}} is not over an array`);
        const items = Array.isArray(value) ? (value as unknown[]) : [];
        if (items.length === 0) out += s.inverse ? render(s.inverse, frame, name) : '';
        else items.forEach((item, index) => (out += render(s.program, { context: item, last: index === items.length - 1 }, name)));
      } else {
        const shown = s.helper === 'if' ? truthy(value) : !truthy(value);
        if (shown) out += render(s.program, frame, name);
        else if (s.inverse) out += render(s.inverse, frame, name);
      }
    }
  }
  return out;
}

/** A template from its source text. */
export function compileTemplate(source: string, name = 'template'): Template {
  const body = parse(source, name);
  stripStandalone(body, true);
  return (view) => render(body, { context: view, last: false }, name);
}

const loaded = new Map<string, Template>();

/** The template generator/templates/`name`, read and compiled on first use. */
export function template(name: string): Template {
  let compiled = loaded.get(name);
  if (!compiled) {
    compiled = compileTemplate(readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8'), name);
    loaded.set(name, compiled);
  }
  return compiled;
}
