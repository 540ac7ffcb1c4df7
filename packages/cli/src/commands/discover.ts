import { accountsOf, envNameFor } from '../accounts.js';
import { readSettings } from '../settings-file.js';
import { docsIndex, readDocsPage, searchFunctions } from '../docs-text.js';
import { EXIT, UsageError } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { failure } from '../cli/reply.js';
import { bindings, requireProvider, resolveQualified } from '../registry.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** `switchboard list` */
export const listCommand: CommandHandler = async () => {
  const settings = readSettings();
  const providers = Object.fromEntries(
    bindings.map((p) => [p.id, { name: p.name, namespace: p.namespace, category: p.category, accounts: accountsOf(p, settings), counts: p.counts, functions: p.functions.map((f) => ({ name: f.name, operation: f.operation, available: f.available })) }]),
  );
  const rows = [['PROVIDER', 'FUNCTIONS', 'READ', 'WRITE', 'EXAMPLES']];
  for (const p of bindings) rows.push([p.id, String(p.counts.functions), String(p.counts.read), String(p.counts.write), p.functions.slice(0, 4).map((f) => f.name).join(', ')]);
  return { data: { providers }, text: table(rows) };
};

/** `switchboard search <query...>` */
export const searchCommand: CommandHandler = async ({ args }) => {
  const query = args.join(' ').trim();
  if (!query) throw new UsageError('give a search query.', { code: 'missing_argument', hint: 'e.g. `switchboard search send sms`.' });
  const hits = searchFunctions(query);
  const text = hits.length === 0 ? `No functions match '${query}'.` : table([['FUNCTION', 'OP', 'TITLE'], ...hits.map((h) => [h.function, h.operation, h.title])]);
  return { data: { query, functions: hits }, text };
};

/** `switchboard docs [page]`: an unknown page is a usage error (2), like an unknown function anywhere else. */
export const docsCommand: CommandHandler = async ({ args }) => {
  const name = args[0];
  if (!name) {
    const text = docsIndex();
    return { data: { page: null, text }, text };
  }
  const page = readDocsPage(name);
  if (!page.found) return failure({ code: page.code, message: page.reason, hint: page.hint }, EXIT.usage);
  return { data: { page: name, text: page.text }, text: page.text };
};

/** `switchboard schema <provider.fn>`: the schemas are JSON either way; without --json, just them. */
export const schemaCommand: CommandHandler = async ({ args }) => {
  const { fn } = resolveQualified(args[0]!);
  const data = { function: fn.qualified, operation: fn.operation, input_schema: fn.inputSchema, output_schema: fn.outputSchema };
  return { data, text: json(data) };
};

/** `switchboard fields <provider>`: what an account configures, and whether it is set (never the values). */
export const fieldsCommand: CommandHandler = async ({ args, options }) => {
  const provider = requireProvider(args[0]);
  const account = typeof options.account === 'string' ? options.account : 'default';
  const settings = readSettings();
  const stored = settings.providers[provider.id]?.accounts?.[account] ?? {};
  const fields = provider.fields.map((f) => ({
    key: f.key,
    label: f.label,
    secret: f.secret,
    env: envNameFor(f, account),
    configured: Boolean(process.env[envNameFor(f, account)] || stored[f.key]),
    default: f.default,
    description: f.description,
  }));
  return {
    data: { provider: provider.id, account, accounts: accountsOf(provider, settings), fields },
    text: table([['FIELD', 'ENV', 'SECRET', 'CONFIGURED'], ...fields.map((f) => [f.key, f.env, f.secret ? 'yes' : 'no', f.configured ? 'yes' : 'no'])]),
  };
};
