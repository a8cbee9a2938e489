import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import { countLowStock } from '../data/queries/low-stock';

/** The count behind the Stock badge in the navigation (items at or below their reorder point). */
export class LowStockCount {
  readonly count: Live<number>;

  constructor(env: Env = appEnv()) {
    this.count = new Live(() => countLowStock(env.db), 0);
  }
}
