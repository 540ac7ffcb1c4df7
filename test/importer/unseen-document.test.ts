import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@switchboard/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { linkProject, REPO, switchboard, tsc, type CliRun } from '../support.js';

/**
 * The whole path from a public OpenAPI document the catalog has no provider for (Resend's, kept
 * in packages/importer/test/fixtures/resend) to a provider that ships: `switchboard import
 * openapi` writes a draft, `switchboard validate` refuses it only for its review markers, a
 * reviewer's committed edits (review.yaml beside the document) resolve them, and the provider
 * then generates, its client, mocks and contract tests build with tsc, and the emitted contract
 * tests pass with msw at the network boundary. All of it in a scratch project, never in specs/.
 */

const FIXTURE = join(REPO, 'packages/importer/test/fixtures/resend');
/** One write, one read, and one list that pages. */
const OPERATIONS = ['emails/send', 'emails/get', 'emails/list'];
const PROBLEM = /^resend\/([a-z_]+\.yaml):(\d+):(\d+): needs review \(left by an import\): ([a-z_]+): /;

interface ReviewEdit {
  /** The review items this edit resolves, by the words before their colon. */
  resolves: string[];
  /** Top-level keys the reviewer set. */
  set: Record<string, unknown>;
}
const review = parse(readFileSync(join(FIXTURE, 'review.yaml'), 'utf8')) as Record<string, ReviewEdit>;

/** The reviewer's edits, made on the files as imported: each file's markers go, the keys given are set, the rest is untouched. */
function applyReview(folder: string): void {
  for (const [file, edit] of Object.entries(review)) {
    const path = join(folder, file);
    const doc = parseDocument(readFileSync(path, 'utf8'));
    doc.delete('review');
    for (const [key, value] of Object.entries(edit.set)) doc.set(key, doc.createNode(value));
    writeFileSync(path, doc.toString({ lineWidth: 0, indentSeq: true }));
  }
}

let root = '';
let specs = '';
let imported: CliRun;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'switchboard-unseen-document-'));
  specs = join(root, 'specs');
  imported = switchboard(['import', 'openapi', join(FIXTURE, 'resend.yaml'), '--provider', 'resend', '--operations', OPERATIONS.join(','), '--specs-dir', specs]);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a provider imported from a document the catalog has no provider for', () => {
  it('imports the operations asked for, one file each, and says which need review', () => {
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(readdirSync(join(specs, 'resend')).sort()).toEqual(['.openapi-import.json', 'emails_get.yaml', 'emails_list.yaml', 'emails_send.yaml', 'provider.yaml']);
    expect(imported.stdout).toMatch(/^Imported 3 function\(s\); 4 file\(s\) need review before `switchboard validate` accepts them\.$/m);
  });

  it('does not validate, and each problem is a review marker, at the line of its file where the marker is', () => {
    const run = switchboard(['validate', specs]);
    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith('resend/'));
    expect(lines.filter((line) => !PROBLEM.test(line))).toEqual([]);
    const markers = lines.flatMap((line) => {
      const [, file, row, column, first] = PROBLEM.exec(line)!;
      const text = readFileSync(join(specs, 'resend', file!), 'utf8');
      expect(text.split('\n')[Number(row) - 1]!.slice(Number(column) - 1)).toBe('review:');
      // The message gives every item of the file's marker, the first one leading.
      const items = (parse(text) as { review: string[] }).review;
      expect(items[0]!.startsWith(`${first}:`)).toBe(true);
      for (const item of items) expect(line).toContain(item);
      return items.map((item) => `${file} ${item.slice(0, item.indexOf(':'))}`);
    });
    // What the committed review resolves is exactly what validate asked for.
    expect(markers.sort()).toEqual(Object.entries(review).flatMap(([file, edit]) => edit.resolves.map((item) => `${file} ${item}`)).sort());
  });

  it('imported whole, every one of its operations stops only at review markers', () => {
    const whole = join(root, 'whole-specs');
    const run = switchboard(['import', 'openapi', join(FIXTURE, 'resend.yaml'), '--provider', 'resend', '--specs-dir', whole]);
    expect(run.status).toBe(0);
    const files = readdirSync(join(whole, 'resend')).filter((f) => f.endsWith('.yaml') && f !== 'provider.yaml');
    expect(files.length).toBe((readFileSync(join(FIXTURE, 'resend.yaml'), 'utf8').match(/^ {6}operationId: /gm) ?? []).length);
    const lines = switchboard(['validate', whole]).stderr.split('\n').filter((line) => line.startsWith('resend/'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => !/^resend\/[a-z_0-9]+\.yaml:\d+:1: needs review \(left by an import\): /.test(line))).toEqual([]);
  });

  it('validates once the reviewer\'s edits are made', () => {
    applyReview(join(specs, 'resend'));
    const run = switchboard(['validate', specs]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  describe('generated as if it were in specs/', () => {
    beforeAll(() => {
      linkProject(root, ['resend']);
      const result = generate({ rootDir: root });
      if (result.kind !== 'written') throw new Error(`generate did not write: ${JSON.stringify(result).slice(0, 2000)}`);
    }, 120_000);

    it('builds: the client and mocks compile, and the contract tests type-check against them', () => {
      // In dependency order: the mocks import the client's types, the contract tests both.
      for (const project of ['packages/clients/resend', 'packages/mocks', 'packages/contract-tests']) {
        expect({ project, ...tsc(join(root, project)) }).toEqual({ project, status: 0, output: '' });
      }
      expect(existsSync(join(root, 'packages/clients/resend/dist/index.js'))).toBe(true);
    }, 180_000);

    it('passes its emitted contract tests, msw answering at the network boundary', () => {
      const report = join(root, 'contract-report.json');
      // A child vitest of its own: the emitted tests run exactly as `packages/contract-tests` runs them.
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
      const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--root', join(root, 'packages/contract-tests'), '--reporter=json', `--outputFile=${report}`], { cwd: root, env, encoding: 'utf8' });
      expect(existsSync(report), `${run.stdout}${run.stderr}`).toBe(true);
      const results = JSON.parse(readFileSync(report, 'utf8')) as { numFailedTests: number; numPassedTests: number; testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> };
      const tests = results.testResults.flatMap((file) => file.assertionResults);
      expect(tests.filter((t) => t.status !== 'passed').map((t) => t.fullName)).toEqual([]);
      expect(run.status).toBe(0);
      // Every imported function has its documented request pinned, and the list is walked page by page.
      for (const name of ['emails_send', 'emails_get', 'emails_list']) {
        expect(tests.filter((t) => t.fullName.startsWith(`resend.${name} sends the documented request`)).length, name).toBeGreaterThan(0);
      }
      expect(tests.map((t) => t.fullName)).toContain('resend.emails_list pagination: iterates a multi-page sequence to the end');
    }, 180_000);
  });
});
