import { defineConfig } from 'vitest/config';

// The cluster tests (test/cluster): nginx, three built BFF processes and PostgreSQL, one file at a
// time. Not part of `npm test`: they need `npm run build` and Debian's nginx and PostgreSQL.
export default defineConfig({
  test: {
    name: 'cluster',
    environment: 'node',
    include: ['test/cluster/**/*.test.ts'],
    setupFiles: ['test/support/no-console-error.ts'],
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 300_000,
  },
});
