import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { perform } from '../data/commands/perform';
import { readSettings } from '../data/queries/settings';
import { requestPersistence, storageReport, type StorageReport } from '../data/storage';
import { checkPressure, underPressure, type FreedSpace } from '../data/storage-pressure';
import { DEFAULT_SETTINGS, type SettingsPatch, type ShopSettings } from '../domain/settings';
import type { Env } from '../data/commands/perform';

/** Shop settings as runes, plus the storage facts the Settings screen shows. */
export class SettingsState {
  readonly settings: Live<ShopSettings>;
  storage = $state.raw<StorageReport | undefined>(undefined);
  /** The browser was asked to keep the data and said no (Storage explains installing the app). */
  persistRefused = $state(false);
  /** Usage above the warning line (90% of the quota). */
  readonly pressure = $derived(underPressure(this.storage?.usedBytes, this.storage?.quotaBytes));

  constructor(private readonly env: Env = appEnv()) {
    this.settings = new Live(() => readSettings(env.db), DEFAULT_SETTINGS);
  }

  save(patch: SettingsPatch): Promise<unknown> {
    return perform(this.env, 'settings.update', { patch });
  }

  /** Asks for persistent storage once at start-up, then reads usage. */
  async refreshStorage(ask = false): Promise<void> {
    if (ask) this.persistRefused = !(await requestPersistence());
    this.storage = await storageReport();
    if (!this.pressure) return;
    // Short of space: synced photos' bytes go first (they download again), then read usage again.
    if (await checkPressure(this.env)) this.storage = await storageReport();
  }

  /** Drops every photo copy the server has (not yet uploaded ones stay), then reads usage again. */
  async freeSpace(): Promise<FreedSpace> {
    const { freeSpace } = await import('../data/storage-free');
    const freed = await freeSpace(this.env.db, this.env.clock.now());
    this.storage = await storageReport();
    return freed;
  }
}
