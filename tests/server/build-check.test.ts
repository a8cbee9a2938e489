import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStaleReason, ensureAppBuilt } from '../../src/server/build-check';
import type { ViteLike } from '../../src/server/build-check';
import { StartupError } from '../../src/server/startup-error';
import { makeTempDir, writeFile } from './helpers/temp';

const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const BEFORE = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T13:00:00Z');

/** A project with every build input older than dist/index.html. */
function makeProject(root: string): void {
  const files = ['src/main.ts', 'src/ui/App.svelte', 'src/server/main.ts', 'index.html', 'vite.config.ts', 'public/icon.svg'];
  for (const file of files) {
    writeFile(join(root, file), 'x');
    utimesSync(join(root, file), BEFORE, BEFORE);
  }
  writeFile(join(root, 'dist/index.html'), '<!doctype html>');
  utimesSync(join(root, 'dist/index.html'), BUILT_AT, BUILT_AT);
}

function touch(path: string): void {
  utimesSync(path, AFTER, AFTER);
}

describe('buildStaleReason', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let root: string;
  beforeEach(() => {
    temp = makeTempDir();
    root = temp.path;
    makeProject(root);
  });
  afterEach(() => temp.remove());

  it('is undefined when dist is newer than every input', () => {
    expect(buildStaleReason(root, join(root, 'dist'))).toBeUndefined();
  });

  it('asks for a build when there is no dist/index.html', () => {
    expect(buildStaleReason(root, join(root, 'nothing'))).toBe('no nothing/index.html yet');
  });

  it.each(['src/ui/App.svelte', 'index.html', 'vite.config.ts', 'public/icon.svg'])('notices a newer %s', (file) => {
    touch(join(root, file));
    expect(buildStaleReason(root, join(root, 'dist'))).toBe(`${file} changed since the last build`);
  });

  it('ignores changes to the server itself', () => {
    touch(join(root, 'src/server/main.ts'));
    expect(buildStaleReason(root, join(root, 'dist'))).toBeUndefined();
  });

  it('does not need public/ or vite.config.ts to exist', () => {
    temp.remove();
    writeFile(join(root, 'src/main.ts'), 'x');
    utimesSync(join(root, 'src/main.ts'), BEFORE, BEFORE);
    writeFile(join(root, 'dist/index.html'), 'x');
    utimesSync(join(root, 'dist/index.html'), BUILT_AT, BUILT_AT);
    expect(buildStaleReason(root, join(root, 'dist'))).toBeUndefined();
  });
});

describe('ensureAppBuilt', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let root: string;
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
  };
  beforeEach(() => {
    temp = makeTempDir();
    root = temp.path;
    makeProject(root);
    lines.length = 0;
  });
  afterEach(() => temp.remove());

  /** A vite stand-in that "builds" by rewriting dist/index.html. */
  function fakeVite(calls: unknown[]): () => Promise<ViteLike> {
    return () =>
      Promise.resolve({
        build: (config) => {
          calls.push(config);
          writeFile(join(root, 'dist/index.html'), '<!doctype html><title>new</title>');
          return Promise.resolve();
        },
      });
  }

  it('does nothing (and loads no vite) when the build is current', async () => {
    const calls: unknown[] = [];
    await ensureAppBuilt({ root, staticDir: join(root, 'dist'), log, loadVite: fakeVite(calls) });
    expect(calls).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('says it is building and builds in-process when a source changed', async () => {
    touch(join(root, 'src/main.ts'));
    const calls: unknown[] = [];
    await ensureAppBuilt({ root, staticDir: join(root, 'dist'), log, loadVite: fakeVite(calls) });
    expect(lines).toEqual(['Building the app (src/main.ts changed since the last build)…']);
    // The project's own config file, not an inline root (that would override the config's root).
    expect(calls).toEqual([{ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' }]);
  });

  it('explains that vite is missing instead of crashing', async () => {
    touch(join(root, 'index.html'));
    const missing = Object.assign(new Error("Cannot find package 'vite'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const attempt = ensureAppBuilt({ root, staticDir: join(root, 'dist'), log, loadVite: () => Promise.reject(missing) });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow(/^The app is not built and vite is not installed — run `npm install`/);
  });

  it('turns a failed multi-line build error into a one-line StartupError', async () => {
    touch(join(root, 'index.html'));
    const vite: ViteLike = {
      build: () => Promise.reject(new Error('Build failed with 1 error:\n\n[UNRESOLVED] Could not resolve "./x"\n  in src/main.ts')),
    };
    const attempt = ensureAppBuilt({ root, staticDir: join(root, 'dist'), log, loadVite: () => Promise.resolve(vite) });
    await expect(attempt).rejects.toThrow(
      new StartupError('Building the app failed: Build failed with 1 error: [UNRESOLVED] Could not resolve "./x" in src/main.ts'),
    );
  });

  it('passes root when the project has no vite.config.ts', async () => {
    temp.remove();
    writeFile(join(root, 'src/main.ts'), 'x');
    const calls: unknown[] = [];
    await ensureAppBuilt({ root, staticDir: join(root, 'dist'), log, loadVite: fakeVite(calls) });
    expect(calls).toEqual([{ root, logLevel: 'warn' }]);
  });
});
