import { defineConfig, devices } from '@playwright/test';

// Real headless Chromium from Debian (never a downloaded browser); each spec starts the real
// server as a child process (tests/e2e/support/server.ts) so it can stop and restart it.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? 'list' : 'list',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 768, height: 1024 },
    serviceWorkers: 'allow',
    trace: 'off',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium' }],
});
