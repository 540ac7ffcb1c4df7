import { parseArgs } from 'node:util';
import { accountsOf, envNameFor } from '../accounts.js';
import { readSettings } from '../settings-file.js';
import { docsIndex, readDocsPage, searchFunctions } from '../docs-text.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { bindings, findProvider, resolveQualified, UnknownFunctionError } from '../registry.js';

const out = (io: CliIo, value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** `switchboard list [--json]` */
export async function listCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const settings = readSettings();
  if (values.json) {
    out(io, {
      success: true,
      providers: Object.fromEntries(
        bindings.map((p) => [p.id, { name: p.name, namespace: p.namespace, category: p.category, accounts: accountsOf(p, settings), counts: p.counts, functions: p.functions.map((f) => ({ name: f.name, operation: f.operation, available: f.available })) }]),
      ),
    });
    return EXIT.ok;
  }
  const rows = [['PROVIDER', 'FUNCTIONS', 'READ', 'WRITE', 'EXAMPLES']];
  for (const p of bindings) rows.push([p.id, String(p.counts.functions), String(p.counts.read), String(p.counts.write), p.functions.slice(0, 4).map((f) => f.name).join(', ')]);
  io.stdout.write(`${table(rows)}\n`);
  return EXIT.ok;
}

/** `switchboard search <query> [--json]` */
export async function searchCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('give a search query, e.g. `switchboard search send sms`.');
  const hits = searchFunctions(query);
  if (values.json) {
    out(io, { success: true, query, functions: hits });
    return EXIT.ok;
  }
  if (hits.length === 0) io.stdout.write(`No functions match '${query}'.\n`);
  else io.stdout.write(`${table([['FUNCTION', 'OP', 'TITLE'], ...hits.map((h) => [h.function, h.operation, h.title])])}\n`);
  return EXIT.ok;
}

/** `switchboard docs [page] [--json]` */
export async function docsCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!positionals[0]) {
    if (values.json) out(io, { success: true, page: null, text: docsIndex() });
    else io.stdout.write(`${docsIndex()}\n`);
    return EXIT.ok;
  }
  const page = readDocsPage(positionals[0]);
  if (values.json) out(io, page.found ? { success: true, page: positionals[0], text: page.text } : { success: false, error: page.message });
  else if (page.found) io.stdout.write(page.text);
  else io.stderr.write(`${page.message}\n`);
  return page.found ? EXIT.ok : EXIT.failure;
}

/** `switchboard schema <provider.fn>`: always JSON. */
export async function schemaCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) throw new UsageError('name a function, e.g. `switchboard schema telnyx.send_sms`.');
  try {
    const { fn } = resolveQualified(name);
    out(io, { success: true, function: fn.qualified, operation: fn.operation, input_schema: fn.inputSchema, output_schema: fn.outputSchema });
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof UnknownFunctionError)) throw error;
    out(io, { success: false, error: error.message });
    return EXIT.usage;
  }
}

/** `switchboard fields <provider> [--json]`: what an account configures, and whether it is set (never the values). */
export async function fieldsCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, account: { type: 'string' } } });
  const provider = positionals[0] ? findProvider(positionals[0]) : undefined;
  if (!provider) throw new UsageError(`name a provider: ${bindings.map((p) => p.id).join(', ')}.`);
  const account = values.account ?? 'default';
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
  if (values.json) out(io, { success: true, provider: provider.id, account, accounts: accountsOf(provider, settings), fields });
  else io.stdout.write(`${table([['FIELD', 'ENV', 'SECRET', 'CONFIGURED'], ...fields.map((f) => [f.key, f.env, f.secret ? 'yes' : 'no', f.configured ? 'yes' : 'no'])])}\n`);
  return EXIT.ok;
}
