import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { REPO, switchboard } from '../support.js';

const env = { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-lua-runs-')) };
const dir = mkdtempSync(join(tmpdir(), 'switchboard-lua-scripts-'));

function scriptFile(name: string, code: string): string {
  const path = join(dir, name);
  writeFileSync(path, code);
  return path;
}

const read = bindings.flatMap((p) => p.functions).find((f) => f.available && f.operation === 'read' && f.parameters.every((p) => !p.required))!;

describe('switchboard lua FILE: errors name the file and line, with a traceback', () => {
  const file = scriptFile('report.lua', 'local function total(rows)\n  return rows.count + 1\nend\nprint("starting")\nprint(total({}))\n');
  // Lua prints at most 59 characters of a file name, keeping its end: the file's own name and
  // line survive a long path (this one is long: it lies under the test run's temporary directory).
  const given = relative(REPO, file);
  const longest = 59; // LUA_IDSIZE less its terminating zero
  const shown = given.length <= longest ? given : `...${given.slice(-(longest - 3))}`;

  it('on stderr, after the output printed before the error', () => {
    const run = switchboard(['lua', given], { env });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('starting\n');
    expect(run.stderr).toBe(`error: ${shown}:2: attempt to perform arithmetic on a nil value (field 'count')\nstack traceback:\n\t${shown}:2: in local 'total'\n\t${shown}:5: in main chunk\n`);
  });

  it('in the --json envelope, the traceback under meta', () => {
    const json = JSON.parse(switchboard(['lua', '--json', given], { env }).stdout);
    expect(json.error.message).toBe(`${shown}:2: attempt to perform arithmetic on a nil value (field 'count')`);
    expect(json.meta.traceback).toBe(`stack traceback:\n\t${shown}:2: in local 'total'\n\t${shown}:5: in main chunk`);
    expect(json.data.output).toBe('starting\n');
  });
});

describe('switchboard lua keeps the output of a script stopped by a limit', () => {
  it.each([
    ['the CPU limit', ['--cpu-limit', '0.2'], 'while true do end', 'cpu_limit'],
    ['the memory limit', ['--memory-limit', '1048576'], 'local t = {} while true do t[#t + 1] = string.rep("x", 1024) end', 'memory_limit'],
  ])('%s', (_name, flags, loop, kind) => {
    const run = switchboard(['lua', '--json', ...flags, '-e', `print("before") ${loop}`], { env });
    const json = JSON.parse(run.stdout);
    expect(json.error.code).toBe(kind);
    expect(json.data.output).toBe('before\n');
  });
});

describe('the --json envelope lists the integration calls a script made', () => {
  it('each with its function, duration and outcome, failed ones with the error', () => {
    const code = `${read.luaPath}({})\npcall(${read.luaPath}, {no_such_parameter = 1})`;
    const json = JSON.parse(switchboard(['lua', '--json', '--sandbox', '-e', code], { env }).stdout);
    expect(json.meta.integration_calls).toHaveLength(2);
    const [ok, failed] = json.meta.integration_calls;
    expect(ok).toMatchObject({ function: read.qualified, operation: 'read', effect: 'read' });
    expect(typeof ok.duration_ms).toBe('number');
    expect(failed).toMatchObject({ function: read.qualified, effect: 'failed' });
    expect(failed.error).toContain('no_such_parameter');
  });
});
