import type { Func, Provider, SingleValueSchema } from '../../model.js';
import { shapesOf, typeLabel } from '../../shared/value-types.js';
import { luaSignature } from './lua-literal.js';
import { shownLuaExample } from '../per-example.js';
import { mdCell, mdCellCode, mdCode, mdFence, mdLine, mdText } from '../escape/markdown.js';
import { requiredGroupsNote } from '../required-groups-note.js';
import { template } from '../templates.js';

const tables = new WeakMap<Func, string>();

/** `| Parameter | Type | Required | Description |`, with enums, ranges and defaults; never a false "No parameters". */
export function parameterTable(func: Func): string {
  // On the function's page and again on its provider's: made once.
  let table = tables.get(func);
  if (table === undefined) tables.set(func, (table = makeParameterTable(func)));
  return table;
}

function makeParameterTable(func: Func): string {
  if (func.parameters.length === 0) return '*This function takes no parameters.*';
  const rows = func.parameters.map((p) => {
    const shapes = shapesOf(p.schema);
    // A union's notes name the member they belong to: "As a string: Format: E.164."
    const notes: string[] = shapes.flatMap((shape) => {
      const own = shapeNotes(shape);
      return shapes.length > 1 && own.length > 0 ? [`As ${article(typeLabel(shape))}: ${own.join(' ')}`] : own;
    });
    if (p.schema.default !== undefined) notes.push(`Provider default: ${mdCellCode(JSON.stringify(p.schema.default))}.`);
    if (p.wireName !== p.name) notes.push(`Sent as ${mdCellCode(p.wireName)}.`);
    if (p.sentWhenOmitted) notes.push(`When not given, ${mdCellCode(JSON.stringify(p.sentWhenOmitted.value))} is sent.`);
    if (p.deprecated) notes.push(`Deprecated: ${mdCell(p.deprecated)}`);
    const description = [mdCell(p.schema.description ?? ''), ...notes].filter(Boolean).join(' ');
    return `| \`${p.name}\` | ${typeLabel(p.schema)} | ${p.required ? 'yes' : 'no'} | ${description} |`;
  });
  return ['| Parameter | Type | Required | Description |', '| --- | --- | --- | --- |', ...rows].join('\n') + requiredGroupsNote(func);
}

function shapeNotes(shape: SingleValueSchema): string[] {
  const notes: string[] = [];
  if (shape.enum) notes.push(`Values: ${shape.enum.map((v) => mdCellCode(String(v))).join(', ')}.`);
  if (shape.minimum !== null && shape.maximum !== null) notes.push(`Range: ${shape.minimum}–${shape.maximum}.`);
  else if (shape.minimum !== null) notes.push(`At least ${shape.minimum}.`);
  else if (shape.maximum !== null) notes.push(`At most ${shape.maximum}.`);
  if (shape.format) notes.push(`Format: ${shape.format === 'e164' ? 'E.164 (+15551234567)' : shape.format}.`);
  if (shape.minItems !== null && shape.minItems === shape.maxItems) notes.push(`Exactly ${shape.minItems} items.`);
  return notes;
}

const article = (label: string) => (/^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`);

/** What lua-function.md.hbs shows of a function. */
export function functionView(provider: Provider, func: Func) {
  return {
    signature: luaSignature(func),
    description: mdText(func.description),
    operation: func.operation,
    idempotent: func.idempotent,
    // A write with an idempotency key is retried safely, one key per call: not "never retried".
    keyHeader: func.binding.kind === 'http' && func.binding.idempotencyKey ? mdCode(func.binding.idempotencyKey.header) : null,
    providerName: mdLine(provider.name),
    aliases: func.names.luaAliases,
    unavailable: func.binding.kind === 'unavailable' ? mdLine(`${func.binding.reason}${func.binding.alternative ? ` Instead: ${func.binding.alternative}` : ''}`) : null,
    deprecated: func.deprecated ? mdLine(func.deprecated.message) : null,
    // A script cannot guess a download's table from a response schema: there is none.
    returnsFile: func.returns.kind === 'file',
    tsMethod: func.names.tsMethod,
    cliCommand: func.names.cliCommand,
    mcpTool: func.names.mcpTool,
    table: parameterTable(func),
    differences: func.differences.map(mdLine),
    examples: func.examples.filter((e) => e.response.status < 400).map((e) => ({ title: mdLine(e.title), code: mdFence('lua', shownLuaExample(provider, func, e)) })),
  };
}

/** The agent-facing Lua reference of one function (`docs.read("telnyx.send_sms")`). */
export function luaFunctionPage(provider: Provider, func: Func): string {
  return template('lua-function.md.hbs')(functionView(provider, func));
}

/** The agent-facing Lua reference of a whole provider (`docs.read("telnyx")`). */
export function luaNamespacePage(provider: Provider): string {
  return template('lua-namespace.md.hbs')(namespaceView(provider));
}

/** What lua-namespace.md.hbs shows of a provider. */
export function namespaceView(provider: Provider) {
  const reads = provider.functions.filter((f) => f.operation === 'read').length;
  return {
    provider: { namespace: provider.namespace, name: mdLine(provider.name), description: mdText(provider.description), fields: provider.fields, functions: provider.functions },
    reads,
    writes: provider.functions.length - reads,
    functions: provider.functions.map((func) => ({
      signature: luaSignature(func),
      description: mdText(func.description),
      operation: func.operation,
      aliases: func.aliases.join('`, `'),
      unavailable: func.binding.kind === 'unavailable' ? mdLine(func.binding.reason) : null,
      table: parameterTable(func),
    })),
  };
}

/** Every Lua example of a provider, as shown in its reference pages (what tests run). */
export function luaExamples(provider: Provider): Array<{ function: string; title: string; code: string; expectsError: boolean }> {
  return provider.functions.flatMap((func) =>
    func.examples.map((e) => ({ function: func.names.qualified, title: e.title, code: shownLuaExample(provider, func, e), expectsError: e.response.status >= 400 })),
  );
}
