import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Catalog, Example, Func, Provider, SingleValueSchema } from '../model.js';
import { typeLabel } from '../shared/value-types.js';
import { tsExample } from './client/examples.js';
import { jsonSchemaType } from './client/ts-types.js';
import { stableJson, type Emitter, type GeneratedFile } from './emitter.js';
import { luaExample } from './lua/lua-literal.js';
import { mdCell, mdCellCode, mdCode, mdFence, mdLine, mdText, mdUrl, vitePressBody } from './escape/markdown.js';
import { yamlString } from './escape/yaml.js';
import { requiredGroupsNote } from './required-groups-note.js';
import { authenticationLines, defaultTemplate, serverLines } from './server-text.js';

const ROOT = 'packages/docs';

const templates = new Map<string, HandlebarsTemplateDelegate>();
/**
 * Render a docs-site page: frontmatter, then the template's body wrapped for
 * VitePress. Templates do not escape (markdown is not HTML); every spec string
 * in `view` is escaped for where it lands before it gets here.
 */
function renderPage(name: string, title: string, view: object): string {
  let template = templates.get(name);
  if (!template) {
    template = Handlebars.compile(readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8'), { noEscape: true, strict: true });
    templates.set(name, template);
  }
  return `---\ntitle: ${yamlString(title)}\n---\n\n${vitePressBody(template(view))}`;
}

/** Link text: one line, brackets escaped so it cannot close the link early. */
const linkText = (text: string) => mdLine(text).replace(/[[\]]/g, '\\$&');

const AUTH_LABELS = { bearer: 'Bearer token', basic: 'Basic (ID + secret)', api_key: 'API key', oauth2_client_credentials: 'OAuth2 client credentials', none: null } as const;

function authLabel(provider: Provider): string {
  return [...new Set(provider.servers.map((s) => AUTH_LABELS[s.auth.kind]).filter((label) => label !== null))].join(' / ');
}

/** `{ DIALPAD_SANDBOX_ENVIRONMENT: 'sandbox' }`: the variables setting an example account's own field values. */
function accountEnvironment(provider: Provider, example: Example): Record<string, string> {
  const account = (example.account ?? '').toUpperCase().replace(/-/g, '_');
  return Object.fromEntries(
    Object.entries(example.fields).map(([key, value]) => [provider.fields.find((f) => f.key === key)!.accountEnvTemplate.replace('{ACCOUNT}', account), value]),
  );
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
    // A union's constraints are each member's, named by the member they belong to.
    const constraints: string[] =
      s.kind === 'single'
        ? shapeConstraints(s)
        : s.members.flatMap((member) => {
            const own = shapeConstraints(member);
            return own.length > 0 ? [`${typeLabel(member)}: ${own.join(', ')}`] : [];
          });
    if (p.appliesTo) constraints.push(`only with ${p.appliesTo.join(', ')}`);
    const type = typeLabel(s);
    const wire = p.spread ? `${p.location}: spread into the body` : `${p.location}: ${mdCellCode([...p.bodyPath, p.wireName].join('.'))}`;
    const transforms = p.transforms.map((t) => (t.kind === 'join' ? `joined with ${mdCellCode(t.separator)}` : t.kind === 'map' ? 'mapped' : t.kind === 'datetime_format' ? `formatted as ${mdCellCode(t.format)}` : t.kind.replace(/_/g, ' ')));
    if (s.default !== undefined) constraints.push(`provider default ${mdCellCode(JSON.stringify(s.default))}`);
    // Our own markup (<br>, <small>) joins cells that are already escaped.
    const description = [
      mdCell(s.description ?? ''),
      constraints.length ? `<br><small>${constraints.join('; ')}</small>` : '',
      p.deprecated ? `<br>**Deprecated:** ${mdCell(p.deprecated)}` : '',
      ...p.renamedFrom.map((old) => `<br>**Renamed from** \`${old.name}\`: the old name still works (deprecated) until version ${mdCell(old.removedIn)}.`),
    ].join('');
    return `| \`${p.name}\` | ${type} | ${p.required ? 'yes' : 'no'} | ${[wire, ...transforms].join(', ')} | ${description} |`;
  });
  return ['| Name | Type | Required | Sent as | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n') + requiredGroupsNote(func);
}

