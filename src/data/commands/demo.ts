import { demoShop, type DemoMutation, type DemoOptions } from '../../domain/demo/shop';
import { historyMutations, learnCatalogue, newHistoryCounts, type HistoryCounts, type SellableItem } from '../../domain/demo/history';
import { BatchWriter, type BatchMutation } from './batch-writer';
import { perform, type Env } from './perform';

export interface DemoProgress {
  skusDone: number;
  skus: number;
  /** Days of trading history written so far (of `historyDays`). */
  daysDone: number;
  days: number;
}

export interface DemoLoadOptions extends Pick<DemoOptions, 'skus' | 'seed' | 'today' | 'chunkProducts'> {
  /** 'perform' writes mutation by mutation (the reference); 'batch' one transaction per chunk. */
  via?: 'batch' | 'perform';
  /** Called between chunks so a page can paint its progress. */
  pause?: () => Promise<void>;
  /**
   * Days of trading history ending yesterday (shifts, sales, restocks — the seeder's own history):
   * the catalogue is then dated the day before it starts, each sale at its own hour, so Insights
   * has real periods to show. 0 or absent: the catalogue only, dated now.
   */
  historyDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_BATCH = 400;

/**
 * Fills this device with the demo shop (issue #10) through the mutation registry, exactly as if
 * it had been typed in: every product, receipt and piece is a mutation in the outbox. Each chunk of
 * products is one IndexedDB transaction through the import's batch writer (same result as
 * perform(), tested in tests/data/import-catalog.test.ts and tests/data/demo.test.ts).
 */
export async function loadDemoShop(env: Env, options: DemoLoadOptions, onProgress?: (p: DemoProgress) => void): Promise<DemoProgress> {
  const days = options.historyDays ?? 0;
  const progress: DemoProgress = { skusDone: 0, skus: options.skus, daysDone: 0, days };
  // The shop opened the day before its first day of trading (08:00 UTC), or now without history.
  const yesterday = new Date(env.clock.now() - DAY_MS).toISOString().slice(0, 10);
  const openedAt = days > 0 ? Date.parse(`${yesterday}T08:00:00Z`) - days * DAY_MS : undefined;
  const items: SellableItem[] = [];
  const byId = new Map<string, SellableItem>();
  const floor: { id?: string } = {};
  // Season ends are relative to the shop's today: this device's, unless given (the seeder's and the tests' fixed day).
  const today = options.today ?? new Date(env.clock.now()).toISOString().slice(0, 10);
  for (const chunk of demoShop({ ...options, today })) {
    if (days > 0) learnCatalogue(items, byId, chunk.mutations, floor);
    const dated = (list: DemoMutation[]): BatchMutation[] => list.map((m) => ({ ...m, at: openedAt }));
    if (options.via === 'perform') {
      for (const m of chunk.mutations) await perform(env, m.name, m.args);
    } else {
      await new BatchWriter(env).run(dated(chunk.mutations), {
        ids: Object.entries(chunk.ids),
        finds: [
          ['items', 'sku', chunk.codes],
          ['items', 'barcodes', chunk.codes],
        ],
      });
    }
    progress.skusDone = chunk.skusDone;
    onProgress?.({ ...progress });
    await options.pause?.();
  }
  if (days > 0 && floor.id) await writeHistory(env, items, floor.id, { ...options, days, today: yesterday }, progress, onProgress);
  return progress;
}

/** The history through the batch writer, a few hundred mutations a transaction, each at its own instant. */
async function writeHistory(
  env: Env,
  items: SellableItem[],
  floorId: string,
  options: DemoLoadOptions & { days: number; today: string },
  progress: DemoProgress,
  onProgress?: (p: DemoProgress) => void,
): Promise<HistoryCounts> {
  const counts: HistoryCounts = newHistoryCounts();
  const history = historyMutations(
    items,
    { skus: options.skus, seed: options.seed, days: options.days, floorId, registerCode: 'DEMO', today: options.today },
    counts,
  );
  let batch: BatchMutation[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await new BatchWriter(env).run(batch, { ids: [], finds: [] });
    batch = [];
    progress.daysDone = counts.shifts;
    onProgress?.({ ...progress });
    await options.pause?.();
  };
  for (const m of history) {
    batch.push({ name: m.name, args: m.args, at: Date.parse(m.at) });
    if (batch.length >= HISTORY_BATCH && m.name === 'shift.close') await flush();
  }
  await flush();
  return counts;
}
