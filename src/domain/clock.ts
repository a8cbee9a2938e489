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

/** How far a device clock may run from the server's before the device is told (§10; same as the HLC drift). */
export const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Server clock minus the device clock, from one request: the server answered at `serverTime`,
 * somewhere between the device's `sentAt` and `receivedAt`, so its midpoint is the best guess.
 */
export function clockOffset(serverTime: number, sentAt: number, receivedAt: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}

/** What to tell the person about the device clock: nothing within tolerance, else how far and which way. */
export function clockSkew(offsetMs: number | undefined): { direction: 'ahead' | 'behind'; ms: number } | null {
  if (offsetMs === undefined || Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS) return null;
  // A positive offset means the server is later: this device runs behind.
  return { direction: offsetMs > 0 ? 'behind' : 'ahead', ms: Math.abs(offsetMs) };
}