function shapeConstraints(s: SingleValueSchema): string[] {
  const constraints: string[] = [];
  if (s.enum) constraints.push(`one of ${s.enum.map((v) => mdCellCode(String(v))).join(', ')}`);
  if (s.minimum !== null) constraints.push(`≥ ${s.minimum}`);
  if (s.maximum !== null) constraints.push(`≤ ${s.maximum}`);
  if (s.minLength !== null) constraints.push(`length ≥ ${s.minLength}`);
  if (s.maxLength !== null) constraints.push(`length ≤ ${s.maxLength}`);
  if (s.minItems !== null && s.minItems === s.maxItems) constraints.push(`exactly ${s.minItems} items`);
  else if (s.maxItems !== null) constraints.push(`at most ${s.maxItems} items`);
  if (s.format) constraints.push(s.format === 'e164' ? 'E.164' : s.format);
  if (s.pattern) constraints.push(`pattern ${mdCellCode(s.pattern)}`);
  return constraints;
}

function paginationText(func: Func): string | null {
  if (func.binding.kind !== 'http' || !func.binding.pagination) return null;
  const p = func.binding.pagination;
  const items = p.items.kind === 'single' ? mdCode(p.items.path) : Object.entries(p.items.paths).map(([k, v]) => `${mdCode(v)} (${mdLine(k)})`).join(' or ');
  const how =
    p.strategy === 'page'
      ? `Pages numbered from ${p.firstPage} in ${mdCode(p.pageParam)}, sized by ${mdCode(p.sizeParam)}${p.totalPagesPath ? `; the last page is known from ${mdCode(p.totalPagesPath)}` : ''}${p.totalItemsPath ? `; the total from ${mdCode(p.totalItemsPath)}` : ''}.`
      : p.strategy === 'offset'
        ? `Offset ${mdCode(p.offsetParam)} and limit ${mdCode(p.limitParam)}${p.nextPath ? `; more pages while ${mdCode(p.nextPath)} is set` : ''}.`
        : p.strategy === 'cursor'
          ? `Cursor ${mdCode(p.cursorParam)} from ${mdCode(p.nextCursorPath)}${p.hasMorePath ? ` while ${mdCode(p.hasMorePath)} is true` : ''}.`
          : `Follows the next-page link in ${p.next.from === 'body' ? mdCode(p.next.path) : `the ${mdCode('Link')} header (${mdCode('rel="next"')})`} while there is one; only links to the same origin are followed, and the link's query wins over the arguments.`;
  return `${how} Items are in ${items}. \`${func.names.tsMethod}Items()\` in TypeScript walks every page, stopping with an error on a repeated cursor or page and after 1,000 pages.`;
}

function functionPage(provider: Provider, func: Func): string {
  const http = func.binding.kind === 'http' ? func.binding : null;
  const base = http ? defaultTemplate(http.server, provider.fields) : '';
  const request = http
    ? http.endpoint.kind === 'fixed'
      ? mdCode(`${http.endpoint.endpoint.method} ${base}${http.endpoint.endpoint.path}`)
      : http.endpoint.cases.map((c) => `${mdCode(`${c.endpoint.method} ${base}${c.endpoint.path}`)} when ${mdCode(http.endpoint.kind === 'selected' ? http.endpoint.parameter : '')} is ${mdCode(c.value)}`).join('; ')
    : null;
  const errorMessage = provider.errors.messagePaths.map(mdCode).join(' or ');
  return renderPage('docs-function.md.hbs', `${provider.name} · ${func.name}`, {
    providerName: mdLine(provider.name),
    name: func.name,
    operation: func.operation,
    description: mdText(func.description),
    unavailable: func.binding.kind === 'unavailable' ? mdText(`${func.binding.reason}${func.binding.alternative ? ` Instead: ${func.binding.alternative}` : ''}`) : null,
    deprecated: func.deprecated ? mdText(`${func.deprecated.since ? `Since ${func.deprecated.since}: ` : ''}${func.deprecated.message}`) : null,
    retryNote: func.binding.kind === 'http' && func.binding.idempotencyKey
      ? `Safe to retry by idempotency key: each call sends one key in the ${mdCode(func.binding.idempotencyKey.header)} header (a random UUID, or the ${mdCode('idempotencyKey')} request option), the same on every retry of that call, so it is retried on connection errors, timeouts, 408, 429 and 5xx. Separate calls are separate writes.`
      : func.idempotent
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
    responseShape: func.responseSchema ? mdFence('ts', jsonSchemaType(func.responseSchema).replace(/\n\s*\[key: string\]: unknown;/g, '')) : null,
    errors: `Failures raise typed errors by status (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, …) carrying ${mdLine(provider.name)}'s own message (from ${errorMessage}) and code. Arguments are validated first: a bad argument fails before any request, naming the parameter.`,
    differences: func.differences.map(mdLine),
    examples: func.examples.map((example) => ({
      title: mdLine(example.title),
      lua: mdFence('lua', luaExample(func, example), '[Lua]'),
      ts: mdFence('ts', tsExample(provider, func, example), '[TypeScript]'),
      cli: mdFence('sh', cliExample(func, example), '[CLI]'),
      http: mdFence('json', JSON.stringify({ request: example.request, response: { status: example.response.status, body: example.response.body } }, null, 2), '[HTTP request]'),
    })),
  });
}

