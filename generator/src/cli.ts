#!/usr/bin/env node
// The generator's own entry point, `node generator/dist/cli.js [--check] [--timings] [root]`.
// It exists so that generation depends on nothing generated: the build generates first with this,
// then builds the generated packages and the CLI (whose `switchboard generate` runs the same code).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './pipeline.js';
import { reportGenerate } from './report.js';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { check: { type: 'boolean' }, timings: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message.split('. ')[0] : String(error)}\nusage: generate [--check] [--timings] [project-root]\n`);
    return 2;
  }
  const rootDir = resolve(parsed.positionals[0] ?? process.cwd());
  const result = generate({ rootDir, check: parsed.values.check === true });
  return reportGenerate(result, process, { timings: parsed.values.timings === true });
}

process.exitCode = main(process.argv.slice(2));
