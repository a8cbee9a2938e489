import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { StartupError, errorCode } from './startup-error';

/** The inputs of `vite build` whose change makes dist stale. The server itself is not built. */
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'public'];
const NOT_INPUTS = [join('src', 'server')];

/** The first file under `path` modified after `sinceMs`, or undefined. Stops at the first hit. */
function findNewer(root: string, path: string, sinceMs: number): string | undefined {
  if (NOT_INPUTS.includes(relative(root, path))) return undefined;
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined; // an optional input (no public/ folder) is simply absent
  }
  if (!stats.isDirectory()) return stats.mtimeMs > sinceMs ? path : undefined;
  for (const entry of readdirSync(path)) {
    const hit = findNewer(root, join(path, entry), sinceMs);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Why the build in `staticDir` must be redone, or undefined when it is current. */
export function buildStaleReason(root: string, staticDir: string): string | undefined {
  const index = join(staticDir, 'index.html');
  if (!existsSync(index)) return `no ${relative(root, index) || index} yet`;
  const builtAt = statSync(index).mtimeMs;
  for (const input of INPUTS) {
    const hit = findNewer(root, resolve(root, input), builtAt);
    if (hit !== undefined) return `${relative(root, hit)} changed since the last build`;
  }
  return undefined;
}

/** The part of vite's API used here (lets tests stand in for vite). */
export interface ViteLike {
  build(config: { configFile?: string; root?: string; logLevel: 'warn' }): Promise<unknown>;
}

/** A multi-line bundler error squeezed onto one line: its first line alone is often just a heading. */
function oneLine(error: unknown, maxLength = 500): string {
  const text = error instanceof Error ? error.message : String(error);
  const joined = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return joined.length > maxLength ? `${joined.slice(0, maxLength)}…` : joined || 'unknown error';
}

function isMissingModule(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Builds the PWA in this process when dist is missing or older than its sources, so `npm start`
 * alone gets a shop running. Vite is a dev dependency: without it we say so instead of crashing.
 */
export async function ensureAppBuilt(options: {
  root: string;
  staticDir: string;
  log: (line: string) => void;
  loadVite?: () => Promise<ViteLike>;
}): Promise<void> {
  const reason = buildStaleReason(options.root, options.staticDir);
  if (reason === undefined) return;
  options.log(`Building the app (${reason})…`);
  let vite: ViteLike;
  try {
    vite = await (options.loadVite ?? (() => import('vite')))();
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    throw new StartupError(
      'The app is not built and vite is not installed — run `npm install` (with dev dependencies) or copy a built dist/ folder here',
      { cause: error },
    );
  }
  // Name the config file rather than passing `root`: an inline root would override the config's
  // own `root` (the page lives in src/), while vite finds the file itself only from the cwd.
  const configFile = join(options.root, 'vite.config.ts');
  try {
    await vite.build(existsSync(configFile) ? { configFile, logLevel: 'warn' } : { root: options.root, logLevel: 'warn' });
  } catch (error) {
    throw new StartupError(`Building the app failed: ${oneLine(error)}`, { cause: error });
  }
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    throw new StartupError(
      `The build finished but ${join(options.staticDir, 'index.html')} is missing — check vite.config.ts (build.outDir)`,
    );
  }
}
