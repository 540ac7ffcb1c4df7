import type { Example, Func, Provider } from '../model.js';
import { jsonSchemaType } from './render/ts-types.js';
import { cliExample } from './render/cli-example.js';
import { emitFromSplit, joinedFile, stableJson, type Emitter, type GeneratedFile, type IndexOutput, type JoinedParts, type ProviderSplit, type SummaryList } from './emitter.js';
import { shownCurlCommand as curlCommand, shownLuaExample as luaExample, shownTsExample as tsExample } from './per-example.js';
import { httpExchange } from './docs/http-exchange.js';
import { parameterSection } from './docs/parameters.js';
import { responseFields } from './docs/response.js';
import { mdCell, mdCode, mdFence, mdLine, mdText, mdUrl, vitePressBody } from './escape/markdown.js';
import { yamlString } from './escape/yaml.js';
import { htmlCode, htmlEscape, htmlText } from './escape/html.js';
import { authenticationLines, defaultTemplate, serverLines } from './server-text.js';
import { BODY_PATH } from '../shared/schema-paths.js';
import { firstSentence } from '../shared/sentences.js';
import { fileKeysOf } from '../shared/value-types.js';
import { dataSchemaOf, savedFileName } from '../shared/returns.js';
import { fileData, requestData } from '../shared/documented-files.js';
import { template } from './templates.js';
import { alphabetically } from '../shared/text-order.js';

const ROOT = 'packages/docs';

/**
 * Render a docs-site page: frontmatter, then the template's body wrapped for
 * VitePress. Templates do not escape (markdown is not HTML); every spec string
 * in `view` is escaped for where it lands before it gets here.
 */
function renderPage(name: string, title: string, view: object, frontmatter: Record<string, string> = {}): string {
  const extra = Object.entries(frontmatter).map(([key, value]) => `${key}: ${yamlString(value)}\n`).join('');
  return `---\ntitle: ${yamlString(title)}\n${extra}---\n\n${vitePressBody(template(name)(view))}`;
}


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

function paginationText(func: Func): string | null {
  if (func.binding.kind !== 'http' || !func.binding.pagination) return null;
  const p = func.binding.pagination;
  const itemsAt = (path: string) => (path === BODY_PATH ? 'the body itself, a list' : mdCode(path));
  const items = p.items.kind === 'single' ? itemsAt(p.items.path) : Object.entries(p.items.paths).map(([k, v]) => `${itemsAt(v)} (${mdLine(k)})`).join(' or ');
  const how =
    p.strategy === 'page'
      ? `Pages numbered from ${p.firstPage} in ${mdCode(p.pageParam)}, sized by ${mdCode(p.sizeParam)}${p.totalPagesPath ? `; the last page is known from ${mdCode(p.totalPagesPath)}` : ''}${p.totalItemsPath ? `; the total from ${mdCode(p.totalItemsPath)}` : ''}.`
      : p.strategy === 'offset'
        ? `Offset ${mdCode(p.offsetParam)} and limit ${mdCode(p.limitParam)}${p.nextPath ? `; more pages while ${mdCode(p.nextPath)} is set` : ''}.`
        : p.strategy === 'cursor'
          ? `Cursor ${mdCode(p.cursorParam)} from ${mdCode(p.nextCursorPath)}${p.hasMorePath ? ` while ${mdCode(p.hasMorePath)} is true` : ''}${p.lastPageWithout ? `; the last page has no ${mdCode(p.lastPageWithout)}` : ''}.`
          : `Follows the next-page link in ${p.next.from === 'body' ? mdCode(p.next.path) : `the ${mdCode('Link')} header (${mdCode('rel="next"')})`} while there is one; only links to the same origin are followed, and the link's query wins over the arguments.`;
  return `${how} Items are in ${items}. \`${func.names.tsMethod}Items()\` in TypeScript walks every page, stopping with an error on a repeated cursor or page and after 1,000 pages.`;
}

function functionPage(provider: Provider, func: Func): string {
  return renderPage('docs-function.md.hbs', `${provider.name} · ${func.name}`, functionPageView(provider, func), { operation: func.operation, description: firstSentence(func.description) });
}

