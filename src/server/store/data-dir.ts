import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StartupError, describeFsError, errorCode } from '../startup-error';

/**
 * mkdir -p, by hand: Node's `mkdirSync(path, { recursive: true })` spins forever at 100% CPU
 * where a parent exists but refuses children with ENOENT (e.g. under /proc). Here each level
 * is tried once, so such a path fails fast with a clear error.
 */
function makeDirs(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    makeDirs(parent);
    mkdirSync(dir);
  }
}

function createReason(error: unknown): string {
  // ENOENT after the parent was made or found means the parent takes no new folders.
  return errorCode(error) === 'ENOENT' ? 'the parent folder does not accept new folders' : describeFsError(error);
}

/**
 * Makes sure TROVE_DATA_DIR exists and can be written to, before anything opens a file in it.
 * Checked by writing a probe file because access(W_OK) says yes to root on read-only mounts and
 * says nothing about a full disk.
 */
export function prepareDataDir(dir: string): void {
  try {
    makeDirs(dir);
  } catch (error) {
    throw new StartupError(
      `Cannot create the data folder ${dir} (TROVE_DATA_DIR): ${createReason(error)} — create it or set TROVE_DATA_DIR to a writable folder`,
      { cause: error },
    );
  }
  const probe = join(dir, `.trove-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new StartupError(
      `The data folder ${dir} is not writable (TROVE_DATA_DIR): ${describeFsError(error)} — fix its permissions or set TROVE_DATA_DIR to a writable folder`,
      { cause: error },
    );
  }
}
