import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import { projectWith } from './support.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The fixture with list_widgets renamed from `find_widgets` and create_widget's `tags` renamed from `labels`, both kept as deprecated aliases. */
const RENAMES = [
  { file: 'acme/list_widgets.yaml', find: 'name: list_widgets\n', replace: 'name: list_widgets\nrenamed_from: [{ name: find_widgets, removed_in: "2.0.0" }]\n' },
  { file: 'acme/create_widget.yaml', find: '    description: Tags.\n', replace: '    description: Tags.\n    renamed_from: [{ name: labels, removed_in: "2.0.0" }]\n' },
];

interface AcmeClient {
  findWidgets(params: object): Promise<unknown>;
  createWidget(params: object): Promise<unknown>;
}

describe('a renamed function and parameter, through a generated client', () => {
  let root: string;
  let server: Server;
  const bodies: Array<{ url: string; body: string }> = [];
  beforeAll(async () => {
    root = projectWith(RENAMES).root;
    // No generation cache: it would live in root/node_modules, which is linked to the repository's below.
    expect(generate({ rootDir: root, cacheDir: false }).kind).toBe('written');
    // The generated client is compiled as in the repository: same base config, the built runtime.
    copyFileSync(join(REPO, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    execFileSync(process.execPath, [TSC, '-p', join(root, 'packages/clients/acme/tsconfig.json')], { stdio: 'pipe' });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        bodies.push({ url: req.url ?? '', body });
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(req.method === 'POST' ? '{"id":"w_1"}' : '{"items":[],"total_pages":0}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }, 300_000);
  afterAll(() => server?.close());

  const file = (path: string) => readFileSync(join(root, 'packages/clients/acme/src', path), 'utf8');

  it('types mark the old names @deprecated and say what to use instead', () => {
    expect(file('client.ts')).toContain('@deprecated Renamed to `listWidgets` (`acme.list_widgets`); `findWidgets` is removed in version 2.0.0.');
    expect(file('types.ts')).toContain('/** @deprecated Renamed to `tags`; `labels` is removed in version 2.0.0. */\n  labels?: Array<string>;');
    expect(file('index.ts')).toMatch(/export \{ [^}]*\blistWidgets, findWidgets, [^}]*\} from '\.\/functions\.js';/);
  });

  it('the scripts and the CLI still answer to the old function name', () => {
    const binding = readFileSync(join(root, 'packages/bindings/src/acme.ts'), 'utf8');
    expect(binding).toMatch(/aliases: \["find_widgets"\],\s+renamedFrom: \[\{ name: "find_widgets", removedIn: "2\.0\.0" \}\]/);
  });

  it('calls under old names are served by the new ones, with one warning per old name', async () => {
    const { Acme } = (await import(pathToFileURL(join(root, 'packages/clients/acme/dist/index.js')).href)) as { Acme: new (options: object) => AcmeClient };
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const acme = new Acme({ apiKey: 'acme_test_key', baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
      await acme.findWidgets({ color: 'red' });
      await acme.findWidgets({ color: 'blue' });
      await acme.createWidget({ shelf_id: 's1', name: 'Sprocket', labels: ['x'] });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(bodies.map((b) => b.url)).toEqual(['/widgets?color=red', '/widgets?color=blue', '/shelves/s1/widgets']);
    expect(JSON.parse(bodies[2]!.body)).toEqual({ name: 'Sprocket', tags: ['x'] });
    expect(warnings).toEqual([
      'acme.find_widgets is deprecated and is removed in version 2.0.0; use acme.list_widgets (listWidgets).',
      "acme.create_widget: parameter 'labels' is deprecated and is removed in version 2.0.0; use 'tags'.",
    ]);
  });
});
