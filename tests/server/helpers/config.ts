import { join } from 'node:path';
import { loadConfig } from '../../../src/server/config';
import type { ServerConfig } from '../../../src/server/config';

/** A config for an in-process server on a random free port. */
export function testConfig(options: {
  dataDir: string;
  staticDir?: string;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
}): ServerConfig {
  return loadConfig({
    PORT: '0',
    TROVE_DATA_DIR: options.dataDir,
    TROVE_STATIC_DIR: options.staticDir ?? join(options.dataDir, 'no-static'),
    DATABASE_URL: options.databaseUrl,
    ...options.env,
  });
}
