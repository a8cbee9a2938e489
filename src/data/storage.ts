/** What the browser says about this origin's storage (Settings shows it). */
export interface StorageReport {
  /** True when the browser promised not to evict the shop's data under pressure. */
  persisted: boolean;
  usedBytes: number | undefined;
  quotaBytes: number | undefined;
  /** False where the StorageManager API is missing (old browsers, some embedded views). */
  supported: boolean;
}

/**
 * Asks the browser to keep IndexedDB through storage pressure (iOS and Chromium otherwise may
 * evict it; Dexie issue #739). Harmless to call repeatedly.
 */
export async function requestPersistence(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function storageReport(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageReport> {
  if (!storage?.estimate) return { persisted: false, usedBytes: undefined, quotaBytes: undefined, supported: false };
  const [persisted, estimate] = await Promise.all([storage.persisted?.() ?? false, storage.estimate()]);
  return { persisted, usedBytes: estimate.usage, quotaBytes: estimate.quota, supported: true };
}
