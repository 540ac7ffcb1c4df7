import { generate, jobsFromText, progressLine, reportGenerate, type GenerateResult } from '@switchboard/generator';
import { EXIT, UsageError, type ErrorBody } from '../io.js';
import type { CommandHandler, Reply } from '../cli/reply.js';
import { findProjectRoot } from '../project-root.js';

/** The generator's outcome as envelope fields; the text a person sees stays the generator's own report. */
function asEnvelope(result: GenerateResult): Pick<Reply, 'data' | 'error' | 'exit'> {
  const fail = (error: ErrorBody, data: unknown) => ({ data, error, exit: EXIT.failure });
  switch (result.kind) {
    case 'invalid':
      return fail({ code: 'invalid_specs', message: `${result.diagnostics.length} problem(s) in the specs; nothing was written.`, details: { problems: result.diagnostics } }, null);
    case 'checked':
      if (result.stale.length === 0) return { data: { check: true, files: result.files, stale: [] }, exit: EXIT.ok };
      return fail(
        { code: 'stale_output', message: `${result.stale.length} generated file(s) do not match the specs.`, hint: 'Run `npm run generate` and commit the result.', details: { stale: result.stale } },
        { check: true, files: result.files, stale: result.stale },
      );
    case 'written':
      return { data: { check: false, files: result.files, ...result.summary }, exit: EXIT.ok };
  }
}

export const generateCommand: CommandHandler = async ({ options, io, json }) => {
  const rootDir = findProjectRoot(io.cwd);
  if (!rootDir) throw new UsageError('no specs/ directory found here or above.', { code: 'no_project', hint: 'Run it inside a switchboard checkout.' });
  // A live line on a terminal only (the generator's progressLine writes nothing to a pipe or in CI).
  const jobs = jobsOption(options.jobs);
  const progress = progressLine(io.stderr, process.env);
  const result = generate({ rootDir, check: options.check === true, ...(options.cache === false ? { cacheDir: false as const } : {}), ...(jobs ? { jobs } : {}), onProgress: progress.update });
  progress.done();
  const timings = result.timings.map((t) => ({ phase: t.phase, ms: Math.round(t.ms * 10) / 10 }));
  const envelope = asEnvelope(result);
  // The machine-readable summary: what the cache saved and how long each phase took.
  if (json) return { ...envelope, meta: { stats: result.stats, timings } };
  // Text: the generator's report, which already says what failed and how to fix it.
  reportGenerate(result, io, { timings: options.timings === true });
  return { data: envelope.data, exit: envelope.exit };
};

/** `--jobs`, refused before anything is read. */
function jobsOption(given: unknown): number | undefined {
  if (given === undefined) return undefined;
  const read = jobsFromText(String(given));
  if ('problem' in read) throw new UsageError(read.problem, { code: 'invalid_option_value' });
  return read.jobs;
}
