// The real Electron app under Playwright's _electron (built first: `electron-vite build`). Where no
// Electron binary exists, every test is skipped with "Electron binary not available: skipped N tests".
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
