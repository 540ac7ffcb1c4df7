import { createRequire } from 'node:module';
import type { Project } from 'ts-morph';

type TsMorph = typeof import('ts-morph');
let project: Project | null = null;

/**
 * Run `work` with an in-memory ts-morph project, and empty the project afterwards so no provider's
 * source files outlive its emission. ts-morph (with the TypeScript compiler inside it) takes over a
 * second to import, so it is loaded on the first client that must be emitted: a run whose clients
 * all come from the generation cache never pays for it. The project itself is kept, because
 * creating one costs about as much as printing a small provider.
 */
export function withProject<T>(work: (project: Project) => T): T {
  if (!project) {
    const { Project: ProjectClass } = createRequire(import.meta.url)('ts-morph') as TsMorph;
    project = new ProjectClass({ useInMemoryFileSystem: true });
  }
  try {
    return work(project);
  } finally {
    for (const file of project.getSourceFiles()) project.removeSourceFile(file);
  }
}

/** Whether this process has loaded ts-morph (for the run summary). */
export const tsMorphLoaded = (): boolean => project !== null;
