// Part 1: generation scaling. Writes synthetic catalogs of several sizes to a temp dir,
// runs a full `generate` (from an empty output tree) in a fresh child process per run, and
// records wall time, the child's peak RSS and the pipeline's per-phase timings. Then edits
// one function file and times the regeneration. Fits the log-log growth exponent and
// extrapolates to 1,000 providers when that size is not run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childScript, node } from './proc.mjs';
import { linearFit, logLogSlope, summary } from './stats.mjs';
import { touchTarget, writeSynthCatalog } from './synth-specs.mjs';
import { checkSynthCatalog } from './check-synth.mjs';
import { summarizeProfile } from './cpu-profile.mjs';
import { readdirSync } from 'node:fs';

const FUNCTIONS_PER_PROVIDER = 10;

async function generateOnce(root) {
  const r = await node(childScript('generate-child.mjs'), [root], { timeoutMs: 600_000 });
  if (r.kind !== 'written') throw new Error(`generate on ${root} gave ${r.kind}: ${JSON.stringify(r.diagnostics ?? r)}`);
  return { wallMs: r._wallMs, inProcessMs: r.totalMs, maxRssMiB: r.maxRssMiB, files: r.files, summary: r.summary, phases: Object.fromEntries(r.timings.map((t) => [t.phase, t.ms])) };
}

const clean = (root) => rmSync(join(root, 'packages'), { recursive: true, force: true });

/**
 * sizes: [{ providers, runs, warmup }]. Returns per-size summaries, the fitted exponents
 * and, when 1,000 providers was not measured, an explicit extrapolation.
 */
export async function genScaling({ sizes, profileAt = null, log = () => {} }) {
  const base = mkdtempSync(join(tmpdir(), 'switchboard-bench-gen-'));
  const results = [];
  let exampleCheck = null;
  let profile = null;
  try {
    for (const { providers, runs, warmup, touch = true } of sizes) {
      const root = join(base, `p${providers}`);
      const functions = writeSynthCatalog(root, providers);
      if (warmup) {
        log(`  gen ${providers} providers: warm-up`);
        await generateOnce(root);
        clean(root);
      }
      const measured = [];
      for (let i = 0; i < runs; i++) {
        log(`  gen ${providers} providers: run ${i + 1}/${runs}`);
        clean(root);
        measured.push(await generateOnce(root));
      }
      if (exampleCheck === null) exampleCheck = await checkSynthCatalog(root, 3);
      // Touch one function (output is already on disk from the last full run) and regenerate.
      let touched = null;
      if (touch) {
        const t = touchTarget(root);
        const original = readFileSync(t.file, 'utf8');
        writeFileSync(t.file, original.replace(t.from, t.to));
        log(`  gen ${providers} providers: regenerate after touching one function`);
        touched = await generateOnce(root);
        writeFileSync(t.file, original);
      }
      const phaseNames = Object.keys(measured[0].phases);
      results.push({
        providers,
        functions,
        runs: measured.length,
        warmup: Boolean(warmup),
        files: measured[0].files,
        wallMs: summary(measured.map((m) => m.wallMs)),
        inProcessMs: summary(measured.map((m) => m.inProcessMs)),
        maxRssMiB: summary(measured.map((m) => m.maxRssMiB)),
        phasesMs: Object.fromEntries(phaseNames.map((p) => [p, summary(measured.map((m) => m.phases[p]))])),
        touch: touched && { wallMs: touched.wallMs, inProcessMs: touched.inProcessMs, written: touched.summary.written, unchanged: touched.summary.unchanged, phases: touched.phases },
      });
      if (profileAt === providers) {
        log(`  gen ${providers} providers: one more full run under --cpu-prof`);
        clean(root);
        const dir = join(base, 'prof');
        await node(childScript('generate-child.mjs'), [root], { timeoutMs: 600_000, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
        const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
        profile = { providers, ...summarizeProfile(join(dir, file), 12) };
      }
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }

  // Growth: the log-log slope over all sizes (fixed start-up cost pulls it below 1 at small
  // sizes), and the local slope between the two largest sizes, which is what extrapolates.
  const pts = (f) => results.map((r) => [r.functions, f(r)]);
  const lastTwo = (list) => list.slice(-2);
  const fits = (f, list = results) => ({ all: logLogSlope(list.map((r) => [r.functions, f(r)])), local: logLogSlope(lastTwo(list).map((r) => [r.functions, f(r)])) });
  const wall = fits((r) => r.wallMs.median);
  const inProc = fits((r) => r.inProcessMs.median);
  const rss = fits((r) => r.maxRssMiB.median);
  const touched = results.filter((r) => r.touch);
  const touch = fits((r) => r.touch.wallMs, touched);
  const phaseNames = Object.keys(results[0].phasesMs);
  const phaseFits = Object.fromEntries(phaseNames.map((p) => [p, fits((r) => r.phasesMs[p].median)]));
  const target = 1000 * FUNCTIONS_PER_PROVIDER;
  const measuredTarget = results.find((r) => r.functions === target);
  const two = lastTwo(results).map((r) => r.providers).join(' and ');
  return {
    sizes: results,
    growthExponent: {
      wall: wall.all?.slope ?? null,
      wallLocal: wall.local?.slope ?? null,
      inProcess: inProc.all?.slope ?? null,
      inProcessLocal: inProc.local?.slope ?? null,
      rssLocal: rss.local?.slope ?? null,
      touchWall: touch.all?.slope ?? null,
      phases: Object.fromEntries(phaseNames.map((p) => [p, phaseFits[p].all?.slope ?? null])),
      phasesLocal: Object.fromEntries(phaseNames.map((p) => [p, phaseFits[p].local?.slope ?? null])),
    },
    linearPerFunction: (() => {
      const f = linearFit(pts((r) => r.inProcessMs.median));
      return f && { fixedMs: f.a, msPerFunction: f.b };
    })(),
    at1000: measuredTarget
      ? { measured: true, wallMs: measuredTarget.wallMs.median, maxRssMiB: measuredTarget.maxRssMiB.median, touchWallMs: measuredTarget.touch?.wallMs ?? null }
      : {
          measured: false,
          note: `1,000 providers was not run (it would not fit the time budget); extrapolated with the power law through the two largest sizes run (${two} providers), for time, peak RSS, the touch-one-function regeneration and each phase`,
          wallMs: wall.local?.predict(target) ?? null,
          maxRssMiB: rss.local?.predict(target) ?? null,
          touchWallMs: touch.local?.predict(target) ?? null,
          phasesMs: Object.fromEntries(phaseNames.map((p) => [p, phaseFits[p].local?.predict(target) ?? null])),
        },
    exampleCheck,
    profile,
  };
}
