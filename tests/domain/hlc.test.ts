import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Hlc, MAX_DRIFT_MS } from '../../src/domain/hlc';
import { isDomainError } from '../../src/domain/errors';

describe('hybrid logical clock', () => {
  it('ticks forward with the wall clock and counts when the wall clock stalls or steps back', () => {
    let h = Hlc.zero('a');
    h = Hlc.tick(h, 1000);
    expect(h).toEqual({ wall: 1000, counter: 0, node: 'a' });
    h = Hlc.tick(h, 1000);
    expect(h).toEqual({ wall: 1000, counter: 1, node: 'a' });
    h = Hlc.tick(h, 900); // clock stepped back
    expect(h).toEqual({ wall: 1000, counter: 2, node: 'a' });
  });

  it('after receiving, the next local event sorts after the remote one', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 100 }),
        fc.nat({ max: 1e6 }),
        (localWall, remoteWall, remoteCounter, now) => {
          const local = { wall: localWall, counter: 0, node: 'a' };
          const remote = { wall: remoteWall, counter: remoteCounter, node: 'b' };
          if (remote.wall - now > MAX_DRIFT_MS) return;
          const merged = Hlc.receive(local, remote, now);
          expect(Hlc.compare(merged, remote)).toBeGreaterThan(0);
          expect(Hlc.compare(merged, local)).toBeGreaterThan(0);
          expect(Hlc.compare(Hlc.tick(merged, now), merged)).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('refuses a remote clock far ahead, and clamp limits it', () => {
    const remote = { wall: 10 * 60_000, counter: 3, node: 'b' };
    try {
      Hlc.receive(Hlc.zero('a'), remote, 0);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'hlc-drift')).toBe(true);
    }
    expect(Hlc.clamp(remote, 0)).toEqual({ hlc: { wall: 0, counter: 0, node: 'b' }, clamped: true });
    expect(Hlc.clamp(remote, remote.wall).clamped).toBe(false);
  });

  it('string form round-trips and sorts like compare', () => {
    const arb = fc.record({ wall: fc.nat({ max: 4e12 }), counter: fc.nat({ max: 0xffff }), node: fc.constantFrom('dev-a', 'dev-b') });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(Hlc.parse(Hlc.format(a))).toEqual(a);
        const byString = Hlc.format(a) < Hlc.format(b) ? -1 : Hlc.format(a) > Hlc.format(b) ? 1 : 0;
        expect(Math.sign(Hlc.compare(a, b))).toBe(byString);
      }),
    );
  });
});
