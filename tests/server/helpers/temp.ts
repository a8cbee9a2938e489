import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh folder under the OS temp dir; `remove()` deletes it (call in afterAll/afterEach). */
export function makeTempDir(prefix = 'trove-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A temp folder for the enclosing describe: made in beforeAll, removed in afterAll. Made lazily
 * so a skipped suite (no PostgreSQL) leaves nothing behind. Call before the suite's other hooks.
 */
export function useTempDir(): { readonly path: string } {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => dir?.remove());
  return {
    get path(): string {
      if (dir === undefined) throw new Error('useTempDir().path is only available inside tests and hooks');
      return dir.path;
    },
  };
}

export function writeFile(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export const INDEX_HTML = '<!doctype html><html><head><title>Trove test shell</title></head><body></body></html>';
/** Big enough to be gzipped (the server skips files under 1 KB). */
export const APP_JS = `// fake hashed bundle\n${'console.log("trove");\n'.repeat(200)}`;
export const SECRET = 'TOP-SECRET-OUTSIDE-STATIC-ROOT';

/**
 * A tiny stand-in for `vite build` output inside `<dir>/static`, plus a secret file in `dir`
 * itself (the static root's parent) that no request may ever reach.
 */
export function writeFakeBuild(dir: string): string {
  const root = join(dir, 'static');
  const files: Record<string, string | Buffer> = {
    'index.html': INDEX_HTML,
    'assets/app-3f9a1c.js': APP_JS,
    'assets/app-3f9a1c.css': 'body{margin:0}',
    'assets/decoder-77aa.wasm': Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
    'assets/font-1b2c.woff2': Buffer.from('wOF2fake'),
    'sw.js': 'self.addEventListener("install", () => {});',
    'registerSW.js': 'navigator.serviceWorker.register("/sw.js");',
    'manifest.webmanifest': JSON.stringify({ name: 'Trove', start_url: '/' }),
    'icon-192.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    'favicon.ico': Buffer.from([0, 0, 1, 0]),
    'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'data.json': '{"a":1}',
    'robots.txt': 'User-agent: *',
  };
  for (const [name, content] of Object.entries(files)) writeFile(join(root, name), content);
  writeFile(join(dir, 'secret.txt'), SECRET);
  writeFile(join(dir, 'secret'), SECRET);
  return root;
}
