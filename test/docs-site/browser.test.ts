import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';
import { builtPages, launchChromium, pagePathOf, untilHydrated, type SitePage } from './site-pages.js';
import { serveStatic } from './static-server.js';

const SITE = join(REPO, 'docs-site/.vitepress/dist');
/** Screenshots are test artifacts: test-output/ is gitignored. */
const SHOTS = join(REPO, 'test-output/docs-site');
const WIDTHS = [390, 1280] as const;

let browser: Browser;
let server: Server;
let origin: string;
let pages: SitePage[];

/** What one visit of a page found, gathered at both widths. */
interface Visit {
  kind: 'home' | 'provider' | 'function' | 'other';
  ids: Set<string>;
  links: string[];
  /** The function's title (its h1 after the provider's name), for function pages. */
  functionTitle: string | null;
  overflow: Record<number, string[]>;
}
const visits = new Map<string, Visit>();

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('the docs site is not built: run `npm run build` first');
  ({ origin, server } = await serveStatic(SITE));
  pages = builtPages(SITE);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/**
 * Elements of the content whose right edge passes the viewport's, with every `<details>`
 * opened so nested rows count too. Boxes inside a scroll container (a code block) are its
 * business, not the page's; the page itself must not scroll sideways.
 */
async function overflowAt(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => (d.open = true));
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const content = document.querySelector('.VPContent');
    const clipped = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== content; a = a.parentElement) if (/auto|scroll|hidden|clip/.test(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    for (const el of Array.from(content?.querySelectorAll('*') ?? [])) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > width + 1 && !clipped(el)) found.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent ?? '').slice(0, 40)}" ends at ${Math.round(rect.right)} px`);
    }
    // A table cell whose content spills into its neighbour (overlapping headers).
    for (const cell of Array.from(content?.querySelectorAll('td, th') ?? [])) {
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`<${cell.tagName.toLowerCase()}> "${(cell.textContent ?? '').slice(0, 40)}" spills over its column`);
    }
    // A word broken across lines (`stri/ng`, `TELNYX_A PI_KEY`) where a reader scans names and
    // types: cells, row heads, credential cards. Breaks after `-` or `/`, and at a <wbr>
    // (a separate text node), are where words may wrap.
    for (const box of Array.from(content?.querySelectorAll('td, th, .sb-field-head, .sb-facts-list, .sb-card') ?? [])) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const m of (text.textContent ?? '').matchAll(/[^\s/-]+[/-]?/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) found.push(`the word "${m[0]}" breaks across lines`);
        }
      }
    }
    return found.slice(0, 5);
  });
}

/** Two animation frames: long enough for the layout and VitePress's media-query state to follow a resize. */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/**
 * Loads a page once and measures it at each width in turn, resizing in place: a navigation per
 * width cost twice the time and checked nothing more.
 */
async function visit(page: Page, sitePage: SitePage): Promise<void> {
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  const response = await page.goto(`${origin}${sitePage.path}`);
  expect(response?.status(), sitePage.path).toBe(200);
  await page.locator('.vp-doc h1').first().waitFor();
  const seen = await page.evaluate(() => ({
    ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
    links: Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href),
    h1: document.querySelector('.vp-doc h1')?.textContent ?? '',
    isFunction: document.querySelector('.vp-doc h1 .sb-badge') !== null,
    isProvider: document.querySelector('.vp-doc .sb-category') !== null,
  }));
  const kind = sitePage.path === '/' ? 'home' : seen.isFunction ? 'function' : seen.isProvider ? 'provider' : 'other';
  const entry: Visit = { kind, ids: new Set(seen.ids), links: seen.links, functionTitle: null, overflow: {} };
  // `Telnyx · Send SMS write`: the provider's name, the title, the badge.
  if (kind === 'function') entry.functionTitle = seen.h1.replace(/^[^·]*·\s*/, '').replace(/\s*(read|write)\s*$/, '').replace(/\u200b/g, '').trim();
  for (const width of WIDTHS) {
    if (width !== WIDTHS[0]) {
      await page.setViewportSize({ width, height: 900 });
      await settled(page);
    }
    entry.overflow[width] = await overflowAt(page);
    const shot = join(SHOTS, `${kind}-${width}.png`);
    if (kind !== 'other' && !existsSync(shot)) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
    }
  }
  visits.set(sitePage.path, entry);
}

