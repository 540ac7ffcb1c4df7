import { accountParts } from './provider-parts.js';
import { errorEnvelope } from './error-envelope.js';
import { functionName, importFunction, type ImportedFunction } from './import-function.js';
import { unique, titleCase } from './names.js';
import { ImportError, isNode, OpenApiDocument, type Node } from './openapi-document.js';
import { oneParagraph } from './parameter-schema.js';
import { ResponseSchemas } from './response-schema.js';
import { reimport, SNAPSHOT_FILE, type Drafts, type Snapshot } from './reimport.js';
import { selectOperations, type Selection } from './select-operations.js';
import { specYaml, updateSpecYaml } from './spec-yaml.js';

export interface ImportOptions extends Selection {
  /** Provider id: lower kebab-case, the folder name under specs/. */
  provider: string;
  /** The provider folder's current files (name → text), to re-import into; absent for a new provider. */
  existing?: ReadonlyMap<string, string>;
}

export interface ImportedItem {
  file: string;
  /** `POST /messages`. */
  operation?: string;
  review: string[];
  notes: string[];
}

export interface ImportReport {
  functions: ImportedItem[];
  provider: ImportedItem;
  /** Operations of the document that were not imported, and why. */
  skipped: Array<{ operation: string; reason: string }>;
  /** Re-import: person's edits kept although the document changed the same value. */
  kept: string[];
}

export interface ImportResult {
  /** File name in the provider folder → its new text. */
  files: Map<string, string>;
  report: ImportReport;
}

const PROVIDER_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * An OpenAPI 3.0/3.1 document (a path, or the parsed document) as the files of one provider
 * folder, plus a report of what was imported and what a person must review. Nothing is
 * written: the caller decides where the files go.
 */
