import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['generator', 'packages/cli', 'packages/runtime', 'packages/lua', 'packages/contract-tests', 'packages/testing', 'packages/importer', 'test'],
    // Vitest's default is one worker per core less one: a single worker on CI's 2-core VMs. Our
    // test files spend much of their time waiting on child processes (the CLI, Chromium, tsc), so a
    // worker per core keeps both cores busy (2,737 tests: 494 s at load 10-15 against 516-588 s on
    // an idle machine with one worker).
    maxWorkers: availableParallelism(),
    // Every temporary file of the run goes under one directory that the run removes (see the file).
    globalSetup: ['test/temp-root.ts'],
  },
});
