import { createRequire } from 'node:module';
import type { Project } from 'ts-morph';

type TsMorph = typeof import('ts-morph');
let tsMorph: TsMorph | null = null;

/**
 * ts-morph (with the TypeScript compiler inside it) takes over a second to import, so it is
 * loaded on the first client that must be emitted: a run whose clients all come from the
 * generation cache never pays for it.
 */
export function newProject(): Project {
  tsMorph ??= createRequire(import.meta.url)('ts-morph') as TsMorph;
  return new tsMorph.Project({ useInMemoryFileSystem: true });
}

/** Whether this process has loaded ts-morph (for tests and the run summary). */
export const tsMorphLoaded = (): boolean => tsMorph !== null;
