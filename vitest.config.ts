import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['generator', 'packages/cli', 'packages/runtime', 'packages/lua', 'packages/contract-tests', 'packages/testing', 'packages/importer', 'test'],
  },
});
