/**
 * What the Lua host imports from Node, in the browser: its thread CPU clock reads
 * /proc/thread-self/schedstat and falls back to wall time when that fails, and its worker pool
 * is never started here. Every function throws, so the fallback is taken.
 */
const unavailable = (): never => {
  throw new Error('not available in the browser');
};
export const openSync = unavailable;
export const readFileSync = unavailable;
export const readSync = unavailable;
export const readlinkSync = unavailable;
export class Worker {
  constructor() {
    unavailable();
  }
}
export const parentPort = null;
export default {};
