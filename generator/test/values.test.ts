/**
 * Value unions and parameters sharing a wire name, through the loader: the model they become,
 * the input schema, and `validate` running each example through the runtime's request builder
 * (so an example whose documented request differs from what the arguments send would fail here).
 */
import { describe, expect, it } from 'vitest';
import { operationSpec } from '../src/shared/runtime-spec.js';
import { loadCatalog } from '../src/index.js';
import { formatDiagnostic } from '../src/load/diagnostics.js';
import type { Func, HttpBinding } from '../src/model.js';
import type { Edit } from './broken-specs.cases.js';
import { projectWith } from './support.js';

function load(edits: Edit[]) {
  const loaded = loadCatalog(projectWith(edits).specs);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  return loaded.catalog.providers[0]!.functions;
}
const fn = (functions: Func[], name: string) => functions.find((f) => f.name === name)!;
const sub = (file: string, find: string, replace: string): Edit => ({ file, find, replace });

const LIST = 'acme/list_widgets.yaml';
const CREATE = 'acme/create_widget.yaml';
const afterColor = (yaml: string) => sub(LIST, '    description: Only widgets of this colour.\n', `    description: Only widgets of this colour.\n${yaml}`);
/** A second example for list_widgets: its arguments and the query they must produce. */
const listExample = (title: string, args: string, query: string) =>
  sub(
    LIST,
    'examples:\n',
    `examples:\n  - title: ${title}\n    arguments: ${args}\n    request:\n      method: GET\n      url: https://us.api.acme.test/v1/widgets?${query}\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 200\n      body: { items: [], total_pages: 0 }\n`,
  );

describe('a one_of parameter', () => {
  const ids = '  ids:\n    description: One widget id or several.\n    array_format: repeat\n    one_of:\n      - { type: integer, minimum: 1 }\n      - { type: array, min_items: 1, items: { type: integer } }\n';
  const functions = load([afterColor(ids), listExample('Several ids', '{ ids: [3, 4] }', 'ids=3&ids=4'), listExample('One id', '{ ids: 7 }', 'ids=7')]);
  const list = fn(functions, 'list_widgets');
  const param = list.parameters.find((p) => p.name === 'ids')!;

  it('is a union in the model, its members in the order written', () => {
    expect(param.schema.kind).toBe('union');
    expect(param.schema.kind === 'union' && param.schema.members.map((m) => m.type)).toEqual(['integer', 'array']);
  });

  it('is an anyOf of its members in the input schema', () => {
    expect((list.inputSchema.properties as Record<string, unknown>).ids).toEqual({
      description: 'One widget id or several.',
      anyOf: [
        { type: 'integer', minimum: 1 },
        { type: 'array', minItems: 1, items: { type: 'integer' } },
      ],
    });
  });

  it("sends each member in the query as the examples document it (validate built both requests)", () => {
    expect(list.examples.map((e) => e.request.url)).toEqual([
      'https://us.api.acme.test/v1/widgets?ids=7',
      'https://us.api.acme.test/v1/widgets?ids=3&ids=4',
      'https://us.api.acme.test/v1/widgets?color=red',
    ]);
  });

  it('refuses an example whose documented query does not follow the array member', () => {
    const loaded = loadCatalog(projectWith([afterColor(ids), listExample('Several ids', '{ ids: [3, 4] }', 'ids=3,4')]).specs);
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.message)).toEqual([
      "example 'Several ids': the documented query sends ids='3,4', but the arguments produce ids twice.",
    ]);
  });

  it("join applies to the array member and passes the other through", () => {
    const joined = ids.replace('    array_format: repeat\n', '    transform: { join: "|" }\n');
    const functions = load([afterColor(joined), listExample('Several ids', '{ ids: [3, 4] }', 'ids=3%7C4'), listExample('One id', '{ ids: 7 }', 'ids=7')]);
    expect(fn(functions, 'list_widgets').parameters.find((p) => p.name === 'ids')!.transforms).toEqual([{ kind: 'join', separator: '|' }]);
  });
});

describe('a json_encode parameter', () => {
  const filter = '  filter:\n    description: Conditions, as the provider reads them.\n    type: object\n    additional_properties: true\n    transform: json_encode\n';

  it('sends an object as JSON text in the query, as its example documents (validate built the request)', () => {
    const functions = load([afterColor(filter), listExample('Filtered', "{ filter: { status: active, ids: [1, 2] } }", 'filter=%7B%22ids%22%3A%5B1%2C2%5D%2C%22status%22%3A%22active%22%7D')]);
    const param = fn(functions, 'list_widgets').parameters.find((p) => p.name === 'filter')!;
    expect(param.transforms).toEqual([{ kind: 'json_encode' }]);
    expect(param.schema.kind === 'single' && param.schema.type).toBe('object');
  });

  it('refuses an example whose documented query is not the JSON text of its arguments', () => {
    const loaded = loadCatalog(projectWith([afterColor(filter), listExample('Filtered', '{ filter: { status: active } }', 'filter=status%3Aactive')]).specs);
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.message)).toEqual([
      `example 'Filtered': the documented query sends filter='status:active', but the arguments produce filter='{"status":"active"}'.`,
    ]);
  });

  it('in a header, writes every non-ASCII character as \\uXXXX', () => {
    const functions = load([afterColor(filter.replace('    transform: json_encode\n', '    in: header\n    wire: X-Api-Arg\n    transform: json_encode\n'))]);
    expect(fn(functions, 'list_widgets').parameters.find((p) => p.name === 'filter')!.transforms).toEqual([{ kind: 'json_encode', asciiOnly: true }]);
  });
});

