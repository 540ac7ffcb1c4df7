/**
 * This package's version, as its package.json says (a test holds them together): sent in the
 * User-Agent, so a provider can tell which release made a request. A constant, because the runtime
 * reads no files (it runs in browsers too).
 */
export const RUNTIME_VERSION = '0.1.0';