function counts(provider: Provider) {
  const read = provider.functions.filter((f) => f.operation === 'read').length;
  return { functions: provider.functions.length, read, write: provider.functions.length - read };
}

function providerPage(provider: Provider): string {
  return renderPage('docs-provider.md.hbs', provider.name, {
    provider: {
      id: provider.id,
      namespace: provider.namespace,
      className: provider.className,
      packageName: provider.packageName,
      category: provider.category,
      name: mdLine(provider.name),
      description: mdText(provider.description),
      docsUrl: mdUrl(provider.docsUrl),
      apiVersion: provider.apiVersion === null ? null : mdLine(provider.apiVersion),
    },
    counts: counts(provider),
    authLabel: authLabel(provider),
    authentication: authenticationLines(provider),
    fields: provider.fields.map((f) => ({
      key: f.key,
      env: f.env,
      secret: f.secret,
      workEnv: f.accountEnvTemplate.replace('{ACCOUNT}', 'WORK'),
      description: mdCell(f.description),
      default: f.default === null ? null : mdCellCode(f.default),
      optional: !f.required,
    })),
    servers: serverLines(provider),
    functions: provider.functions.map((f) => ({ name: f.name, title: mdCell(f.title), operation: f.operation, unavailable: f.binding.kind === 'unavailable' })),
  });
}

function indexPage(catalog: Catalog): string {
  const categories = [...new Set(catalog.providers.map((p) => p.category))].sort();
  return renderPage('docs-index.md.hbs', 'Switchboard catalog', {
    providerCount: catalog.providers.length,
    functionCount: catalog.providers.reduce((n, p) => n + p.functions.length, 0),
    categories: categories.map((name) => ({
      name,
      providers: catalog.providers.filter((p) => p.category === name).map((p) => ({ id: p.id, name: linkText(p.name), description: mdCell(p.description), counts: counts(p) })),
    })),
  });
}

/** `llms.txt`: what an agent needs to find and call anything, in one short file. */
function llmsText(catalog: Catalog): string {
  const lines = ['# Switchboard integration catalog', '', '> Every function is callable from Lua as app.integrations.<namespace>.<fn>({...}), from a shell as `switchboard call <provider>.<fn>`, from TypeScript through @switchboard/<provider>, and as MCP tool <namespace>__<fn>. Writes need --force or an allow policy. Add --sandbox to try anything offline.', ''];
  for (const provider of catalog.providers) {
    lines.push(`## ${mdLine(provider.name)} (${provider.id})`, '', mdText(provider.description), '');
    for (const func of provider.functions) {
      lines.push(`- [${func.names.qualified}](/${provider.id}/${func.name}) (${func.operation}${func.binding.kind === 'unavailable' ? ', unavailable' : ''}): ${mdLine(func.title)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** A compact namespace index sized for a context window: one signature per line. */
function namespaceIndex(catalog: Catalog): string {
  return `${catalog.providers
    .flatMap((p) => [`app.integrations.${p.namespace} -- ${p.name.replace(/\s+/g, ' ').trim()}`, ...p.functions.map((f) => `  ${f.name}(${f.parameters.map((q) => (q.required ? q.name : `${q.name}?`)).join(', ')}) ${f.operation}`)])
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
            p.functions.flatMap((f) =>
              f.examples.map((e) => ({
                function: f.names.qualified,
                title: e.title,
                cli: cliExample(f, e),
                // The named account's configuration the example assumes (its URL choice), as environment variables.
                ...(Object.keys(e.fields).length > 0 ? { accountEnv: accountEnvironment(p, e) } : {}),
                expectsError: e.response.status >= 400,
                response: e.response.body,
              })),
            ),
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
