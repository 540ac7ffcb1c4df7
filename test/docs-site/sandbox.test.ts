import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';
import { builtPages, launchChromium } from './site-pages.js';
import { serveStatic } from './static-server.js';

const SITE = join(REPO, 'docs-site/.vitepress/dist');

interface DocsExample {
  function: string;
  title: string;
  expectsError: boolean;
  response: unknown;
  /** A download's documented file. */
  responseFile?: { filename: string | null; content_type: string; content_base64: string };
  /** The files the curl command uploads: present exactly when the example uploads files. */
  curlFiles?: Record<string, string>;
  request: { headers: Record<string, string>; file?: unknown };
}

/** What a run shows for an example: its documented body, or a download's file as name, type, size and bytes. */
function shownAnswer(example: DocsExample): unknown {
  const file = example.responseFile;
  if (!file) return example.response;
  return { filename: file.filename, content_type: file.content_type, size: Buffer.from(file.content_base64, 'base64').length, content_base64: file.content_base64 };
}
const examples = JSON.parse(readFileSync(join(REPO, 'packages/docs/examples.json'), 'utf8')) as DocsExample[];

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('the docs site is not built: run `npm run build` first');
  ({ origin, server } = await serveStatic(SITE));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/**
 * The shape a value keeps through a Lua table: Lua has no null (a null field is absent) and
 * one kind of table (an empty list and an empty object are the same), and key order is free.
 */
function throughLua(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? 'empty table' : value.map(throughLua);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== null).sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length === 0 ? 'empty table' : Object.fromEntries(entries.map(([k, v]) => [k, throughLua(v)]));
  }
  return value;
}

/** Clicks "Run in sandbox" of the page's `index`th example (one code group each) for one language and reads what appears under it. */
async function runExample(page: Page, language: 'lua' | 'ts', index = 0): Promise<{ state: string | null; output: string }> {
  const group = page.locator('.vp-code-group').nth(index);
  await group.locator('.tabs label', { hasText: language === 'lua' ? /^Lua$/ : /^TypeScript$/ }).click();
  await group.locator(`button.sb-run[data-language="${language}"]`).click();
  const marker = page.locator('.sb-sandbox').nth(index);
  // Done, and done for this language: the marker still shows the previous run until this one ends.
  await page.waitForFunction(
    ([wanted, at]) => {
      const data = (document.querySelectorAll('.sb-sandbox')[at] as HTMLElement | undefined)?.dataset;
      return data?.language === wanted && (data.state === 'ok' || data.state === 'error');
    },
    [language, index] as const,
    { timeout: 60_000 },
  );
  return { state: await marker.getAttribute('data-state'), output: (await marker.locator('pre.sb-run-output').textContent()) ?? '' };
}

const resultOf = (output: string): unknown => JSON.parse(/^result = ([\s\S]*)$/m.exec(output)?.[1] ?? 'null');

describe('"Run in sandbox" in a real browser, offline', () => {
  it('runs one example per provider in Lua and in TypeScript and shows the documented response', async () => {
    // One function page per provider, from the built site: the first whose first example succeeds.
    const byProvider = new Map<string, { path: string; example: DocsExample }>();
    for (const { path } of builtPages(SITE)) {
      const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
      if (!match || byProvider.has(match[1]!)) continue;
      const example = examples.find((e) => e.function === `${match[1]}.${match[2]}`);
      if (example && !example.expectsError) byProvider.set(match[1]!, { path, example });
    }
    expect(byProvider.size).toBeGreaterThan(1);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const external: string[] = [];
    // Offline: every request the page makes goes to this site; anything else is recorded and refused.
    await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : (external.push(route.request().url()), route.abort())));
    const failures: string[] = [];
    for (const [provider, { path, example }] of byProvider) {
      await page.goto(`${origin}${path}`);
      await page.locator('button.sb-run').first().waitFor({ state: 'attached' });
      const ts = await runExample(page, 'ts');
      if (ts.state !== 'ok') failures.push(`${provider} ${path} TypeScript: ${ts.output}`);
      // A text file's answer carries its text too (`content`), so a file is matched by the fields every file has.
      else if (example.responseFile) expect(resultOf(ts.output), `${path} TypeScript`).toMatchObject(shownAnswer(example) as object);
      else expect(resultOf(ts.output), `${path} TypeScript`).toEqual(shownAnswer(example));
      const lua = await runExample(page, 'lua');
      if (lua.state !== 'ok') failures.push(`${provider} ${path} Lua: ${lua.output}`);
      else if (example.responseFile) expect(throughLua(resultOf(lua.output)), `${path} Lua`).toMatchObject(throughLua(shownAnswer(example)) as object);
      else expect(throughLua(resultOf(lua.output)), `${path} Lua`).toEqual(throughLua(shownAnswer(example)));
    }
    await page.close();
    expect(failures).toEqual([]);
    expect(external).toEqual([]);
  }, 600_000);

  it('uploads files in the browser as the mocks document them, for each way of sending files', async () => {
    // Per way (a binary body, multipart parts), an upload example whose answer only an exact match
    // gives: the mocks answer any other request to the route with its first example's answer.
    const chosen = new Map<string, { path: string; index: number; example: DocsExample }>();
    const pages = new Set(builtPages(SITE).map((p) => p.path));
    for (const example of examples) {
      const kind = example.request.file !== undefined ? 'binary' : 'multipart';
      if (!example.curlFiles || example.expectsError || chosen.has(kind)) continue;
      const own = examples.filter((e) => e.function === example.function);
      const first = own.find((e) => !e.expectsError)!;
      const path = `/${example.function.replace('.', '/')}`;
      if (JSON.stringify(first.response) === JSON.stringify(example.response) || !pages.has(path)) continue;
      chosen.set(kind, { path, index: own.indexOf(example), example });
    }
    const uploading = new Set(examples.filter((e) => e.curlFiles && !e.expectsError).map((e) => (e.request.file !== undefined ? 'binary' : 'multipart')));
    if (uploading.size > 0) expect(chosen.size).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failures: string[] = [];
    for (const [kind, { path, index, example }] of chosen) {
      await page.goto(`${origin}${path}`);
      await page.locator('button.sb-run').first().waitFor({ state: 'attached' });
      const ts = await runExample(page, 'ts', index);
      if (ts.state !== 'ok') failures.push(`${kind} ${path} TypeScript: ${ts.output}`);
      else expect(resultOf(ts.output), `${kind} ${path} #${index} TypeScript`).toEqual(example.response);
      const lua = await runExample(page, 'lua', index);
      if (lua.state !== 'ok') failures.push(`${kind} ${path} Lua: ${lua.output}`);
      else expect(throughLua(resultOf(lua.output)), `${kind} ${path} #${index} Lua`).toEqual(throughLua(example.response));
    }
    await page.close();
    expect(failures).toEqual([]);
  }, 600_000);
});