/** What docs-function.md.hbs shows of a function. */
export function functionPageView(provider: Provider, func: Func) {
  const http = func.binding.kind === 'http' ? func.binding : null;
  const base = http ? defaultTemplate(http.server, provider.fields) : '';
  const request = http
    ? http.endpoint.kind === 'fixed'
      ? mdCode(`${http.endpoint.endpoint.method} ${base}${http.endpoint.endpoint.path}`)
      : http.endpoint.cases.map((c) => `${mdCode(`${c.endpoint.method} ${base}${c.endpoint.path}`)} when ${mdCode(http.endpoint.kind === 'selected' ? http.endpoint.parameter : '')} is ${mdCode(c.value)}`).join('; ')
    : null;
  const errorMessage = provider.errors.messagePaths.map(mdCode).join(' or ');
  return {
    providerName: mdLine(provider.name),
    name: htmlEscape(func.name),
    title: mdLine(func.title),
    operation: func.operation,
    description: mdText(func.description),
    unavailable: func.binding.kind === 'unavailable' ? mdText(`${func.binding.reason}${func.binding.alternative ? ` Instead: ${func.binding.alternative}` : ''}`) : null,
    deprecated: func.deprecated ? mdText(`${func.deprecated.since ? `Since ${func.deprecated.since}: ` : ''}${func.deprecated.message}`) : null,
    retryNote: func.binding.kind === 'http' && func.binding.idempotencyKey
      ? `Safe to retry by idempotency key: each call sends one key in the ${mdCode(func.binding.idempotencyKey.header)} header (a random UUID, or your own: the ${mdCode('idempotencyKey')} request option, ${mdCode('--idempotency-key')}, ${mdCode('{ idempotency_key = … }')} as a second argument in Lua, or the ${mdCode('idempotency_key')} tool argument in MCP), the same on every retry of that call, so it is retried on connection errors, timeouts, 408, 429 and 5xx. Separate calls are separate writes, unless they send the same key: repeat a call whose outcome is unknown with its key.`
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
    parameters: parameterSection(func),
    pagination: paginationText(func),
    response: responsePanel(func),
    errors: `Failures raise typed errors by status (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, …) carrying ${mdLine(provider.name)}'s own message (from ${errorMessage}) and code. Arguments are validated first: a bad argument fails before any request, naming the parameter.`,
    differences: func.differences.map(mdLine),
    examples: func.examples.map((example) => ({
      title: mdLine(example.title),
      lua: mdFence('lua', luaExample(provider, func, example), '[Lua]'),
      ts: mdFence('ts', tsExample(provider, func, example), '[TypeScript]'),
      cli: mdFence('sh', cliExample(func, example), '[CLI]'),
      curl: mdFence('sh', curlCommand(provider, func, example).text, '[curl]'),
      http: mdFence('http', httpExchange(example, fileKeysOf(func)), '[HTTP]'),
      // The site's "Run in sandbox" answers from the mock handlers, which serve the HTTP functions.
      sandbox: func.binding.kind === 'http',
    })),
  };
}

/** The Response section: status, the fields with their descriptions, the first successful example's body and the TypeScript type. */
function responsePanel(func: Func) {
  const http = func.binding.kind === 'http' ? func.binding : null;
  const example = func.examples.find((e) => e.response.status < 400);
  const schema = dataSchemaOf(func.returns);
  return {
    // An unavailable function makes no request, so it has no response to show.
    shown: http !== null,
    status: http ? http.successStatus : null,
    file: func.returns.kind === 'file' ? { type: func.returns.contentType === null ? null : mdCode(func.returns.contentType) } : null,
    fields: schema ? responseFields(schema) : null,
    example: example ? answerPanel(example) : null,
    tsType: schema ? mdFence('ts', jsonSchemaType(schema).replace(/\n\s*\[key: string\]: unknown;/g, '')) : null,
  };
}

/** The first successful example's answer: its JSON, or the file it documents (name, type, size, and the text of a text file). */
function answerPanel(example: Example): { title: string; body: string } | null {
  const title = mdLine(example.title);
  const { file } = example.response;
  if (file) {
    const size = Buffer.from(file.base64, 'base64').length;
    const name = file.filename === null ? 'A file' : `The file ${mdCode(file.filename)}`;
    const line = `${name} (${mdCode(file.contentType)}, ${size} ${size === 1 ? 'byte' : 'bytes'})${file.text === null ? '.' : ':'}`;
    return { title, body: file.text === null ? line : `${line}\n\n${mdFence('text', file.text)}` };
  }
  const body = example.response.body;
  return body === null || body === undefined ? null : { title, body: mdFence('json', JSON.stringify(body, null, 2)) };
}

