import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, loadCatalog, type Func, type HttpBinding, type Provider } from '@switchboard/generator';
import { allAuthKinds, allParts, authCodeOf, buildRequest, chooseServerUrl, choosingField, type OperationSpec, type ProviderSpec } from '@switchboard/runtime';
// The literals a generated client hands the runtime, as the loader's own example check uses them.
import { operationSpec, providerSpec } from '../../../generator/src/shared/runtime-spec.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fresh specs/ folder holding the given provider folders (name → files). */
export function specsDir(providers: Record<string, ReadonlyMap<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-import-'));
  for (const [id, files] of Object.entries(providers)) {
    mkdirSync(join(root, id), { recursive: true });
    for (const [name, text] of files) writeFileSync(join(root, id, name), text);
  }
  return root;
}

/** The files with every `review:` deleted, as a person who accepted what the import did would. */
export function withoutReviews(files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].map(([name, text]) => [name, name.endsWith('.yaml') ? text.replace(/^review:\n(  - .*\n)+/m, '') : text]));
}

/** A copy of one hand-written provider of the catalog, in a specs/ folder of its own. */
export function catalogProvider(id: string): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-catalog-'));
  cpSync(join(REPO, 'specs', id), join(root, id), { recursive: true });
  return root;
}

/** Every problem `switchboard validate` would print for the folder, as its lines. */
export function problems(dir: string): string[] {
  const result = loadCatalog(dir);
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
}

export function loadProvider(dir: string, id: string): Provider {
  const result = loadCatalog(dir);
  if (!result.ok) throw new Error(`specs do not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  const provider = result.catalog.providers.find((p) => p.id === id);
  if (!provider) throw new Error(`no provider ${id}`);
  return provider;
}

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The request the runtime sends for `args`, with the account's field values given, as a client would. */
export function wireRequest(provider: Provider, functionName: string, args: Record<string, unknown>, fieldValues: Record<string, string>): WireRequest {
  const func = provider.functions.find((f) => f.name === functionName);
  if (!func || func.binding.kind !== 'http') throw new Error(`no HTTP function ${provider.id}.${functionName}`);
  const spec = providerSpec({ ...provider, functions: [] }) as ProviderSpec;
  // Every runtime part: the literal's own parts are references the generated file imports.
  const op = { ...(operationSpec(func as Func & { binding: HttpBinding }) as OperationSpec), parts: allParts };
  const server = spec.servers[func.binding.server.name]!;
  const field = choosingField(server.url);
  const serverUrl = chooseServerUrl(spec, server.url, field === null ? undefined : fieldValues[field]);
  const built = buildRequest({ op, args, server, authCode: authCodeOf({ id: spec.id, parts: { auth: allAuthKinds } }, server.auth), serverUrl, fieldValues, extraHeaders: [] });
  const url = new URL(built.url);
  const contentType = built.headers['content-type'];
  return {
    method: built.method,
    url: `${url.origin}${url.pathname}?${[...url.searchParams].map(([k, v]) => `${k}=${v}`).join('&')}`,
    headers: { authorization: built.headers.authorization ?? '', 'content-type': contentType ?? '' },
    // The importer writes no multipart function (no `type: file` yet), so every body here is text.
    body: typeof built.body !== 'string' ? null : contentType?.startsWith('application/json') ? JSON.parse(built.body) : built.body,
  };
}
