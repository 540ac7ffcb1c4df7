// Sanity check of the synthetic catalog: bundles each generated client (straight from its
// TypeScript, with esbuild) and sends every documented example through it with a recording
// fetch, comparing what was sent with the documented request the way the generated contract
// tests do (requestDifferences from @switchboard/testing). Proves the specs are realistic,
// not merely schema-valid.
import { build } from 'esbuild';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { requestDifferences } from '@switchboard/testing';
import { REPO_ROOT } from './proc.mjs';

const camel = (s) => s.replace(/[_-]+(\w)/g, (_, c) => c.toUpperCase());

async function recordingFetch(log, response) {
  return async (url, init = {}) => {
    const headers = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    let body = null;
    if (typeof init.body === 'string' && init.body !== '') {
      body = (headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(init.body)) : JSON.parse(init.body);
    }
    log.push({ method: init.method ?? 'GET', url: String(url), headers, body });
    const r = response();
    return new Response(r.status === 204 || r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  };
}

/** Returns { providers, examples, mismatches: [..first few problems..] }. */
export async function checkSynthCatalog(root, maxProviders = 3) {
  const ids = readdirSync(join(root, 'packages', 'clients')).sort().slice(0, maxProviders);
  const outDir = join(root, '.check');
  mkdirSync(outDir, { recursive: true });
  let examples = 0;
  const mismatches = [];
  for (const id of ids) {
    const entry = join(outDir, `${id}.entry.mjs`);
    const out = join(outDir, `${id}.bundle.mjs`);
    await build({
      stdin: {
        contents: `export * as client from ${JSON.stringify(join(root, 'packages/clients', id, 'src/index.ts'))};\nexport * as mocks from ${JSON.stringify(join(root, 'packages/mocks/src', `${id}.ts`))};`,
        resolveDir: REPO_ROOT,
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      nodePaths: [join(REPO_ROOT, 'node_modules')],
      logLevel: 'silent',
    });
    void entry;
    const mod = await import(pathToFileURL(out).href);
    const provider = parse(readFileSync(join(root, 'specs', id, 'provider.yaml'), 'utf8'));
    const creds = Object.fromEntries(Object.entries(provider.fields).map(([k, f]) => [camel(k), f.example]));
    const catalog = Object.values(mod.mocks).find((v) => v && Array.isArray(v.examples));
    for (const ex of catalog.examples) {
      const log = [];
      const fetch = await recordingFetch(log, () => ex.response);
      const core = mod.client.createCore({ ...creds, env: {}, fetch, maxRetries: 0 });
      const fn = mod.client[camel(ex.function.split('.')[1])];
      let result;
      try {
        result = await fn(core, ex.arguments);
      } catch (e) {
        mismatches.push(`${ex.function} "${ex.title}": threw ${e.message}`);
        continue;
      }
      examples++;
      const problems = log.length === 1 ? requestDifferences(log[0], ex.request) : [`sent ${log.length} requests`];
      if (JSON.stringify(result ?? null) !== JSON.stringify(ex.response.body ?? null)) problems.push('result differs from documented response body');
      if (problems.length) mismatches.push(`${ex.function} "${ex.title}": ${problems.join('; ')}`);
    }
  }
  return { providers: ids.length, examples, mismatches };
}
