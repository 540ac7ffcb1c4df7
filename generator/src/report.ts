import { formatDiagnostic } from './load/diagnostics.js';
import type { GenerateResult } from './pipeline.js';

export interface ReportStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Prints what a generate or check run found, the same way for `switchboard generate` and for the
 * generator's own entry point; returns the exit code (0 up to date or written, 1 invalid or stale).
 */
export function reportGenerate(result: GenerateResult, out: ReportStreams, options: { timings?: boolean; json?: boolean } = {}): 0 | 1 {
  if (options.json) {
    out.stdout.write(`${JSON.stringify(jsonSummary(result))}\n`);
    return result.kind === 'invalid' || (result.kind === 'checked' && result.stale.length > 0) ? 1 : 0;
  }
  if (options.timings) {
    for (const t of result.timings) out.stderr.write(`${t.phase.padEnd(28)} ${t.ms.toFixed(1).padStart(8)} ms\n`);
  }
  switch (result.kind) {
    case 'invalid':
      for (const d of result.diagnostics) out.stderr.write(`${formatDiagnostic(d)}\n`);
      out.stderr.write(`\n${result.diagnostics.length} problem(s) in the specs; nothing was written.\n`);
      return 1;
    case 'checked':
      if (result.stale.length === 0) {
        out.stdout.write(`generated output is up to date (${result.files} files).\n`);
        return 0;
      }
      for (const s of result.stale) out.stderr.write(`stale: ${s.path} (${s.problem})\n`);
      out.stderr.write(`\n${result.stale.length} generated file(s) do not match the specs. Run \`npm run generate\` and commit the result.\n`);
      return 1;
    case 'written': {
      const { written, removed, unchanged } = result.summary;
      out.stdout.write(`generated ${result.files} files: ${written.length} written, ${removed.length} removed, ${unchanged} unchanged.\n`);
      // The packages, their mocks and their tests run from what the build makes of these files, not from them.
      if (written.length + removed.length > 0) out.stdout.write('Run `npm run build` before using the packages or running their tests: it builds them from these files and links a new provider\'s package.\n');
      return 0;
    }
  }
}

/** The machine-readable summary of `--json`: outcome, counts, what the cache saved, and per-phase timings. */
export function jsonSummary(result: GenerateResult) {
  const common = { stats: result.stats, timings: result.timings.map((t) => ({ phase: t.phase, ms: Math.round(t.ms * 10) / 10 })) };
  switch (result.kind) {
    case 'invalid':
      return { kind: result.kind, diagnostics: result.diagnostics.map(formatDiagnostic), ...common };
    case 'checked':
      return { kind: result.kind, files: result.files, stale: result.stale, ...common };
    case 'written':
      return { kind: result.kind, files: result.files, written: result.summary.written, removed: result.summary.removed, unchanged: result.summary.unchanged, ...common };
  }
}
