import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

/** A page of the built site: its clean URL path and what kind of page it is. */
export interface SitePage {
  path: string;
  file: string;
}

/** Every HTML page VitePress built (its 404 page aside), as clean URL paths: `/`, `/telnyx/`, `/telnyx/send_sms`. */
export function builtPages(root: string): SitePage[] {
  const pages: SitePage[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) {
        if (entry !== 'assets') walk(full);
      } else if (entry.endsWith('.html') && !(dir === root && entry === '404.html')) {
        const rel = relative(root, full).replace(/\\/g, '/');
        pages.push({ file: full, path: `/${rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}` });
      }
    }
  };
  walk(root);
  return pages;
}

/** The page path a link's pathname names (`/telnyx/send_sms.html` and `/telnyx/send_sms` are one page). */
export const pagePathOf = (pathname: string): string => decodeURIComponent(pathname).replace(/\/index(\.html)?$/, '/').replace(/\.html$/, '');

/** The Chromium that `scripts/ensure-chromium.sh` made sure of (CHROMIUM_PATH, or a usual place), headless, without the background traffic a test has no use for. */
export function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if ('problem' in found) throw new Error(found.problem);
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Until Vue has hydrated the server-rendered page: before that its buttons are inert HTML, and a
 * click on the search button is lost (seen on a loaded CI machine). Vue marks the container it
 * mounted on, after hydrating it.
 */
export async function untilHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.querySelector('#app') as (Element & { __vue_app__?: unknown }) | null)?.__vue_app__), undefined, { timeout: 120_000 });
}
