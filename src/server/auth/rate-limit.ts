/**
 * Counts failures per key (a remote address) in a sliding window, in memory: a restart forgets
 * them, which is fine for slowing down guessing of 8-character pairing codes.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  retryAfterSeconds(key: string): number {
    const recent = this.#recent(key);
    if (recent.length < this.max) return 0;
    const oldest = recent[recent.length - this.max] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const recent = this.#recent(key);
    recent.push(this.now());
    this.#failures.set(key, recent);
    // Bound memory when many addresses fail: forget the ones whose window has passed.
    if (this.#failures.size > 10_000) {
      for (const other of [...this.#failures.keys()]) if (this.#recent(other).length === 0) this.#failures.delete(other);
    }
  }

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.#failures.get(key) ?? []).filter((at) => at > since);
  }
}
