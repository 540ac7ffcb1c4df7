#!/usr/bin/env node
// The generator's own entry point, `node generator/dist/cli.js [--check] [--timings] [--json] [--no-cache] [--jobs N] [root]`.
// It exists so that generation depends on nothing generated: the build generates first with this,
// then builds the generated packages and the CLI (whose `switchboard generate` runs the same code).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jobsFromText } from './jobs-option.js';
import { generate } from './pipeline.js';
import { progressLine } from './progress.js';
import { reportGenerate } from './report.js';

const USAGE = 'usage: generate [--check] [--timings] [--json] [--no-cache] [--jobs N] [project-root]';

const HELP = `
Generates every package from specs/ (the build runs this before anything generated exists;
\`switchboard generate\` runs the same code).

  --check      write nothing; fail when a generated file is stale, missing or extra
  --timings    print how long each phase took
  --json       print a machine-readable summary with per-phase timings
  --no-cache   ignore the generation cache (every provider is loaded and emitted)
  --jobs N     load and emit on N threads (this one and N - 1 workers)
  -h, --help   this text
`;

// A reader that stops early (`| head -1`) closes the pipe: that ends the report, not the program
// with an unhandled EPIPE (the files are written before the report).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { check: { type: 'boolean' }, timings: { type: 'boolean' }, json: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message.split('. ')[0] : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n${HELP}`);
    return 0;
  }
  const jobsGiven = parsed.values.jobs === undefined ? undefined : jobsFromText(parsed.values.jobs);
  if (jobsGiven && 'problem' in jobsGiven) {
    process.stderr.write(`generate: ${jobsGiven.problem}\n${USAGE}\n`);
    return 2;
  }
  const jobs = jobsGiven?.jobs;
  const rootDir = resolve(parsed.positionals[0] ?? process.cwd());
  // A mistyped root (`generate validate`) is a usage error, not a stack trace from the loader.
  if (!existsSync(join(rootDir, 'specs'))) {
    process.stderr.write(`generate: ${rootDir} has no specs/ folder; give the project root (the folder holding specs/).\n${USAGE}\n`);
    return 2;
  }
  const progress = progressLine(process.stderr, process.env);
  const result = generate({
    rootDir,
    check: parsed.values.check === true,
    ...(parsed.values['no-cache'] ? { cacheDir: false as const } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    onProgress: progress.update,
  });
  progress.done();
  return reportGenerate(result, process, { timings: parsed.values.timings === true, json: parsed.values.json === true });
}

process.exitCode = main(process.argv.slice(2));
