import { build } from 'vite';
import { E2E_DIST } from './server';
import { COUNT_FEED, COUNT_FEED_CODE, COUNT_FEED_FPS, COUNT_FEED_SEGMENTS, writeCameraFeed, writeSegmentFeed } from './camera-feed';

/**
 * Builds the app once so every spec serves the same, current build, and writes the fake camera
 * feeds the `camera` and `camera-count` projects' browsers are launched with (before any browser starts).
 * `TROVE_E2E_DIST` moves the build elsewhere, so two e2e runs on one machine never clobber each other.
 */
export default async function globalSetup(): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir: E2E_DIST } });
  await writeCameraFeed();
  await writeSegmentFeed(COUNT_FEED, COUNT_FEED_CODE, COUNT_FEED_SEGMENTS, COUNT_FEED_FPS);
}
