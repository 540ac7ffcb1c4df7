import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'lua',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
  },
});
