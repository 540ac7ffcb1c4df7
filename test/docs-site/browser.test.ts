import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';
import { serveStatic } from './static-server.js';

const SITE = join(REPO, 'docs-site/.vitepress/dist');
const SHOTS = join(REPO, 'test-output/docs-site');

let browser: Browser;
let server: Server;
let origin: string;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('the docs site is not built: run `npm run build` first');
  ({ origin, server } = await serveStatic(SITE));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Loads a page and waits until its content (the first table) is rendered. */
async function openPage(path: string): Promise<void> {
  const response = await page.goto(`${origin}${path}`);
  expect(response?.status()).toBe(200);
  await page.locator('table').first().waitFor();
}

describe('the docs site in a real browser', () => {
  it('opens the home page with the catalog', async () => {
    const response = await page.goto(`${origin}/`);
    expect(response?.status()).toBe(200);
    await page.locator('h1', { hasText: /^\s*Integration catalog/ }).first().waitFor();
    await expect(page.locator('a[href="/telnyx/"]').count()).resolves.toBeGreaterThan(0);
  });

  it('finds Telnyx send_sms by searching for "send sms" and opens it', async () => {
    await page.goto(`${origin}/`);
    await page.locator('button.DocSearch-Button').click();
    await page.locator('#localsearch-input').fill('send sms');
    const hit = page.locator('a.result[href*="/telnyx/send_sms"]').first();
    await hit.waitFor({ timeout: 10_000 });
    await hit.click();
    await page.waitForURL(/\/telnyx\/send_sms/);
    // Client-side navigation swaps the content after the URL changes: wait for the new heading
    // rather than reading whatever heading is there at that instant.
    await page.locator('h1', { hasText: 'send_sms' }).first().waitFor();
  });

  // Each test below opens its page itself, so none depends on where an earlier test left off.
  it('shows the parameter table and the Lua example', async () => {
    await openPage('/telnyx/send_sms');
    const headers = await page.locator('table').first().locator('th').allTextContents();
    expect(headers).toEqual(['Name', 'Type', 'Required', 'Sent as', 'Description']);
    const firstColumn = await page.locator('table').first().locator('tbody tr td:first-child').allTextContents();
    expect(firstColumn).toContain('to');
    const lua = await page.locator('div.language-lua pre').first().textContent();
    expect(lua).toContain('app.integrations.telnyx.send_sms({');
    expect(await page.locator('.sb-badge.sb-write').count()).toBeGreaterThan(0);
  });

  it('has no broken internal link on that page', async () => {
    await openPage('/telnyx/send_sms');
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const internal = [...new Set(hrefs.filter((h) => h.startsWith(origin)).map((h) => h.split('#')[0]!))];
    expect(internal.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const href of internal) {
      const response = await page.request.get(href);
      if (response.status() !== 200) broken.push(`${href} → ${response.status()}`);
    }
    expect(broken).toEqual([]);
  });

  it('saves a screenshot', async () => {
    await openPage('/telnyx/send_sms');
    mkdirSync(SHOTS, { recursive: true });
    const path = join(SHOTS, 'telnyx-send_sms.png');
    await page.screenshot({ path, fullPage: false });
    expect(existsSync(path)).toBe(true);
  });
});
