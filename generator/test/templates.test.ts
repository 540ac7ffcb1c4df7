import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { functionPageView, providerPageView } from '../src/emit/docs.js';
import { functionView, namespaceView } from '../src/emit/lua/reference.js';
import { compileTemplate } from '../src/emit/templates.js';
import { loadCatalog } from '../src/index.js';
import type { Provider } from '../src/model.js';
import { FIXTURES } from './support.js';

const TEMPLATES = join(import.meta.dirname, '../templates');
const SPECS = join(import.meta.dirname, '../../specs');

function providersIn(specs: string): Provider[] {
  const loaded = loadCatalog(specs);
  if (!loaded.ok) throw new Error(`specs in ${specs} do not load`);
  return loaded.catalog.providers;
}

const providers = [...providersIn(SPECS), ...providersIn(FIXTURES)];

/** Every view each template is rendered with, as the emitters build them. */
const views: Record<string, object[]> = {
  'docs-function.md.hbs': providers.flatMap((p) => p.functions.map((f) => functionPageView(p, f))),
  'docs-provider.md.hbs': providers.map(providerPageView),
  'docs-index.md.hbs': [{ providerCount: 2, functionCount: 3, categories: [{ name: 'CRM', cards: '<div class="sb-cards">\n</div>' }, { name: 'AI', cards: '' }] }],
  'lua-function.md.hbs': providers.flatMap((p) => p.functions.map((f) => functionView(p, f))),
  'lua-namespace.md.hbs': providers.map(namespaceView),
};

/**
 * The view with one value replaced: every field down to the first item of each list, by values
 * that take each branch (empty, false, zero, missing items, several items).
 */
function* variants(view: unknown, depth = 0): Generator<{ label: string; view: unknown }> {
  if (depth > 3 || view === null || typeof view !== 'object') return;
  const replacements: unknown[] = [null, false, true, '', 'text', 0, 2, [], ['a', 'b']];
  if (Array.isArray(view)) {
    if (view.length === 0) return;
    for (const inner of variants(view[0], depth + 1)) yield { label: `[0]${inner.label}`, view: [inner.view, ...view.slice(1)] };
    yield { label: ' first item only', view: view.slice(0, 1) };
    return;
  }
  for (const [key, value] of Object.entries(view)) {
    for (const replacement of replacements) yield { label: `.${key} = ${JSON.stringify(replacement)}`, view: { ...view, [key]: replacement } };
    for (const inner of variants(value, depth + 1)) yield { label: `.${key}${inner.label}`, view: { ...view, [key]: inner.view } };
  }
}

type Outcome = { text: string } | { error: true };
const outcome = (render: () => string): Outcome => {
  try {
    return { text: render() };
  } catch {
    return { error: true };
  }
};

describe('page templates without Handlebars', () => {
  const names = readdirSync(TEMPLATES).filter((n) => n.endsWith('.hbs'));

  it('every template has views to be checked with', () => {
    expect(names.sort()).toEqual(Object.keys(views).sort());
    for (const name of names) expect(views[name]!.length, name).toBeGreaterThan(0);
  });

  for (const name of names) {
    it(`${name} renders what Handlebars renders, for every view the emitters make and every branch`, () => {
      const source = readFileSync(join(TEMPLATES, name), 'utf8');
      const reference = Handlebars.compile(source, { noEscape: true, strict: true });
      const ours = compileTemplate(source, name);
      let compared = 0;
      for (const view of views[name]!) {
        expect(ours(view)).toBe(reference(view));
        for (const variant of variants(view)) {
          expect(outcome(() => ours(variant.view as object)), variant.label).toEqual(outcome(() => reference(variant.view as object)));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(40);
    });
  }

  it('standalone block lines as Handlebars has them, else and nesting included', () => {
    const sources = [
      'a\n{{#if x}}\nyes\n{{else}}\nno\n{{/if}}\nb\n',
      '  {{#each xs}}\n  - {{this}}\n  {{/each}}\nend',
      '{{#if x}}{{#if y}}\ninner\n{{/if}}{{/if}}\n',
      '{{#each xs}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}',
      '{{#if x}}\n{{#each xs}}\n{{this}}\n{{/each}}\n{{/if}}',
      'x {{#if x}}\nkept\n{{/if}} y\n',
      '{{#unless x}}\n\n{{/unless}}\n\n{{{x}}}',
    ];
    for (const source of sources) {
      for (const view of [{ x: true, y: true, xs: ['1', '2'] }, { x: false, y: '', xs: [] }, { x: 'v', y: 0, xs: ['only'] }]) {
        expect(compileTemplate(source)(view), source).toBe(Handlebars.compile(source, { noEscape: true, strict: true })(view));
      }
    }
  });

  it('refuses what it does not render, rather than rendering it differently', () => {
    for (const source of ['{{> partial}}', '{{#with x}}{{/with}}', '{{~x}}', '{{x y}}', '{{#if x}}', '{{/if}}', '{{! comment }}', '{{../x}}']) {
      expect(() => compileTemplate(source), source).toThrow(/not supported/);
    }
  });
});
