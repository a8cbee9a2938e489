import { settingsOf, SETTINGS_ID, type ShopSettings } from '../../domain/settings';
import type { TroveDb } from '../db';

export async function readSettings(db: TroveDb): Promise<ShopSettings> {
  return settingsOf(await db.settings.get(SETTINGS_ID));
}
