import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Catalog, Example, Func, Provider } from '../model.js';
import { tsExample } from './client/examples.js';
import { jsonSchemaType } from './client/ts-types.js';
import { stableJson, type Emitter, type GeneratedFile } from './emitter.js';
import { luaExample } from './lua/lua-literal.js';

const ROOT = 'packages/docs';

const templates = new Map<string, HandlebarsTemplateDelegate>();
function render(name: string, view: object): string {
  let template = templates.get(name);
  if (!template) {
    template = Handlebars.compile(readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8'), { noEscape: true, strict: true });
    templates.set(name, template);
  }
  return template(view);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

const AUTH_LABELS = { bearer: 'Bearer token', basic: 'Basic (ID + secret)', api_key: 'API key' } as const;

function authLabel(provider: Provider): string {
  return [...new Set(provider.servers.map((s) => AUTH_LABELS[s.auth.kind]))].join(' / ');
}

/** The shell command of an example: exactly what the docs show (tests append --sandbox). */
export function cliExample(func: Func, example: Example): string {
  const payload = JSON.stringify(example.arguments).replace(/'/g, `'\\''`);
  const flags = [example.account ? `--account ${example.account}` : '', func.operation === 'write' ? '--force' : ''].filter(Boolean);
  return [`switchboard call ${func.names.qualified} '${payload}'`, ...flags].join(' ');
}

function parameterTable(func: Func): string {
  if (func.parameters.length === 0) return '*This function takes no parameters.*';
  const rows = func.parameters.map((p) => {
    const s = p.schema;
    const constraints: string[] = [];
    if (s.enum) constraints.push(`one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
    if (s.minimum !== null) constraints.push(`≥ ${s.minimum}`);
    if (s.maximum !== null) constraints.push(`≤ ${s.maximum}`);
    if (s.minLength !== null) constraints.push(`length ≥ ${s.minLength}`);
    if (s.maxLength !== null) constraints.push(`length ≤ ${s.maxLength}`);
    if (s.maxItems !== null) constraints.push(`at most ${s.maxItems} items`);
    if (s.format) constraints.push(s.format === 'e164' ? 'E.164' : s.format);
    if (s.pattern) constraints.push(`pattern \`${s.pattern}\``);
    if (p.appliesTo) constraints.push(`only with ${p.appliesTo.join(', ')}`);
    const type = s.type === 'array' && s.items ? `array of ${s.items.type}` : s.type;
    const wire = p.spread ? `${p.location}: spread into the body` : `${p.location}: \`${p.wireName}\``;
    const transforms = p.transforms.map((t) => (t.kind === 'join' ? `joined with \`${t.separator}\`` : t.kind === 'map' ? 'mapped' : t.kind === 'datetime_format' ? `formatted as ${t.format}` : t.kind.replace(/_/g, ' ')));
    if (s.default !== undefined) constraints.push(`provider default \`${JSON.stringify(s.default)}\``);
    const description = [
      s.description ?? '',
      constraints.length ? `<br><small>${constraints.join('; ')}</small>` : '',
      p.deprecated ? `<br>**Deprecated:** ${p.deprecated}` : '',
    ].join('');
    return `| \`${p.name}\` | ${type} | ${p.required ? 'yes' : 'no'} | ${cell([wire, ...transforms].join(', '))} | ${cell(description)} |`;
  });
  return ['| Name | Type | Required | Sent as | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function paginationText(func: Func): string | null {
  if (func.binding.kind !== 'http' || !func.binding.pagination) return null;
  const p = func.binding.pagination;
  const items = p.items.kind === 'single' ? `\`${p.items.path}\`` : Object.entries(p.items.paths).map(([k, v]) => `\`${v}\` (${k})`).join(' or ');
  const how =
    p.strategy === 'page'
      ? `Pages numbered from ${p.firstPage} in \`${p.pageParam}\`, sized by \`${p.sizeParam}\`${p.totalPagesPath ? `; the last page is known from \`${p.totalPagesPath}\`` : ''}${p.totalItemsPath ? `; the total from \`${p.totalItemsPath}\`` : ''}.`
      : p.strategy === 'offset'
        ? `Offset \`${p.offsetParam}\` and limit \`${p.limitParam}\`${p.nextPath ? `; more pages while \`${p.nextPath}\` is set` : ''}.`
        : `Cursor \`${p.cursorParam}\` from \`${p.nextCursorPath}\`${p.hasMorePath ? ` while \`${p.hasMorePath}\` is true` : ''}.`;
  return `${how} Items are in ${items}. \`${func.names.tsMethod}Items()\` in TypeScript walks every page, stopping with an error on a repeated cursor or page and after 1,000 pages.`;
}