function counts(provider: Provider) {
  const read = provider.functions.filter((f) => f.operation === 'read').length;
  return { functions: provider.functions.length, read, write: provider.functions.length - read };
}

function providerPage(provider: Provider): string {
  return renderPage('docs-provider.md.hbs', provider.name, providerPageView(provider));
}

/** What docs-provider.md.hbs shows of a provider. */
export function providerPageView(provider: Provider) {
  return {
    provider: {
      id: provider.id,
      namespace: provider.namespace,
      className: provider.className,
      packageName: provider.packageName,
      category: htmlEscape(categoryName(provider.category)),
      name: mdLine(provider.name),
      description: mdText(provider.description),
      docsUrl: mdUrl(provider.docsUrl),
      apiVersion: provider.apiVersion === null ? null : mdLine(provider.apiVersion),
    },
    counts: counts(provider),
    authLabel: authLabel(provider),
    authentication: authenticationLines(provider),
    fields: fieldCards(provider),
    // Only what an account must set: fields with a default, and optional ones, can be left out.
    configureCommand: mdCode(`switchboard configure ${provider.id}${provider.fields.filter((f) => f.required && f.default === null).map((f) => ` --set ${f.key}=…`).join('')}`),
    servers: serverLines(provider),
    rateLimit: rateLimitLines(provider),
    errors: errorEnvelope(provider),
    functions: provider.functions.map((f) => ({ name: f.name, summary: mdCell(firstSentence(f.description)), operation: f.operation, unavailable: f.binding.kind === 'unavailable' })),
  };
}

/** An environment variable that may wrap after an underscore, never inside a word (`TELNYX_A PI_KEY`). */
const envName = (name: string): string => `<code class="sb-env">${htmlEscape(name).replace(/_/g, '_<wbr>')}</code>`;

/** Each field as a card: its key, variables and description. */
function fieldCards(provider: Provider): string {
  const cards = provider.fields.map((f) => {
    const facts = [f.secret ? '<span class="sb-req sb-req-yes">secret</span>' : '', f.required ? '' : '<span class="sb-req">optional</span>'].filter(Boolean).join(' ');
    const rows = [
      `<dt>Environment variable</dt><dd>${envName(f.env)}</dd>`,
      `<dt>Named account <code>work</code></dt><dd>${envName(f.accountEnvTemplate.replace('{ACCOUNT}', 'WORK'))}</dd>`,
      `<dt>TypeScript option</dt><dd>${htmlCode(f.option)}</dd>`,
      ...(f.default === null ? [] : [`<dt>Default</dt><dd>${htmlCode(f.default)}</dd>`]),
      ...(f.enum ? [`<dt>Allowed values</dt><dd>${f.enum.map(htmlCode).join(', ')}</dd>`] : []),
    ];
    return `<div class="sb-field">\n<span class="sb-field-head"><code class="sb-field-name">${htmlEscape(f.key)}</code> <span class="sb-field-type">${htmlEscape(f.label)}</span> ${facts}</span>\n<p class="sb-field-desc">${htmlText(f.description)}</p>\n<dl class="sb-facts-list">${rows.join('')}</dl>\n</div>`;
  });
  return `<div class="sb-fields">\n${cards.join('\n')}\n</div>`;
}

function rateLimitLines(provider: Provider): string[] {
  const lines: string[] = [];
  const r = provider.rateLimit;
  if (r?.limit) lines.push(`Limit per window: ${mdCode(r.limit)} header.`);
  if (r?.remaining) lines.push(`Requests left in the window: ${mdCode(r.remaining)} header.`);
  if (r?.reset) lines.push(`When the window resets: ${mdCode(r.reset)} header${r.resetFormat === 'epoch_seconds' ? ', a Unix time in seconds' : r.resetFormat === 'seconds' ? ', in seconds from now' : ''}.`);
  const statuses = ['429', ...(r?.exhaustedStatuses ?? []).map((s) => `${s} with ${mdCode(r!.remaining ?? '')} at 0`)].join(' or a ');
  const wait = r?.resetFormat ? `${mdCode('Retry-After')} or else at the reset` : mdCode('Retry-After');
  lines.push(`A ${statuses} raises ${mdCode('RateLimitError')}; reads and writes are retried after ${wait} (up to ${mdCode('maxRetryAfter')}, 60 s by default).`);
  const fromBody = provider.errors.requestIdPaths.map(mdCode).join(' or ');
  const where = [provider.requestIdHeader ? `${mdCode(provider.requestIdHeader)} header` : null, fromBody ? `${fromBody} in the error body` : null].filter(Boolean).join(', else ');
  if (where) lines.push(`Request id for support: ${where}, carried by every error.`);
  return lines;
}

