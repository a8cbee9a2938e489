import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import type { Notices } from './notices.svelte';

// The generator loads only when someone asks for the demo shop (initial JS budget, §8).
const demo = () => import('../data/commands/demo');

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Days of trading the demo shop has behind it (shifts, sales, restocks), so Insights has figures at once. */
export const DEMO_HISTORY_DAYS = 120;

/** Sizes offered in Settings: a small boutique and a large one. */
export const DEMO_SIZES = [
  { skus: 500, label: 'Small boutique — 500 items' },
  { skus: 5_000, label: 'Large shop — 5,000 items' },
] as const;

/** "Load demo shop" on an empty install (issue #10): progress while it writes, through the registry. */
export class DemoShop {
  /** No products on this device yet (the only time the demo is offered). */
  readonly empty: Live<boolean>;
  loading = $state(false);
  done = $state(0);
  total = $state(0);
  /** Days of sales history written so far (of DEMO_HISTORY_DAYS). */
  daysDone = $state(0);

  constructor(
    private readonly notices: Notices,
    private readonly env: Env = appEnv(),
  ) {
    this.empty = new Live(async () => (await env.db.products.count()) === 0, false);
  }

  async load(skus: number, seed = 1): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.done = 0;
    this.daysDone = 0;
    this.total = skus;
    try {
      const { loadDemoShop } = await demo();
      await loadDemoShop(this.env, { skus, seed, pause: nextTask, historyDays: DEMO_HISTORY_DAYS }, (p) => {
        this.done = p.skusDone;
        this.daysDone = p.daysDone;
      });
      this.notices.show(`Demo shop loaded: ${skus.toLocaleString()} items and ${DEMO_HISTORY_DAYS} days of sales.`);
    } catch (e) {
      this.notices.handleError(e, 'Loading the demo shop failed');
    } finally {
      this.loading = false;
    }
  }
}
