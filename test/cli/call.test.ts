import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog, switchboard } from '../support.js';

/** Every test gets its own settings directory and no provider credentials from the machine. */
function isolated(extra: Record<string, string> = {}): Record<string, string> {
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-home-')), TELNYX_API_KEY: '', SWITCHBOARD_SANDBOX: '', ...extra };
}

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('switchboard call', () => {
  it('returns the documented response in a JSON envelope in sandbox mode', () => {
    const run = switchboard(['call', 'telnyx.list_phone_numbers', '--page-size', '2', '--sandbox', '--json'], { env: isolated() });
    expect(run.status).toBe(0);
    const envelope = json(run.stdout);
    expect(Object.keys(envelope)).toEqual(['function', 'success', 'data', 'error', 'meta', 'duration_ms']);
    expect(envelope).toMatchObject({ function: 'telnyx.list_phone_numbers', success: true, error: null, meta: { sandbox: true, operation: 'read', dry_run: false } });
    expect(envelope.data.data[0].phone_number).toBe('+13125550123');
  });

  it('exits 2 on a bad payload, naming the parameter, before any request', () => {
    const run = switchboard(['call', 'telnyx.list_phone_numbers', '{"filter_status": "purchase_pending"}', '--sandbox', '--json'], { env: isolated() });
    expect(run.status).toBe(2);
    expect(json(run.stdout)).toMatchObject({ success: false });
    expect(json(run.stdout).error.code).toBe('invalid_arguments');
    expect(json(run.stdout).error.message).toMatch(/filter_status/);
    expect(json(run.stdout).error.message).toMatch(/No request was made/);
  });

  it('exits 2 for an unknown function, suggesting the near names', () => {
    const run = switchboard(['call', 'telnyx.send_smss', '--json'], { env: isolated() });
    expect(run.status).toBe(2);
    expect(json(run.stdout).error).toEqual({ code: 'unknown_function', message: 'Unknown integration function: telnyx.send_smss.', hint: 'Did you mean telnyx.send_sms? See `switchboard docs telnyx`.' });
  });

  it('refuses a write without --force, saying how to allow it', () => {
    const run = switchboard(['call', 'telnyx.send_sms', '--to', '+19175550188', '--text', 'hi', '--sandbox'], { env: isolated() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('telnyx.send_sms is a write and was not sent: re-run with --force, or allow writes with `switchboard configure telnyx --write allow`.');
  });

  it('sends a write with --force and records that the policy was bypassed', () => {
    const run = switchboard(['call', 'telnyx.send_sms', '--to', '+19175550188', '--text', 'hi', '--sandbox', '--force', '--json'], { env: isolated() });
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toMatchObject({ success: true, meta: { operation: 'write', permission_bypassed: true } });
  });

  it('a provider policy that denies writes wins over --force', () => {
    const env = isolated();
    expect(switchboard(['configure', 'telnyx', '--write', 'deny'], { env }).status).toBe(0);
    const run = switchboard(['call', 'telnyx.send_sms', '--to', '+19175550188', '--text', 'hi', '--sandbox', '--force'], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('writes to telnyx are denied by policy');
  });

  it('without credentials names the variables, `switchboard configure` and --sandbox, and never falls into sandbox silently', () => {
    const run = switchboard(['call', 'telnyx.list_phone_numbers'], { env: isolated() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('set TELNYX_API_KEY, or run `switchboard configure telnyx --set api_key=…`, or try it offline with --sandbox.');
  });

  it('reads a named account from its own environment variable', () => {
    const run = switchboard(['call', 'telnyx.list_phone_numbers', '--account', 'work', '--dry-run', '--json'], { env: isolated({ TELNYX_WORK_API_KEY: 'KEY_work_secret' }) });
    expect(run.status).toBe(0);
    expect(json(run.stdout).meta.account).toBe('work');
    expect(run.stdout).not.toContain('KEY_work_secret');
  });

  it('--dry-run prints the exact request with the credential redacted', () => {
    const run = switchboard(['call', 'plivo.send_sms', '--src', '14155552671', '--dst', '14155552672', '--text', 'hi', '--dry-run', '--json'], {
      env: isolated({ PLIVO_AUTH_ID: 'MAODUXNJHMNDY5ZTM4ZM', PLIVO_AUTH_TOKEN: 'token_very_secret' }),
    });
    expect(run.status).toBe(0);
    const request = json(run.stdout).data;
    expect(request).toMatchObject({ method: 'POST', url: 'https://api.plivo.com/v1/Account/MAODUXNJHMNDY5ZTM4ZM/Message/', body: '{"src":"14155552671","dst":"14155552672","text":"hi"}' });
    expect(request.headers.authorization).toBe('Basic [REDACTED]');
    expect(run.stdout).not.toContain('token_very_secret');
  });

  it('turns --kebab-case flags into parameters of their declared types', () => {
    const run = switchboard(['call', 'telnyx.list_phone_numbers', '--page-size', '5', '--filter-phone-number', '13125550123', '--dry-run', '--json'], { env: isolated({ TELNYX_API_KEY: 'k' }) });
    expect(run.status).toBe(0);
    expect(json(run.stdout).data.url).toBe('https://api.telnyx.com/v2/phone_numbers?page%5Bsize%5D=5&filter%5Bphone_number%5D=13125550123');
  });
});

describe('switchboard configure', () => {
  it('stores credentials in a 0600 file and never prints them', () => {
    const env = isolated();
    const run = switchboard(['configure', 'telnyx', '--account', 'work', '--set', 'api_key=KEY_stored_secret', '--json'], { env });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('KEY_stored_secret');
    const file = json(run.stdout).data.file as string;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).providers.telnyx.accounts.work.api_key).toBe('KEY_stored_secret');
    const fields = json(switchboard(['fields', 'telnyx', '--account', 'work', '--json'], { env }).stdout);
    expect(fields.data.fields).toEqual([expect.objectContaining({ key: 'api_key', env: 'TELNYX_WORK_API_KEY', configured: true })]);
  });

  it('rejects a field the provider does not have', () => {
    const run = switchboard(['configure', 'telnyx', '--set', 'token=x'], { env: isolated() });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("'token' is not a field of telnyx: api_key.");
  });
});

describe('discovery', () => {
  it('list --json shows every provider with its read/write counts', () => {
    const providers = json(switchboard(['list', '--json'], { env: isolated() }).stdout).data.providers;
    const catalog = readCatalog();
    expect(Object.keys(providers)).toEqual(catalog.providers.map((p) => p.id));
    for (const provider of catalog.providers) expect(providers[provider.id].counts, provider.id).toEqual(provider.counts);
  });

  it('search finds send_sms functions first', () => {
    const hits = json(switchboard(['search', 'send', 'sms', '--json'], { env: isolated() }).stdout).data.functions;
    const sendSms = readCatalog().providers.filter((p) => p.functions.some((f) => f.name === 'send_sms')).map((p) => `${p.id}.send_sms`);
    expect(sendSms.length).toBeGreaterThan(1);
    expect(hits.slice(0, sendSms.length).map((h: { function: string }) => h.function).sort()).toEqual(sendSms.sort());
  });

  it('docs reads a function page by any of its names', () => {
    const run = switchboard(['docs', 'retell_ai.create_call'], { env: isolated() });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# app\.integrations\.retell_ai\.create_phone_call\(/);
  });

  it('schema prints the input JSON Schema', () => {
    const schema = json(switchboard(['schema', 'telnyx.send_sms'], { env: isolated() }).stdout);
    expect(schema.input_schema).toMatchObject({ type: 'object', required: ['to'], additionalProperties: false });
  });
});

describe('read policy', () => {
  it('a provider policy that denies reads refuses them before any request', () => {
    const env = isolated();
    expect(switchboard(['configure', 'telnyx', '--read', 'deny'], { env }).status).toBe(0);
    const run = switchboard(['call', 'telnyx.list_phone_numbers', '--sandbox'], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('reads from telnyx are denied by policy');
  });
});
