import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { perform } from '../data/commands/perform';
import { readSettings } from '../data/queries/settings';
import { requestPersistence, storageReport, type StorageReport } from '../data/storage';
import { DEFAULT_SETTINGS, type SettingsPatch, type ShopSettings } from '../domain/settings';
import type { Env } from '../data/commands/perform';

/** Shop settings as runes, plus the storage facts the Settings screen shows. */
export class SettingsState {
  readonly settings: Live<ShopSettings>;
  storage = $state.raw<StorageReport | undefined>(undefined);

  constructor(private readonly env: Env = appEnv()) {
    this.settings = new Live(() => readSettings(env.db), DEFAULT_SETTINGS);
  }

  save(patch: SettingsPatch): Promise<unknown> {
    return perform(this.env, 'settings.update', { patch });
  }

  /** Asks for persistent storage once at start-up, then reads usage. */
  async refreshStorage(ask = false): Promise<void> {
    if (ask) await requestPersistence();
    this.storage = await storageReport();
  }
}
