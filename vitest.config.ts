import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: the SPA under jsdom, the BFF and mocks under Node. DOM setup never reaches server tests.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['test/app/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/no-console-error.ts', 'test/app/setup.ts'],
          globalSetup: ['test/support/pglite-template.ts'],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts', 'test/mocks/**/*.test.ts', 'test/docs/**/*.test.ts'],
          setupFiles: ['test/support/no-console-error.ts'],
          // One migrated PGlite database, copied by each test file (test/support/db.ts).
          globalSetup: ['test/support/pglite-template.ts'],
        },
      },
    ],
  },
});
