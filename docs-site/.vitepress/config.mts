import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig, type DefaultTheme } from 'vitepress';

/** The generated markdown is the site's source: the site adds navigation and search, never content. */
const SOURCE = join(import.meta.dirname, '../../packages/docs');

/** A frontmatter value the generator wrote (a YAML string, quoted or plain). */
function frontmatter(file: string, key: string): string | null {
  const raw = new RegExp(`^${key}: (.+)$`, 'm').exec(readFileSync(file, 'utf8'))?.[1]?.trim();
  if (raw === undefined) return null;
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A function's sidebar entry: its name and its read/write badge (the sidebar renders text as HTML). */
function functionItem(id: string, file: string): DefaultTheme.SidebarItem {
  const name = file.replace(/\.md$/, '');
  const operation = frontmatter(join(SOURCE, id, file), 'operation');
  const badge = operation === 'read' || operation === 'write' ? `<span class="sb-badge sb-${operation}">${operation}</span>` : '';
  return { text: `<span class="sb-side"><span class="sb-side-name">${escapeHtml(name)}</span>${badge}</span>`, link: `/${id}/${name}` };
}

/** One sidebar group per provider, its functions listed with read/write markers, built from the files present. */
function sidebar(): DefaultTheme.SidebarItem[] {
  const providers = readdirSync(SOURCE)
    .filter((entry) => statSync(join(SOURCE, entry)).isDirectory() && existsSync(join(SOURCE, entry, 'index.md')))
    .sort();
  return [
    { text: 'Catalog', link: '/' },
    ...providers.map((id) => ({
      text: escapeHtml(frontmatter(join(SOURCE, id, 'index.md'), 'title') ?? id),
      link: `/${id}/`,
      collapsed: true,
      items: readdirSync(join(SOURCE, id))
        .filter((f) => f.endsWith('.md') && f !== 'index.md')
        .sort()
        .map((f) => functionItem(id, f)),
    })),
  ];
}

const THEME = join(import.meta.dirname, 'theme');
const WASMOON = createRequire(import.meta.url).resolve('wasmoon');

export default defineConfig({
  title: 'Switchboard',
  description: 'Integration catalog: every provider function, callable from Lua, TypeScript, the CLI and MCP.',
  srcDir: SOURCE,
  outDir: join(import.meta.dirname, 'dist'),
  cacheDir: join(import.meta.dirname, 'cache'),
  cleanUrls: true,
  lastUpdated: false,
  // Built offline: no external fonts or analytics.
  head: [['meta', { name: 'robots', content: 'index,follow' }]],
  // "Run in sandbox" bundles the Lua host, the clients and the mocks for the browser: wasmoon's
  // wasm is served by the site (its browser default is a CDN), and the host's two Node imports
  // (a CPU clock with a fallback, a worker pool the page never starts) get stubs.
  vite: {
    resolve: {
      alias: [
        { find: /^wasmoon$/, replacement: join(THEME, 'sandbox/wasmoon-local.ts') },
        { find: /^wasmoon-dist$/, replacement: WASMOON },
        { find: /^wasmoon-dist-wasm/, replacement: join(WASMOON, '../glue.wasm') },
        { find: /^node:(fs|worker_threads)$/, replacement: join(THEME, 'sandbox/node-stub.ts') },
      ],
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    sidebar: sidebar(),
    outline: { level: [2, 2] },
    nav: [{ text: 'Catalog', link: '/' }, { text: 'llms.txt', link: '/llms.txt', target: '_self' }],
  },
});