export function importOpenApi(source: string | Node, options: ImportOptions): ImportResult {
  if (!PROVIDER_ID.test(options.provider)) throw new ImportError(`provider id '${options.provider}' must be lower kebab-case (letters, digits, single hyphens), e.g. acme or retell-ai.`);
  const doc = typeof source === 'string' ? OpenApiDocument.fromFile(source) : new OpenApiDocument(source, '<document>');
  const { selected, skipped } = selectOperations(doc, options);
  const account = accountParts(doc, options.provider);
  const responses = new ResponseSchemas(doc);
  const taken = new Set<string>(['provider']);
  const functions: ImportedFunction[] = [];
  for (const operation of selected) {
    functions.push(importFunction({ doc, account, responses, serverName: 'default' }, unique(functionName(operation.method, operation.path, operation.op), taken), operation));
  }
  const errors = errorEnvelope(doc, selected);
  const provider = providerSpec(doc, options.provider, account, errors.errors, responses.named);
  const providerReview = [...account.review, ...(errors.review ? [errors.review] : [])];
  const fresh = { provider: { spec: provider, review: providerReview }, functions };
  const about = `Imported from the OpenAPI document "${String(infoOf(doc).title ?? options.provider)}" ${String(infoOf(doc).version ?? '')}`.trim();
  const drafts: { files: Drafts; kept: string[] } = options.existing ? reimport(fresh, options.existing) : { files: fresh, kept: [] };

  const files = new Map<string, string>();
  // A file the merge started from is edited in place, so the comments a person wrote in it stay.
  const text = (kind: 'provider' | 'function', name: string, merged: boolean, value: Node, about: string) => {
    const current = merged ? options.existing?.get(name) : undefined;
    return current === undefined ? specYaml(kind, value, about) : updateSpecYaml(kind, current, value, about);
  };
  const snapshot: Snapshot = { document: { title: String(infoOf(doc).title ?? ''), version: String(infoOf(doc).version ?? '') }, functions: {} };
  if (!drafts.files.provider.handWritten) {
    files.set('provider.yaml', text('provider', 'provider.yaml', true, withReview(drafts.files.provider.spec, drafts.files.provider.review), about + '.'));
    snapshot.provider = { spec: provider, review: providerReview };
  }
  for (const f of drafts.files.functions) {
    if (f.handWritten) continue;
    files.set(`${f.name}.yaml`, text('function', `${f.name}.yaml`, 'imported' in f, withReview(f.spec, f.review), `${about}: ${f.operation}${f.operationId ? ` (${f.operationId})` : ''}.`));
    const original = functions.find((g) => g.operation === f.operation)!;
    snapshot.functions[f.name] = { operation: f.operation, spec: original.spec, review: original.review };
  }
  files.set(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
  return {
    files,
    report: {
      functions: drafts.files.functions.map((f) => ({ file: `${f.name}.yaml`, operation: f.operation, review: f.review, notes: f.notes })),
      provider: { file: 'provider.yaml', review: drafts.files.provider.review, notes: account.notes },
      skipped,
      kept: drafts.kept,
    },
  };
}

function withReview(spec: Node, review: string[]): Node {
  return review.length > 0 ? { review, ...spec } : spec;
}

function infoOf(doc: OpenApiDocument): Node {
  return isNode(doc.root.info) ? doc.root.info : {};
}

function providerSpec(doc: OpenApiDocument, id: string, account: ReturnType<typeof accountParts>, errors: Node, named: Map<string, Node>): Node {
  const info = infoOf(doc);
  const title = typeof info.title === 'string' && info.title.trim() ? info.title.trim() : titleCase(id.replace(/-/g, '_'));
  const description = typeof info.description === 'string' && info.description.trim() ? firstParagraph(info.description) : `${title}, imported from its OpenAPI document.`;
  const spec: Node = { id, name: title, category: 'other', description, docs_url: docsUrl(doc, account) };
  if (typeof info.version === 'string' || typeof info.version === 'number') spec.api_version = String(info.version);
  spec.fields = account.fields;
  spec.auth = account.auth;
  spec.servers = account.servers;
  spec.errors = errors;
  if (named.size > 0) spec.schemas = Object.fromEntries(named);
  return spec;
}

function docsUrl(doc: OpenApiDocument, account: ReturnType<typeof accountParts>): string {
  const info = infoOf(doc);
  const candidates = [isNode(doc.root.externalDocs) ? doc.root.externalDocs.url : undefined, isNode(info.contact) ? info.contact.url : undefined, account.servers.default?.url];
  const https = candidates.find((u): u is string => typeof u === 'string' && u.startsWith('https://'));
  // The API's own server is no documentation page: a draft must not ship with it as its docs link.
  if (https && https === account.servers.default?.url) account.review.push("docs_url: the document links no documentation page, so this is the API's own server URL; point it at the provider's API reference.");
  if (https) return https;
  account.review.push('docs_url: the document links no https page; give the address of the provider\'s API reference.');
  return 'https://example.com/api-reference';
}

function firstParagraph(text: string): string {
  const paragraph = oneParagraph(text).split('\n\n')[0]!;
  return paragraph.length > 400 ? `${paragraph.slice(0, 397).replace(/\s+\S*$/, '')}…` : paragraph;
}

/** The report as a few lines for a terminal: what was imported, what needs review and why. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const needs = [report.provider, ...report.functions].filter((i) => i.review.length > 0);
  lines.push(`Imported ${report.functions.length} function(s); ${needs.length} file(s) need review before \`switchboard validate\` accepts them.`);
  for (const item of [report.provider, ...report.functions]) {
    const head = `  ${item.file}${item.operation ? ` (${item.operation})` : ''}`;
    if (item.review.length === 0 && item.notes.length === 0) {
      lines.push(`${head}: ready`);
      continue;
    }
    lines.push(`${head}:`);
    for (const r of item.review) lines.push(`    review: ${r}`);
    for (const n of item.notes) lines.push(`    note: ${n}`);
  }
  if (report.kept.length > 0) lines.push(`Kept your edits where the document changed too: ${report.kept.join(', ')}.`);
  if (report.skipped.length > 0) lines.push(`Not imported: ${report.skipped.map((s) => `${s.operation} (${s.reason})`).join('; ')}.`);
  return `${lines.join('\n')}\n`;
}
