import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How far the heap may grow past its size after the last full collection before another is forced. */
const STEP_BYTES = 32 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** V8's full collection, made available at run time (node has no API for it without `--expose-gc`). */
function fullCollection(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (collect = exposed);
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Called between providers. Left alone, V8 grows its heap far past what is live while memory is
 * plentiful (each provider leaves tens of megabytes of garbage), and the process's peak RSS follows
 * the heap, not the live set. A full collection whenever the heap has grown by STEP_BYTES keeps the
 * peak near the live set plus one step, at the cost of a collection every few dozen providers.
 */
export function heapBound(): () => void {
  const used = () => getHeapStatistics().used_heap_size;
  let base = used();
  return () => {
    if (used() - base < STEP_BYTES) return;
    fullCollection()?.();
    base = used();
  };
}
