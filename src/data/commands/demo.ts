import { demoShop, type DemoOptions } from '../../domain/demo/shop';
import { BatchWriter } from './batch-writer';
import { perform, type Env } from './perform';

export interface DemoProgress {
  skusDone: number;
  skus: number;
}

export interface DemoLoadOptions extends Pick<DemoOptions, 'skus' | 'seed' | 'today' | 'chunkProducts'> {
  /** 'perform' writes mutation by mutation (the reference); 'batch' one transaction per chunk. */
  via?: 'batch' | 'perform';
  /** Called between chunks so a page can paint its progress. */
  pause?: () => Promise<void>;
}

/**
 * Fills this device with the demo shop (issue #10) through the mutation registry, exactly as if
 * it had been typed in: every product, receipt and piece is a mutation in the outbox. Each chunk of
 * products is one IndexedDB transaction through the import's batch writer (same result as
 * perform(), tested in tests/data/import-catalog.test.ts and tests/data/demo.test.ts).
 */
export async function loadDemoShop(env: Env, options: DemoLoadOptions, onProgress?: (p: DemoProgress) => void): Promise<DemoProgress> {
  const progress: DemoProgress = { skusDone: 0, skus: options.skus };
  for (const chunk of demoShop(options)) {
    if (options.via === 'perform') {
      for (const m of chunk.mutations) await perform(env, m.name, m.args);
    } else {
      await new BatchWriter(env).run(chunk.mutations, {
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
  return progress;
}