function errorEnvelope(provider: Provider) {
  const e = provider.errors;
  return {
    messagePaths: e.messagePaths.map(mdCode).join(', then ') || 'none',
    codePaths: e.codePaths.map(mdCode).join(', then ') || 'none',
    failureInBody: e.failureInBody
      ? `${mdLine(provider.name)} also reports failures in a success answer: when ${mdCode(e.failureInBody.path)} is ${mdCode(JSON.stringify(e.failureInBody.equals))}, the call raises ${mdCode('APIError')} with that answer's status, message and code, and is not retried.`
      : null,
    details: e.details
      ? `Its field-level reasons, read from each entry at ${mdCode(e.details.each)} as ${e.details.text.map(mdCode).join(', else ')}, are on the error's ${mdCode('details')} and named in its message; the answer below reads ${mdCode(`Details: ${e.documented.details.join('; ')}.`)}`
      : null,
    status: e.example.status,
    example: mdFence('json', JSON.stringify(e.example.body, null, 2)),
  };
}

/** The catalog categories the provider schema allows, as a reader names them. */
const CATEGORY_NAMES: Record<string, string> = {
  communication: 'Communication',
  crm: 'CRM',
  'developer-tools': 'Developer tools',
  productivity: 'Productivity',
  finance: 'Finance',
  marketing: 'Marketing',
  ai: 'AI',
  storage: 'Storage',
  other: 'Other',
};

export const categoryName = (category: string): string => CATEGORY_NAMES[category] ?? category.charAt(0).toUpperCase() + category.slice(1).replace(/-/g, ' ');

function providerCard(p: Provider): string {
  const c = counts(p);
  return `<a class="sb-card" href="/${htmlEscape(p.id)}/"><span class="sb-card-title">${htmlEscape(p.name)}</span><span class="sb-card-counts">${c.functions} functions · ${c.read} read · ${c.write} write</span><span class="sb-card-desc">${htmlText(p.description)}</span></a>`;
}

/** What the catalog-wide pages need about one provider, rendered where it can be. */
interface DocsSummary {
  category: string;
  /** Its card on the index page. */
  card: string;
  functionCount: number;
  /** Its section of llms.txt. */
  llms: string[];
  /** Its lines of namespaces.txt. */
  namespaces: string[];
  /** Its entries of examples.json, each rendered as it appears there (two-space JSON, indented to its place in the list). */
  examples: string[];
}

function docsSummary(p: Provider): DocsSummary {
  return {
    category: p.category,
    card: providerCard(p),
    functionCount: p.functions.length,
    llms: llmsSection(p),
    namespaces: [`app.integrations.${p.namespace} -- ${p.name.replace(/\s+/g, ' ').trim()}`, ...p.functions.map((f) => `  ${f.name}(${f.parameters.map((q) => (q.required ? q.name : `${q.name}?`)).join(', ')}) ${f.operation}`)],
    examples: p.functions.flatMap((f) =>
      f.examples.map((e) => examplesEntry({
        function: f.names.qualified,
        title: e.title,
        cli: cliExample(f, e),
        // The curl tab's command, the variables it reads (example values) and the request it must send; made once per example (per-example.ts).
        curl: curlCommand(p, f, e).text,
        curlEnv: curlCommand(p, f, e).env,
        // With OAuth2, the token request the command makes first and the token that answers it.
        ...(curlCommand(p, f, e).token ? { curlToken: curlCommand(p, f, e).token } : {}),
        // The files the command uploads from the working directory (multipart parts, a binary body), by name, in base64.
        ...(curlCommand(p, f, e).files ? { curlFiles: curlCommand(p, f, e).files } : {}),
        request: requestData(e.request),
        // The named account's configuration the example assumes (its URL choice), as environment variables.
        ...(Object.keys(e.fields).length > 0 ? { accountEnv: accountEnvironment(p, e) } : {}),
        expectsError: e.response.status >= 400,
        response: e.response.body,
        // A download: the documented file, and the name the CLI and curl commands save it as.
        ...(e.response.file ? { responseFile: fileData(e.response.file), saves: savedFileName(f, e) } : {}),
      })),
    ),
  };
}

