import { build } from 'vite';

/** Builds the app once so every spec serves the same, current build. */
export default async function globalSetup(): Promise<void> {
  await build({ logLevel: 'warn' });
}
