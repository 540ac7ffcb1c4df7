// Runs one broken-spec case off the test thread, so a loader that hangs (a backtracking
// pattern) can be terminated. Loads the generator built from the current sources by
// test/global-setup.ts: workers run JavaScript, not the test's TypeScript.
import { parentPort } from 'node:worker_threads';
import { formatDiagnostic, generate, loadCatalog } from '../dist/index.js';

parentPort.on('message', ({ id, root, specs }) => {
  try {
    const loaded = loadCatalog(specs);
    const diagnostics = loaded.ok ? null : loaded.diagnostics.map(formatDiagnostic);
    const generated = generate({ rootDir: root }).kind;
    parentPort.postMessage({ id, kind: 'done', diagnostics, generated });
  } catch (error) {
    parentPort.postMessage({ id, kind: 'crashed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
parentPort.postMessage({ kind: 'ready' });
