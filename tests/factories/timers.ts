import type { ManualClock } from '../../src/domain/clock';
import type { Timers } from '../../src/state/staff.svelte';

/** Timers driven by a ManualClock: `advance` moves the clock and fires what falls due, in order. */
export class ManualTimers implements Timers {
  readonly #due = new Map<number, { at: number; fn: () => void }>();
  #next = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(fn: () => void, ms: number): number {
    const id = this.#next++;
    this.#due.set(id, { at: this.clock.now() + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  get pending(): number {
    return this.#due.size;
  }

  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      const [id, timer] = [...this.#due].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0] ?? [];
      if (id === undefined || !timer) break;
      this.#due.delete(id);
      this.clock.set(timer.at);
      timer.fn();
    }
    this.clock.set(end);
  }
}
