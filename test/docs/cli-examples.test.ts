import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

interface DocsExample {
  function: string;
  title: string;
  cli: string;
  expectsError: boolean;
  response: unknown;
  /** A download's documented file, and the name its command saves it as (`--output`). */
  responseFile?: { filename: string | null; content_type: string; content_base64: string };
  saves?: string;
  /** A named account's own field values the example assumes (its URL choice), as environment variables. */
  accountEnv?: Record<string, string>;
}

const examples = JSON.parse(readFileSync(join(REPO, 'packages/docs/examples.json'), 'utf8')) as DocsExample[];

/** Split a POSIX shell command line as the docs print it (plain words and '…' quoting). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === "'") quoted = false;
      else current += ch;
    } else if (ch === "'") {
      quoted = true;
      started = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      started = true;
    } else if (ch === ' ') {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

describe('every CLI example shown in the docs runs (in sandbox mode)', () => {
  process.env.SWITCHBOARD_HOME = mkdtempSync(join(tmpdir(), 'switchboard-docs-'));

  it.each(examples.map((e) => [`${e.function}: ${e.title}`, e] as const))('%s', async (_name, example) => {
    const { run } = (await import(join(REPO, 'packages/cli/dist/main.js'))) as { run: (argv: string[], io: object) => Promise<number> };
    const words = shellWords(example.cli);
    expect(words[0]).toBe('switchboard');
    let stdout = '';
    let stderr = '';
    // A download is saved in the command's working folder: one of its own, not the repository.
    const cwd = example.saves ? mkdtempSync(join(tmpdir(), 'switchboard-docs-download-')) : REPO;
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd };
    // The account is configured as the example assumes, for this run only.
    const accountEnv = Object.entries(example.accountEnv ?? {});
    for (const [name, value] of accountEnv) process.env[name] = value;
    let code: number;
    try {
      code = await run([...words.slice(1), '--sandbox'], io);
    } finally {
      for (const [name] of accountEnv) delete process.env[name];
    }
    if (example.expectsError) {
      expect(code).toBe(1);
      return;
    }
    // Besides the sandbox's note, a download's says where it was saved.
    expect(stderr.replace(/^\(sandbox:.*\)\n/, '').replace(/^\(saved \d+ bytes to .*\)\n/, '')).toBe('');
    expect(code).toBe(0);
    const file = example.responseFile;
    if (file) {
      const bytes = Buffer.from(file.content_base64, 'base64');
      expect(readFileSync(join(cwd, example.saves!))).toEqual(bytes);
      expect(JSON.parse(stdout)).toEqual({ filename: file.filename, content_type: file.content_type, size: bytes.length, saved_to: join(cwd, example.saves!) });
    } else expect(JSON.parse(stdout)).toEqual(example.response);
  });
});