describe('every page of the docs site in a real browser', () => {
  it('visits every built page at 390 and 1280 px wide: no horizontal overflow, no spilling cell, no word broken in a name or type', async () => {
    expect(pages.length).toBeGreaterThan(2);
    const page = await browser.newPage();
    for (const sitePage of pages) await visit(page, sitePage);
    await page.close();
    const problems = [...visits].flatMap(([path, v]) => WIDTHS.flatMap((w) => v.overflow[w]!.map((p) => `${path} at ${w} px: ${p}`)));
    expect(problems).toEqual([]);
    // Each kind of page was seen: the home page, a provider page and a function page.
    expect(new Set([...visits.values()].map((v) => v.kind))).toEqual(new Set(['home', 'provider', 'function']));
  }, 600_000);

  it('keeps a full-page screenshot of one page per kind at each width', () => {
    for (const kind of ['home', 'provider', 'function']) for (const width of WIDTHS) expect(statSync(join(SHOTS, `${kind}-${width}.png`)).size).toBeGreaterThan(1000);
  });

  it('has no broken internal link or anchor on any page', async () => {
    expect(visits.size).toBe(pages.length);
    const broken: string[] = [];
    let checked = 0;
    for (const [from, v] of visits) {
      for (const href of new Set(v.links)) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        checked++;
        const target = visits.get(pagePathOf(url.pathname));
        if (!target) {
          // Not a page: a file served verbatim (llms.txt).
          const response = await fetch(url.href.split('#')[0]!);
          if (response.status !== 200 || response.headers.get('content-type') === 'text/html') broken.push(`${from} → ${href} (${response.status})`);
          continue;
        }
        const anchor = decodeURIComponent(url.hash.slice(1));
        if (anchor && !target.ids.has(anchor)) broken.push(`${from} → ${href} (no #${anchor})`);
      }
    }
    expect(checked).toBeGreaterThan(pages.length);
    expect(broken).toEqual([]);
  });

  it('finds every function page by searching for its title', async () => {
    const functions = [...visits].filter(([, v]) => v.kind === 'function');
    expect(functions.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/`);
    await untilHydrated(page);
    await page.locator('button.DocSearch-Button').click();
    const input = page.locator('#localsearch-input');
    const missing: string[] = [];
    for (const [path, v] of functions) {
      await input.fill(v.functionTitle!);
      const found = await page
        .waitForFunction(
          (wanted) => Array.from(document.querySelectorAll('a.result')).some((a) => new URL((a as HTMLAnchorElement).href).pathname === wanted),
          path,
          { timeout: 10_000 },
        )
        .then(() => true, () => false);
      if (!found) missing.push(`${path} by "${v.functionTitle}"`);
    }
    await page.close();
    expect(missing).toEqual([]);
  }, 600_000);

  it('gives every provider page its auth, credentials, servers, rate limits and error envelope', () => {
    const providers = [...visits].filter(([, v]) => v.kind === 'provider');
    expect(providers.length).toBeGreaterThan(0);
    for (const [path, v] of providers) {
      for (const section of ['functions', 'authentication', 'credentials-and-accounts', 'servers', 'rate-limits', 'errors']) expect(v.ids.has(section), `${path} #${section}`).toBe(true);
    }
  });

  it('marks every function in the sidebar with its read or write badge', async () => {
    const functionPages = [...visits].filter(([, v]) => v.kind === 'function').map(([path]) => path);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}${functionPages[0]}`);
    await page.locator('.VPSidebar').waitFor();
    // Sidebar groups are collapsed; their items are in the DOM all the same.
    const badged = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.VPSidebar a.VPLink')).flatMap((a) => (a.querySelector('.sb-badge.sb-read, .sb-badge.sb-write') ? [new URL((a as HTMLAnchorElement).href).pathname] : [])),
    );
    await page.close();
    expect(new Set(badged)).toEqual(new Set(functionPages));
  });

  it('opens a search hit by client-side navigation', async () => {
    const [path, v] = [...visits].find(([, e]) => e.kind === 'function')!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/`);
    await untilHydrated(page);
    await page.locator('button.DocSearch-Button').click();
    await page.locator('#localsearch-input').fill(v.functionTitle!);
    await page.locator(`a.result[href^="${path}"]`).first().click();
    await page.waitForURL((url) => url.pathname === path);
    await page.locator('.vp-doc h1', { hasText: v.functionTitle! }).first().waitFor();
    await page.close();
  });
});

describe('a function page', () => {
  it('shows its parameters as rows, nested ones behind an expander, and the example tabs', async () => {
    const withNested = [...visits].find(([, v]) => v.kind === 'function' && v.ids.size > 0 && v.links.length > 0);
    expect(withNested).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    // The first function page that has an expandable parameter row.
    let found = false;
    for (const [path, v] of visits) {
      if (v.kind !== 'function') continue;
      await page.goto(`${origin}${path}`);
      await page.locator('.vp-doc h1').first().waitFor();
      const expander = page.locator('h2#parameters ~ .sb-fields details.sb-expandable').first();
      if ((await expander.count()) === 0) continue;
      found = true;
      const nested = expander.locator(':scope > .sb-fields > .sb-field').first();
      await expect(nested.isVisible()).resolves.toBe(false);
      await expander.locator(':scope > summary').click();
      await expect(nested.isVisible()).resolves.toBe(true);
      const tabs = await page.locator('.vp-code-group').first().locator('.tabs label').allTextContents();
      expect(tabs).toEqual(['Lua', 'TypeScript', 'CLI', 'curl', 'HTTP']);
      break;
    }
    await page.close();
    expect(found).toBe(true);
  });
});
