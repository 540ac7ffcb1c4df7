import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { switchboard } from '../support.js';

const env = () => ({ SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-lua-home-')), TELNYX_API_KEY: '', SWITCHBOARD_SANDBOX: '' });
const lua = (code: string, ...flags: string[]) => switchboard(['lua', '-e', code, '--json', ...flags], { env: env() });
const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('switchboard lua', () => {
  it('runs a script in sandbox mode and reports its output, result and calls in a JSON envelope', () => {
    const run = lua('local r = app.integrations.telnyx.list_phone_numbers({page_size = 2})\nprint(r.data[1].phone_number)\nreturn #r.data', '--sandbox');
    expect(run.status).toBe(0);
    const envelope = json(run.stdout);
    expect(Object.keys(envelope)).toEqual(['success', 'output', 'error', 'result', 'execution_time_ms', 'integration_calls', 'meta']);
    expect(envelope).toMatchObject({ success: true, output: '+13125550123\n', error: null, result: 1, meta: { sandbox: true } });
    expect(envelope.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.list_phone_numbers', operation: 'read', effect: 'read' })]);
  });

  it('refuses a write without --force, saying how to allow it, and logs the denial', () => {
    const run = lua('return app.integrations.telnyx.send_sms({to = "+19175550188", text = "hi"})', '--sandbox');
    expect(run.status).toBe(1);
    const envelope = json(run.stdout);
    expect(envelope.error).toContain('telnyx.send_sms is a write and was not sent: re-run with --force');
    expect(envelope.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.send_sms', effect: 'denied' })]);
  });

  it('sends a write with --force and logs it as succeeded', () => {
    const run = lua('local r = app.integrations.telnyx.work.send_sms({to = "+19175550188", text = "hi"})\nreturn r.data.id', '--sandbox', '--force');
    expect(run.status).toBe(0);
    const envelope = json(run.stdout);
    expect(envelope.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.send_sms', account: 'work', effect: 'write_succeeded' })]);
    expect(envelope.meta.permission_bypassed).toBe(true);
  });

  it('names a misspelt function with suggestions', () => {
    const run = lua('app.integrations.telnyx.send_smss({})', '--sandbox');
    expect(run.status).toBe(1);
    expect(json(run.stdout).error).toMatch(/Unknown function: app\.integrations\.telnyx\.send_smss\. Did you mean: send_sms/);
  });

  it('stops an infinite loop at the CPU limit and says so', () => {
    const started = Date.now();
    const run = lua('while true do end', '--cpu-limit', '1');
    expect(run.status).toBe(1);
    expect(json(run.stdout).meta.error_kind).toBe('cpu_limit');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('stops a memory bomb at the memory limit and says so', () => {
    const run = lua('local t = {} for i = 1, 1e9 do t[i] = i end', '--memory-limit', '8000000');
    expect(run.status).toBe(1);
    expect(json(run.stdout).meta.error_kind).toBe('memory_limit');
  });

  it.each([
    ['io.open', 'return io.open("/etc/passwd")'],
    ['os.execute', 'return os.execute("echo hi")'],
    ['require', 'return require("os")'],
    ['a binary chunk', 'return load("\\27Lua")()'],
  ])('has no %s', (_name, code) => {
    const run = lua(code);
    expect(run.status).toBe(1);
    expect(json(run.stdout).success).toBe(false);
  });

  it('reads the script from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchboard-script-')), 'script.lua');
    writeFileSync(file, 'print(docs.read("telnyx.send_sms"):sub(1, 40))');
    const run = switchboard(['lua', file], { env: env() });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('# app.integrations.telnyx.send_sms({from\n');
  });

  it('exits 2 when given no code', () => {
    expect(switchboard(['lua'], { env: env() }).status).toBe(2);
  });
});
