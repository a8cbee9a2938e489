import { build } from 'vite';
import { writeCameraFeed } from './camera-feed';

/**
 * Builds the app once so every spec serves the same, current build, and writes the fake camera
 * feed the `camera` project's browser is launched with (before any browser starts).
 */
export default async function globalSetup(): Promise<void> {
  await build({ logLevel: 'warn' });
  await writeCameraFeed();
}
