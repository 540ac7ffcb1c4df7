/** Where the docs-site browser tests find Chromium: see find-chromium.mjs. */
export declare function findChromium(env?: Record<string, string | undefined>, candidates?: string[]): { path: string } | { problem: string };
