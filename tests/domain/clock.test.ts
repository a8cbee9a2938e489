import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, clockOffset, clockSkew } from '../../src/domain/clock';

describe('device clock against the server’s', () => {
  it('takes the midpoint of the request as the moment the server answered', () => {
    expect(clockOffset(10_000, 1_000, 3_000)).toBe(8_000);
    expect(clockOffset(1_000, 5_000, 5_000)).toBe(-4_000);
  });

  it('says nothing within five minutes either way, and which way beyond', () => {
    expect(clockSkew(undefined)).toBeNull();
    expect(clockSkew(CLOCK_TOLERANCE_MS)).toBeNull();
    expect(clockSkew(-CLOCK_TOLERANCE_MS)).toBeNull();
    const threeDays = 3 * 24 * 60 * 60 * 1000;
    expect(clockSkew(-threeDays)).toEqual({ direction: 'ahead', ms: threeDays });
    expect(clockSkew(CLOCK_TOLERANCE_MS + 1)).toEqual({ direction: 'behind', ms: CLOCK_TOLERANCE_MS + 1 });
  });
});
