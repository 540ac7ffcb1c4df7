import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'lua',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A bound for "it stops" only: on a loaded 2-core machine a CPU-limited script's CPU time (and
    // so the test) can take many times its budget in wall-clock time.
    testTimeout: 120_000,
  },
});
