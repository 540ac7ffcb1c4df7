import { defineProject } from 'vitest/config';

// A limit only has to end a hang: vitest's default of 5 s is within reach of a test that takes
// one second on a quiet machine once a CI machine is loaded.
export default defineProject({ test: { name: 'cli', include: ['test/**/*.test.ts'], testTimeout: 60_000 } });
