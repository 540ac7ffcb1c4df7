import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type DefaultTheme } from 'vitepress';

/** The generated markdown is the site's source: the site adds navigation and search, never content. */
const SOURCE = join(import.meta.dirname, '../../packages/docs');

function titleOf(file: string): string {
  return /^title: (.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim() ?? file;
}

/** One sidebar group per provider, its functions listed with read/write markers, built from the files present. */
function sidebar(): DefaultTheme.SidebarItem[] {
  const providers = readdirSync(SOURCE)
    .filter((entry) => statSync(join(SOURCE, entry)).isDirectory() && existsSync(join(SOURCE, entry, 'index.md')))
    .sort();
  return [
    { text: 'Catalog', link: '/' },
    ...providers.map((id) => ({
      text: titleOf(join(SOURCE, id, 'index.md')),
      link: `/${id}/`,
      collapsed: true,
      items: readdirSync(join(SOURCE, id))
        .filter((f) => f.endsWith('.md') && f !== 'index.md')
        .sort()
        .map((f) => ({ text: f.replace(/\.md$/, ''), link: `/${id}/${f.replace(/\.md$/, '')}` })),
    })),
  ];
}

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
  themeConfig: {
    search: { provider: 'local' },
    sidebar: sidebar(),
    outline: { level: [2, 2] },
    nav: [{ text: 'Catalog', link: '/' }, { text: 'llms.txt', link: '/llms.txt', target: '_self' }],
  },
});
