import { defineConfig, devices } from '@playwright/test';
import { CAMERA_FEED, COUNT_FEED } from './tests/e2e/support/camera-feed';

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

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env['TROVE_E2E_OUTPUT'] ?? 'test-results/playwright',
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
      executablePath,
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'chromium', testIgnore: ['**/camera/**', '**/camera-count/**'] },
    {
      // One fake camera per browser launch: Chromium plays CAMERA_FEED (a Code 128 tag, written by
      // the global setup) as the device camera, with the permission prompt answered yes.
      name: 'camera',
      testMatch: '**/camera/**/*.spec.ts',
      use: {
        permissions: ['camera'],
        launchOptions: {
          executablePath,
          args: [
            ...chromiumArgs,
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${CAMERA_FEED}`,
          ],
        },
      },
    },
    {
      // Its own fake camera: COUNT_FEED shows a tag K = 3 times with blank frames between and a
      // long blank tail (tests/e2e/support/camera-feed.ts), for the count's "left the frame" rule.
      name: 'camera-count',
      testMatch: '**/camera-count/**/*.spec.ts',
      use: {
        permissions: ['camera'],
        // A phone: the count is phone-first, and a phone's narrow camera view must still read 1-D codes.
        viewport: { width: 390, height: 844 },
        launchOptions: {
          executablePath,
          args: [
            ...chromiumArgs,
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${COUNT_FEED}`,
          ],
        },
      },
    },
  ],
});