describe('two parameters on one wire name', () => {
  it('in the query: both are sent as one repeated key, in parameter order, however the call is written', () => {
    const range = '  since:\n    type: string\n    wire: date\n    description: From, as >=YYYY-MM-DD.\n  until:\n    type: string\n    wire: date\n    description: Until, as <=YYYY-MM-DD.\n';
    const functions = load([afterColor(range), listExample('A month', "{ until: '<=2026-02-01', since: '>=2026-01-01' }", 'date=%3E%3D2026-01-01&date=%3C%3D2026-02-01')]);
    const list = fn(functions, 'list_widgets');
    expect(list.parameters.filter((p) => p.wireName === 'date').map((p) => p.name)).toEqual(['since', 'until']);
  });

  it('in a form body: both are sent as one repeated key, next to nested objects as key[sub]', () => {
    const functions = load([
      sub(CREATE, '  body: json\n', '  body: form\n'),
      sub(CREATE, '    description: Tags.\n', '    description: Tags.\n  label:\n    type: string\n    description: A label.\n  other_label:\n    type: string\n    wire: label\n    description: Another label.\n  metadata:\n    type: object\n    additional_properties: { type: string }\n    description: Your own data.\n'),
      sub(CREATE, 'arguments: { shelf_id: s1, name: Sprocket }', "arguments: { shelf_id: s1, other_label: b, name: Sprocket, label: a, metadata: { order: '42' } }"),
      sub(CREATE, 'headers: { authorization: Bearer acme_test_key }\n      body: { name: Sprocket }', "headers: { authorization: Bearer acme_test_key }\n      body: 'name=Sprocket&label=a&label=b&metadata%5Border%5D=42'"),
    ]);
    const create = fn(functions, 'create_widget');
    expect(create.binding.kind === 'http' && create.binding.bodyEncoding).toBe('form');
    expect(operationSpec(create as Func & { binding: HttpBinding }).params.filter((p) => (p.wire ?? p.name) === 'label').map((p) => p.name)).toEqual(['label', 'other_label']);
  });

  it('in a header, with a selected endpoint and disjoint applies_to', () => {
    const functions = load([
      sub(LIST, '  method: GET\n  path: /widgets\n', '  select:\n    parameter: scope\n    cases:\n      all: { method: GET, path: /widgets }\n      mine: { method: GET, path: /me/widgets }\n'),
      sub(
        LIST,
        'parameters:\n',
        'parameters:\n  scope:\n    type: string\n    enum: [all, mine]\n    required: true\n    description: Whose widgets.\n  shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [all]\n    description: Shop.\n  own_shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [mine]\n    description: Your shop.\n',
      ),
      sub(LIST, 'arguments: { color: red }', 'arguments: { scope: all, color: red, shop: s1 }'),
      sub(LIST, 'headers: { authorization: Bearer acme_test_key }', "headers: { authorization: Bearer acme_test_key, x-shop: s1 }"),
    ]);
    expect(fn(functions, 'list_widgets').parameters.filter((p) => p.wireName === 'X-Shop').map((p) => p.appliesTo)).toEqual([['all'], ['mine']]);
  });

  it('in a header with overlapping applies_to: refused, positioned', () => {
    const loaded = loadCatalog(
      projectWith([
        sub(LIST, '  method: GET\n  path: /widgets\n', '  select:\n    parameter: scope\n    cases:\n      all: { method: GET, path: /widgets }\n      mine: { method: GET, path: /me/widgets }\n'),
        sub(
          LIST,
          'parameters:\n',
          'parameters:\n  scope:\n    type: string\n    enum: [all, mine]\n    required: true\n    description: Whose widgets.\n  shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [all, mine]\n    description: Shop.\n  own_shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [mine]\n    description: Your shop.\n',
        ),
        sub(LIST, 'arguments: { color: red }', 'arguments: { scope: all, color: red }'),
      ]).specs,
    );
    expect(loaded.ok ? [] : loaded.diagnostics.map(formatDiagnostic)).toEqual([
      "acme/list_widgets.yaml:26:11: parameters 'shop' and 'own_shop' both send header 'X-Shop'; a header holds one value, so give them disjoint 'applies_to' cases or different wire names.",
    ]);
  });
});
