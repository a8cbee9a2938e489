/**
 * Decides WHEN to sync: on start, when the network comes back, when the app becomes visible,
 * shortly after each write, when the server says there is news, and on a backoff timer after a
 * failure. Runs never overlap; a trigger during a run queues exactly one more run.
 */
export interface SchedulerOptions {
  debounceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class SyncScheduler {
  #running = false;
  #again = false;
  #debounce: unknown;
  #retry: unknown;
  #failures = 0;
  readonly #opts: Required<SchedulerOptions>;

  constructor(
    private readonly run: () => Promise<void>,
    options: SchedulerOptions = {},
  ) {
    this.#opts = {
      debounceMs: 800,
      minBackoffMs: 2_000,
      maxBackoffMs: 5 * 60_000,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Sync now (or right after the current run). */
  trigger(): void {
    this.#opts.clearTimer(this.#retry);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    void this.#loop();
  }

  /** Sync soon: several quick writes become one push. */
  soon(): void {
    this.#opts.clearTimer(this.#debounce);
    this.#debounce = this.#opts.setTimer(() => this.trigger(), this.#opts.debounceMs);
  }

  /** Wires the browser's own triggers. Returns a function that removes them. */
  listen(win: Window): () => void {
    const onVisible = () => {
      if (win.document.visibilityState === 'visible') this.trigger();
    };
    const onOnline = () => this.trigger();
    win.addEventListener('online', onOnline);
    win.document.addEventListener('visibilitychange', onVisible);
    return () => {
      win.removeEventListener('online', onOnline);
      win.document.removeEventListener('visibilitychange', onVisible);
    };
  }

  get failures(): number {
    return this.#failures;
  }

  async #loop(): Promise<void> {
    try {
      do {
        this.#again = false;
        try {
          await this.run();
          this.#failures = 0;
        } catch {
          this.#failures += 1;
          const delay = Math.min(this.#opts.maxBackoffMs, this.#opts.minBackoffMs * 2 ** (this.#failures - 1));
          this.#retry = this.#opts.setTimer(() => this.trigger(), delay);
          return;
        }
      } while (this.#again);
    } finally {
      this.#running = false;
    }
  }
}
