import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'test', include: ['**/*.test.ts'], testTimeout: 60_000 } });
