import { build } from 'vite';
import { E2E_DIST } from './server';
import { writeCameraFeed } from './camera-feed';

/**
 * Builds the app once so every spec serves the same, current build, and writes the fake camera
 * feed the `camera` project's browser is launched with (before any browser starts).
 * `TROVE_E2E_DIST` moves the build elsewhere, so two e2e runs on one machine never clobber each other.
 */
export default async function globalSetup(): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir: E2E_DIST } });
  await writeCameraFeed();
}
