export type * from './model.js';
export { loadCatalog, type LoadResult } from './load/index.js';
export { formatDiagnostic, type Diagnostic } from './load/diagnostics.js';
export { generate, type GenerateOptions, type GenerateResult, type StaleFile, type PhaseTiming } from './pipeline.js';
export type { Emitter, GeneratedFile } from './emit/emitter.js';
export { emitters } from './emit/index.js';
export { reportGenerate, type ReportStreams } from './report.js';
export { progressLine } from './progress.js';
export * from './diff/index.js';
