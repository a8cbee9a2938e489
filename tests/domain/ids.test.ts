import { describe, expect, it } from 'vitest';
import { createIdGenerator, idTime, isId } from '../../src/domain/ids';
import { ManualClock } from '../../src/domain/clock';

const random = (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes);

describe('UUIDv7 ids', () => {
  it('are valid v7 UUIDs carrying their creation time', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 9, 30));
    const id = createIdGenerator(clock, random)();
    expect(isId(id)).toBe(true);
    expect(idTime(id)).toBe(clock.now());
  });

  it('sort in creation order within one millisecond and when the clock steps back', () => {
    const clock = new ManualClock(1_800_000_000_000);
    const next = createIdGenerator(clock, random);
    const ids = [];
    for (let i = 0; i < 5000; i += 1) {
      if (i === 2500) clock.set(1_700_000_000_000); // clock stepped back
      ids.push(next());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('isId refuses other strings', () => {
    expect(isId('not-an-id')).toBe(false);
    expect(isId('0190b6a2-3c4d-4e5f-8a6b-7c8d9e0f1a2b')).toBe(false); // v4 nibble
  });
});