const examplesEntry = (entry: unknown) => JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ');

function indexPage(providers: SummaryList<DocsSummary>): string {
  // Cards are small; the rest of each summary (examples, llms.txt lines) is dropped as the walk goes.
  const cardsByCategory = new Map<string, string[]>();
  let functionCount = 0;
  for (const p of providers) {
    functionCount += p.functionCount;
    const cards = cardsByCategory.get(p.category) ?? [];
    cards.push(p.card);
    cardsByCategory.set(p.category, cards);
  }
  const categories = [...cardsByCategory.keys()].sort((a, b) => alphabetically(categoryName(a), categoryName(b)));
  return renderPage('docs-index.md.hbs', 'Switchboard catalog', {
    providerCount: providers.length,
    functionCount,
    categories: categories.map((name) => ({
      name: mdLine(categoryName(name)),
      cards: `<div class="sb-cards">\n${cardsByCategory.get(name)!.join('\n')}\n</div>`,
    })),
  });
}

/** `llms.txt`: what an agent needs to find and call anything, in one short file. */
const LLMS_HEAD = ['# Switchboard integration catalog', '', '> Every function is callable from Lua as app.integrations.<namespace>.<fn>({...}), from a shell as `switchboard call <provider>.<fn>`, from TypeScript through @switchboard/<provider>, and as MCP tool <namespace>__<fn>. Writes need --force or an allow policy. Add --sandbox to try anything offline.', ''].join('\n');
const llmsText: JoinedParts<DocsSummary> = { head: LLMS_HEAD, piece: (p) => (p.llms.length > 0 ? `\n${p.llms.join('\n')}` : ''), separator: '', tail: '', empty: LLMS_HEAD };

function llmsSection(provider: Provider): string[] {
  const lines = [`## ${mdLine(provider.name)} (${provider.id})`, '', mdText(provider.description), ''];
  for (const func of provider.functions) {
    lines.push(`- [${func.names.qualified}](/${provider.id}/${func.name}) (${func.operation}${func.binding.kind === 'unavailable' ? ', unavailable' : ''}): ${mdLine(func.title)}`);
  }
  lines.push('');
  return lines;
}

/** A compact namespace index sized for a context window: one signature per line, each ending in a line break; no lines at all is still one line break. */
const namespaceIndex: JoinedParts<DocsSummary> = { head: '', piece: (p) => (p.namespaces.length > 0 ? `${p.namespaces.join('\n')}\n` : ''), separator: '', tail: '', empty: '\n' };

/** `stableJson(examples)` of every provider's examples, one provider at a time. */
const examplesJson: JoinedParts<DocsSummary> = { head: '[\n  ', piece: (p) => p.examples.join(',\n  '), separator: ',\n  ', tail: '\n]\n', empty: '[]\n' };

function docsIndex(providers: SummaryList<DocsSummary>): IndexOutput[] {
  return [
    { path: `${ROOT}/index.md`, contents: indexPage(providers) },
    // Under public/ so the docs site serves them verbatim at /llms.txt and /namespaces.txt.
    joinedFile(`${ROOT}/public/llms.txt`, providers, llmsText),
    joinedFile(`${ROOT}/public/namespaces.txt`, providers, namespaceIndex),
    joinedFile(`${ROOT}/examples.json`, providers, examplesJson),
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
}

function providerPages(provider: Provider): GeneratedFile[] {
  return [
    { path: `${ROOT}/${provider.id}/index.md`, contents: providerPage(provider) },
    ...provider.functions.map((func) => ({ path: `${ROOT}/${provider.id}/${func.name}.md`, contents: functionPage(provider, func) })),
  ];
}

const docsSplit: ProviderSplit<DocsSummary> = { provider: providerPages, summary: docsSummary, index: docsIndex };

/** `@switchboard/docs`: markdown reference pages, llms.txt and a namespace index, from the model only. */
export const docsEmitter: Emitter = {
  name: 'docs',
  owns: () => [ROOT],
  emit: emitFromSplit(docsSplit),
  split: docsSplit,
};
