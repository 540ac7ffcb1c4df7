// Running child processes and reading what they report.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = dirname(BENCH_DIR);
export const childScript = (name) => join(BENCH_DIR, 'src', 'children', name);

/**
 * Runs a command; resolves with wall ms, exit code, stdout, stderr and the child's
 * peak RSS / CPU as the OS accounted them (via /usr/bin/time when `rusage` is set).
 * Rejects after `timeoutMs`, killing only the child it started.
 */
export function run(cmd, args, { cwd = BENCH_DIR, env, timeoutMs = 300_000, rusage = false } = {}) {
  return new Promise((resolve, reject) => {
    const argv = rusage ? ['-f', '\u0001%e %U %S %M', cmd, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(rusage ? '/usr/bin/time' : cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} exceeded ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      let usage = null;
      if (rusage) {
        const i = stderr.lastIndexOf('\u0001');
        if (i >= 0) {
          const [e, u, s, m] = stderr.slice(i + 1).trim().split(/\s+/).map(Number);
          usage = { elapsedS: e, userS: u, sysS: s, cpuS: u + s, maxRssMiB: m / 1024 };
          stderr = stderr.slice(0, i);
        }
      }
      resolve({ code, wallMs, stdout, stderr, usage });
    });
  });
}

/** The last line of stdout that parses as JSON (children print one result line). */
export function lastJson(stdout) {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    try {
      return JSON.parse(l);
    } catch {}
  }
  throw new Error(`no JSON line in child output:\n${stdout.slice(-2000)}`);
}

/** Runs a node child script and returns its JSON result; throws with its stderr on failure. */
export async function node(script, args = [], opts = {}) {
  const r = await run(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], opts);
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-3000)}`);
  return { ...lastJson(r.stdout), _wallMs: r.wallMs, _usage: r.usage };
}
