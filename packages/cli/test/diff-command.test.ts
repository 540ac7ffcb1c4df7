import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run as switchboard } from '../src/main.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'generator', 'test', 'fixtures');
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A git repository holding the generator's fixture catalog at HEAD, with one optional parameter removed in the working tree. */
function repoWithRemovedParameter(): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-diff-cli-'));
  roots.push(root);
  cpSync(FIXTURES, join(root, 'specs'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
  const file = join(root, 'specs', 'acme', 'create_widget.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('  tags:\n    type: array\n    items: { type: string }\n    description: Tags.\n', ''));
  return root;
}

function run(args: string[], cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, cwd };
  // Through the real command line, as `switchboard diff …`.
  return switchboard(['diff', ...args], io).then((code) => ({ code, ...out }));
}

describe('switchboard diff', () => {
  it('--json answers in the call envelope: packages with their bump and changes', async () => {
    const { code, stdout } = await run(['HEAD', '--json'], repoWithRemovedParameter());
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { success: boolean; error: unknown; data: { packages: Array<{ packageName: string; bump: string; changes: Array<{ summary: string }> }>; changesets: string[] }; meta: { base: string } };
    expect(parsed).toMatchObject({ success: true, error: null, meta: { base: 'HEAD' } });
    expect(parsed.data.packages.map((p) => [p.packageName, p.bump])).toEqual([['@switchboard/acme', 'major']]);
    expect(parsed.data.packages[0]!.changes.map((c) => c.summary)).toContain("create_widget: parameter 'tags' removed");
    expect(parsed.data.changesets).toEqual([]);
  });

  it('prints each package with its bump and each change with its level', async () => {
    const { code, stdout } = await run(['HEAD'], repoWithRemovedParameter());
    expect(code).toBe(0);
    expect(stdout).toContain("@switchboard/acme (changed): major\n  major  create_widget: parameter 'tags' removed\n");
  });

  it('--write-changeset writes one changeset for the package and names it', async () => {
    const root = repoWithRemovedParameter();
    const { stdout } = await run(['HEAD', '--write-changeset'], root);
    expect(stdout).toContain('wrote .changeset/spec-diff-acme.md\n');
    expect(readFileSync(join(root, '.changeset', 'spec-diff-acme.md'), 'utf8')).toMatch(/^---\n"@switchboard\/acme": major\n---\n[\s\S]*\n- major: create_widget: parameter 'tags' removed\n/);
  });

  it('a ref that names no commit is a failure with the reason, in the envelope under --json', async () => {
    const root = repoWithRemovedParameter();
    const { code, stdout } = await run(['nope', '--json'], root);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ success: false, data: null, error: { code: 'diff_failed', message: `'nope' names no commit in ${root}; give a branch, tag or commit such as main or HEAD~1.` } });
    const plain = await run(['nope'], root);
    expect(plain.stderr).toBe(`error: 'nope' names no commit in ${root}; give a branch, tag or commit such as main or HEAD~1.\n`);
  });

  it('without a ref is a usage error (exit 2)', async () => {
    const { code, stderr } = await run([], repoWithRemovedParameter());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*git-ref/);
  });
});
