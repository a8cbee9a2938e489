import { DomainError } from './errors';
import { CLOCK_TOLERANCE_MS } from './clock';

/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter plus the node
 * (device) id. It orders events across devices even when their clocks disagree a little, and
 * its string form sorts lexicographically in that order.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

/** How far ahead of the receiver a timestamp may be before it is clamped and flagged. */
export const MAX_DRIFT_MS = CLOCK_TOLERANCE_MS;
const MAX_COUNTER = 0xffff;

export const Hlc = {
  zero(node: string): Hlc {
    return { wall: 0, counter: 0, node };
  },

  /** Timestamp for a local event. */
  tick(local: Hlc, nowMs: number): Hlc {
    if (nowMs > local.wall) return { wall: nowMs, counter: 0, node: local.node };
    return bump(local.wall, local.counter, local.node);
  },

  /**
   * Merges a timestamp received from elsewhere so that what happens next sorts after it. A
   * remote wall time more than MAX_DRIFT_MS ahead of our clock is rejected (`hlc-drift`): the
   * caller decides whether to clamp it and flag the sender ("clock wrong").
   */
  receive(local: Hlc, remote: Hlc, nowMs: number): Hlc {
    if (remote.wall - nowMs > MAX_DRIFT_MS) {
      throw new DomainError('hlc-drift', 'Clock is too far ahead', { remote: remote.wall, now: nowMs });
    }
    const wall = Math.max(local.wall, remote.wall, nowMs);
    if (wall === local.wall && wall === remote.wall) {
      return bump(wall, Math.max(local.counter, remote.counter), local.node);
    }
    if (wall === local.wall) return bump(wall, local.counter, local.node);
    if (wall === remote.wall) return bump(wall, remote.counter, local.node);
    return { wall, counter: 0, node: local.node };
  },

  /**
   * A remote timestamp more than MAX_DRIFT_MS ahead of `nowMs` comes from a wrong clock: it is
   * clamped to `nowMs` itself — the edit really happened no later than it arrived — so an edit a
   * correct device makes after that instant wins, however far ahead the wrong clock runs.
   */
  clamp(remote: Hlc, nowMs: number): { hlc: Hlc; clamped: boolean } {
    if (remote.wall - nowMs <= MAX_DRIFT_MS) return { hlc: remote, clamped: false };
    return { hlc: { ...remote, wall: nowMs, counter: 0 }, clamped: true };
  },

  compare(a: Hlc, b: Hlc): number {
    return a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
  },

  /** `000001732680000000-0000-<node>`: fixed width, so string order == HLC order. */
  format(h: Hlc): string {
    return `${h.wall.toString().padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
  },

  parse(text: string): Hlc {
    const match = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(text);
    if (!match) throw new DomainError('hlc-invalid', `"${text}" is not an HLC timestamp`, { text });
    return { wall: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
  },
};

function bump(wall: number, counter: number, node: string): Hlc {
  if (counter >= MAX_COUNTER) {
    // Counter overflow: move the logical wall forward a millisecond rather than wrap.
    return { wall: wall + 1, counter: 0, node };
  }
  return { wall, counter: counter + 1, node };
}
