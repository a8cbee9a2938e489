/**
 * Time comes in through this interface so domain code stays pure and tests control the clock.
 * Only the edges (data, state, server) construct a real one.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
