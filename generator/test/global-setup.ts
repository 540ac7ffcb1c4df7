import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The broken-spec corpus runs cases in a worker, which loads dist/: build it from the current
 * sources as `npm run build` does, spec-schema validators compiled to standalone code included, so
 * the corpus's exact messages hold for the validators a build ships.
 */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/compile-spec-schemas.mjs', import.meta.url))], { stdio: 'inherit' });
}
