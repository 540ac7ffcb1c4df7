import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MEMORY_BYTES, MIN_MEMORY_BYTES } from '@switchboard/lua';
import { switchboard } from '../support.js';

const env = () => ({ SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-lua-home-')), TELNYX_API_KEY: '', SWITCHBOARD_SANDBOX: '' });
const lua = (code: string, ...flags: string[]) => switchboard(['lua', '-e', code, '--json', ...flags], { env: env() });
const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('switchboard lua', () => {
  it('runs a script in sandbox mode and reports its output, result and calls in a JSON envelope', () => {
    const run = lua('local r = app.integrations.telnyx.list_phone_numbers({page_size = 2})\nprint(r.data[1].phone_number)\nreturn #r.data', '--sandbox');
    expect(run.status).toBe(0);
    const envelope = json(run.stdout);
    expect(Object.keys(envelope)).toEqual(['success', 'data', 'error', 'meta']);
    expect(envelope).toMatchObject({ success: true, data: { output: '+13125550123\n', result: 1 }, error: null, meta: { command: 'lua', sandbox: true } });
    expect(envelope.meta.execution_time_ms).toEqual(expect.any(Number));
    expect(envelope.meta.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.list_phone_numbers', operation: 'read', effect: 'read' })]);
  });

  it('refuses a write without --force, saying how to allow it, and logs the denial', () => {
    const run = lua('return app.integrations.telnyx.send_sms({to = "+19175550188", text = "hi"})', '--sandbox');
    expect(run.status).toBe(1);
    const envelope = json(run.stdout);
    expect(envelope.error.message).toContain('telnyx.send_sms is a write and was not sent: re-run with --force');
    expect(envelope.meta.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.send_sms', effect: 'denied' })]);
  });

  it('sends a write with --force and logs it as succeeded', () => {
    const run = lua('local r = app.integrations.telnyx.work.send_sms({to = "+19175550188", text = "hi"})\nreturn r.data.id', '--sandbox', '--force');
    expect(run.status).toBe(0);
    const envelope = json(run.stdout);
    expect(envelope.meta.integration_calls).toEqual([expect.objectContaining({ function: 'telnyx.send_sms', account: 'work', effect: 'write_succeeded' })]);
    expect(envelope.meta.permission_bypassed).toBe(true);
  });

  it('names a misspelt function with suggestions', () => {
    const run = lua('app.integrations.telnyx.send_smss({})', '--sandbox');
    expect(run.status).toBe(1);
    expect(json(run.stdout).error.message).toMatch(/Unknown function: app\.integrations\.telnyx\.send_smss\. Did you mean: send_sms/);
  });

  // No clock here: the run stopping (spawnSync returning within the test timeout) and saying why is the behaviour.
  it('stops an infinite loop at the CPU limit and says so', () => {
    const run = lua('while true do end', '--cpu-limit', '0.5');
    expect(run.status).toBe(1);
    const envelope = json(run.stdout);
    expect(envelope.success).toBe(false);
    // The VM's own hook reports cpu_limit; on a starved machine the pool's watchdog may get there
    // first and terminate the worker ('killed'). Either way the CPU limit stopped it, and the message says so.
    expect(['cpu_limit', 'killed']).toContain(envelope.error.code);
    expect(envelope.error.message).toMatch(/CPU limit of 500 ms/);
  }, 120_000);

  it('stops a memory bomb at the memory limit and says so', () => {
    const run = lua('local t = {} for i = 1, 1e9 do t[i] = i end', '--memory-limit', '8000000');
    expect(run.status).toBe(1);
    expect(json(run.stdout).error.code).toBe('memory_limit');
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

  it.each([
    ['--cpu-limit', 'Infinity'],
    ['--cpu-limit', '-Infinity'],
    ['--cpu-limit', 'NaN'],
    ['--cpu-limit', '0'],
    ['--cpu-limit', '-1'],
    ['--cpu-limit', '1e12'],
    ['--cpu-limit', '0x10'],
    ['--cpu-limit', '10s'],
    ['--cpu-limit', ''],
    ['--memory-limit', '1'],
    ['--memory-limit', '1000'],
    ['--memory-limit', '0'],
    ['--memory-limit', '-8000000'],
    ['--memory-limit', 'Infinity'],
    ['--memory-limit', '1e20'],
    ['--memory-limit', '8MB'],
  ])('%s %j is a usage error naming the flag, before any run', (flag, value) => {
    // --flag=value, so a negative number is the flag's value rather than another option.
    const run = switchboard(['lua', '-e', 'return 1', `${flag}=${value}`, '--json'], { env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    expect(json(run.stdout)).toMatchObject({ success: false, data: null, error: { code: 'invalid_option_value', message: expect.stringMatching(new RegExp(`^${flag} takes a number of (seconds|bytes) from [\\d.]+ to \\d+, not '`)) } });
    expect(run.stdout).not.toMatch(/\n\s+at |Error|Aborted|internal error/);
  });

  it('accepts limits at the documented bounds, which are the Lua host\'s own', () => {
    const low = lua('return 1', '--memory-limit', String(MIN_MEMORY_BYTES), '--cpu-limit', '0.001');
    expect(json(low.stdout)).toMatchObject({ success: true, data: { result: 1 } });
    const high = lua('return 1', '--memory-limit', String(MAX_MEMORY_BYTES), '--cpu-limit', '3600');
    expect(json(high.stdout)).toMatchObject({ success: true, data: { result: 1 } });
    expect(switchboard(['lua', '--help']).stdout).toContain(`--memory-limit ${MIN_MEMORY_BYTES} to ${MAX_MEMORY_BYTES} bytes`);
    const over = switchboard(['lua', '-e', 'return 1', `--memory-limit=${MAX_MEMORY_BYTES + 1}`], { env: env() });
    expect(over.status).toBe(2);
  });

  it.each([
    ['a missing file', join(tmpdir(), 'switchboard-no-such-script.lua'), 'ENOENT'],
    ['a directory', tmpdir(), 'EISDIR'],
  ])('%s as the script is a usage error naming it, not a stack trace', (_name, path, code) => {
    const run = switchboard(['lua', path], { env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: cannot read ${path} (${code}).\n`);
  });

  it('exits 2 when given no code', () => {
    expect(switchboard(['lua'], { env: env() }).status).toBe(2);
  });
});