function functionPage(provider: Provider, func: Func): string {
  const http = func.binding.kind === 'http' ? func.binding : null;
  const request = http
    ? http.endpoint.kind === 'fixed'
      ? `\`${http.endpoint.endpoint.method} ${http.server.urlTemplate}${http.endpoint.endpoint.path}\``
      : http.endpoint.cases.map((c) => `\`${c.endpoint.method} ${http.server.urlTemplate}${c.endpoint.path}\` when \`${http.endpoint.kind === 'selected' ? http.endpoint.parameter : ''}\` is \`${c.value}\``).join('; ')
    : null;
  const errorMessage = provider.errors.messagePaths.map((p) => `\`${p}\``).join(' or ');
  return render('docs-function.md.hbs', {
    providerName: provider.name,
    name: func.name,
    operation: func.operation,
    description: func.description,
    unavailable: func.binding.kind === 'unavailable' ? `${func.binding.reason}${func.binding.alternative ? ` Instead: ${func.binding.alternative}` : ''}` : null,
    deprecated: func.deprecated ? `${func.deprecated.since ? `Since ${func.deprecated.since}: ` : ''}${func.deprecated.message}` : null,
    retryNote: func.idempotent
      ? 'Idempotent: retried on connection errors, timeouts, 408, 429 and 5xx.'
      : 'Not idempotent: retried only when the request certainly never reached the provider (connection refused) or on 429, never after a timeout or 5xx.',
    luaPath: func.names.luaPath,
    luaAliases: func.names.luaAliases,
    tsCall: `${provider.className.charAt(0).toLowerCase()}${provider.className.slice(1)}.${func.names.tsMethod}()`,
    packageName: provider.packageName,
    cliCommand: func.names.cliCommand,
    mcpTool: func.names.mcpTool,
    request,
    parameterTable: parameterTable(func),
    pagination: paginationText(func),
    responseShape: func.responseSchema ? jsonSchemaType(func.responseSchema).replace(/\n\s*\[key: string\]: unknown;/g, '') : null,
    errors: `Failures raise typed errors by status (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, …) carrying ${provider.name}'s own message (from ${errorMessage}) and code. Arguments are validated first: a bad argument fails before any request, naming the parameter.`,
    differences: func.differences,
    examples: func.examples.map((example) => ({
      title: example.title,
      lua: luaExample(func, example),
      ts: tsExample(provider, func, example),
      cli: cliExample(func, example),
      http: JSON.stringify({ request: example.request, response: { status: example.response.status, body: example.response.body } }, null, 2),
    })),
  });
}

function counts(provider: Provider) {
  const read = provider.functions.filter((f) => f.operation === 'read').length;
  return { functions: provider.functions.length, read, write: provider.functions.length - read };
}

function providerPage(provider: Provider): string {
  return render('docs-provider.md.hbs', {
    provider,
    counts: counts(provider),
    authLabel: authLabel(provider),
    fields: provider.fields.map((f) => ({ ...f, workEnv: f.accountEnvTemplate.replace('{ACCOUNT}', 'WORK') })),
    functions: provider.functions.map((f) => ({ name: f.name, title: f.title, operation: f.operation, unavailable: f.binding.kind === 'unavailable' })),
  });
}

function indexPage(catalog: Catalog): string {
  const categories = [...new Set(catalog.providers.map((p) => p.category))].sort();
  return render('docs-index.md.hbs', {
    providerCount: catalog.providers.length,
    functionCount: catalog.providers.reduce((n, p) => n + p.functions.length, 0),
    categories: categories.map((name) => ({
      name,
      providers: catalog.providers.filter((p) => p.category === name).map((p) => ({ id: p.id, name: p.name, description: cell(p.description), counts: counts(p) })),
    })),
  });
}

/** `llms.txt`: what an agent needs to find and call anything, in one short file. */
function llmsText(catalog: Catalog): string {
  const lines = ['# Switchboard integration catalog', '', '> Every function is callable from Lua as app.integrations.<namespace>.<fn>({...}), from a shell as `switchboard call <provider>.<fn>`, from TypeScript through @switchboard/<provider>, and as MCP tool <namespace>__<fn>. Writes need --force or an allow policy. Add --sandbox to try anything offline.', ''];
  for (const provider of catalog.providers) {
    lines.push(`## ${provider.name} (${provider.id})`, '', provider.description, '');
    for (const func of provider.functions) {
      lines.push(`- [${func.names.qualified}](/${provider.id}/${func.name}) (${func.operation}${func.binding.kind === 'unavailable' ? ', unavailable' : ''}): ${func.title}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** A compact namespace index sized for a context window: one signature per line. */
function namespaceIndex(catalog: Catalog): string {
  return `${catalog.providers
    .flatMap((p) => [`app.integrations.${p.namespace} -- ${p.name}`, ...p.functions.map((f) => `  ${f.name}(${f.parameters.map((q) => (q.required ? q.name : `${q.name}?`)).join(', ')}) ${f.operation}`)])
    .join('\n')}\n`;
}

/** `@switchboard/docs`: markdown reference pages, llms.txt and a namespace index, from the model only. */
export const docsEmitter: Emitter = {
  name: 'docs',
  owns: () => [ROOT],
  emit(catalog: Catalog) {
    const files: GeneratedFile[] = [
      { path: `${ROOT}/index.md`, contents: indexPage(catalog) },
      // Under public/ so the docs site serves them verbatim at /llms.txt and /namespaces.txt.
      { path: `${ROOT}/public/llms.txt`, contents: llmsText(catalog) },
      { path: `${ROOT}/public/namespaces.txt`, contents: namespaceIndex(catalog) },
      {
        path: `${ROOT}/examples.json`,
        contents: stableJson(
          catalog.providers.flatMap((p) =>
            p.functions.flatMap((f) => f.examples.map((e) => ({ function: f.names.qualified, title: e.title, cli: cliExample(f, e), expectsError: e.response.status >= 400, response: e.response.body }))),
          ),
        ),
      },
      {
        path: `${ROOT}/package.json`,
        contents: stableJson({
          name: '@switchboard/docs',
          version: '0.1.0',
          private: true,
          description: 'Markdown reference of every Switchboard provider and function (generated).',
          files: ['**/*.md', 'public', 'examples.json'],
        }),
      },
    ];
    for (const provider of catalog.providers) {
      files.push({ path: `${ROOT}/${provider.id}/index.md`, contents: providerPage(provider) });
      for (const func of provider.functions) files.push({ path: `${ROOT}/${provider.id}/${func.name}.md`, contents: functionPage(provider, func) });
    }
    return files;
  },
};
