import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8090);
export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 8095);

// Debian's chromium, never a downloaded browser (docs/architecture.md, known traps).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1024, height: 768 },
    screenshot: 'on',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'npm run build && node dist/server/node.js',
      url: `http://localhost:${PORT}/api/health`,
      // Signed in through the simulated NHS CIS2 (test/e2e/page-errors.ts); a fresh database (audit, sessions) each run.
      env: { PORT: String(PORT), SPINE_MODE: 'mock', MOCK_LATENCY: 'none', DATA_DIR: mkdtempSync(join(tmpdir(), 'gpcv-e2e-')), LOG_LEVEL: 'warn' },
      timeout: 180_000,
      reuseExistingServer: false,
    },
    {
      // The all-in-browser demo, from a plain static server: no BFF process at all.
      command: `npm run build:demo && node scripts/serve-static.mjs dist/demo ${DEMO_PORT}`,
      url: `http://localhost:${DEMO_PORT}/`,
      timeout: 180_000,
      reuseExistingServer: false,
    },
  ],
});
