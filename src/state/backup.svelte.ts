import { appEnv } from '../data/env';
import type { Env } from '../data/commands/perform';
import { httpTransport, type Transport } from '../sync/http';
import type { ImportOutcome } from '../data/unsynced';
import type { RestoreSummary } from '../data/backup';

export interface DownloadFile {
  name: string;
  blob: Blob;
}

/**
 * Settings → Backup and recovery (issue 8 point 3). The zip code and the file formats load on the
 * first tap (the panel is in the lazily loaded Settings screen; fflate is not even there).
 */
export class BackupState {
  busy = $state(false);
  readonly #transport: Transport;

  constructor(
    private readonly env: Env = appEnv(),
    origin: string = location.origin,
  ) {
    this.#transport = httpTransport(origin);
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  /** The whole device as a zip, photos included. */
  fullBackup(): Promise<DownloadFile> {
    return this.#run(async () => {
      const { exportDeviceBackup, backupFileName } = await import('../data/backup');
      const now = this.env.clock.now();
      const { zip, manifest } = await exportDeviceBackup(this.env.db, now);
      return {
        name: backupFileName(manifest.deviceName, now),
        blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      };
    });
  }

  /** Restores a backup into this (empty) install; the caller reloads the app afterwards. */
  restore(file: Blob): Promise<RestoreSummary> {
    return this.#run(async () => {
      const { restoreDeviceBackup } = await import('../data/backup');
      return restoreDeviceBackup(this.env.db, this.env.random, new Uint8Array(await file.arrayBuffer()));
    });
  }

  /** This device's changes the server does not have yet, as a file another device can import. */
  exportUnsynced(): Promise<DownloadFile> {
    return this.#run(async () => {
      const { exportUnsynced, unsyncedFileName } = await import('../data/unsynced');
      const file = await exportUnsynced(this.env.db, this.env.clock.now());
      return { name: unsyncedFileName(file), blob: new Blob([JSON.stringify(file)], { type: 'application/json' }) };
    });
  }

  /** Queues another device's exported changes here; the caller starts a sync. */
  importUnsynced(file: Blob): Promise<ImportOutcome> {
    return this.#run(async () => {
      const { importUnsyncedFile } = await import('../sync/recovery');
      return importUnsyncedFile({ db: this.env.db, transport: this.#transport }, await file.text());
    });
  }

  /** Erases this install (refused while anything is unsynced); the caller reloads the app. */
  reset(): Promise<void> {
    return this.#run(async () => {
      const { resetDevice } = await import('../data/backup');
      await resetDevice(this.env.db);
    });
  }
}
