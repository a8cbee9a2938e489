import type { Clock } from './clock';

/** A UUIDv7 string (RFC 9562): time-ordered, made on the device, never reused. */
export type Id = string & { readonly __brand: 'Id' };

/** Fills a buffer with random bytes; the edges pass `crypto.getRandomValues`. */
export type RandomSource = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Makes UUIDv7 ids. Within one millisecond the 12-bit `rand_a` field is a counter (RFC 9562
 * §6.2 method 1) so ids made in a burst still sort in creation order; if the clock steps back, the
 * last timestamp is kept so order never breaks.
 */
export function createIdGenerator(clock: Clock, random: RandomSource): () => Id {
  let lastMs = -1;
  let counter = 0;
  return () => {
    const bytes = random(new Uint8Array(16));
    let ms = clock.now();
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // Counter exhausted within one ms: borrow the next millisecond.
        ms = lastMs + 1;
        counter = 0;
      }
    } else {
      counter = ((bytes[6]! & 0x0f) << 8) | bytes[7]!;
      counter &= 0x7ff; // leave headroom for the burst counter
    }
    lastMs = ms;
    // 48-bit big-endian timestamp.
    let t = ms;
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    let s = '';
    for (let i = 0; i < 16; i += 1) {
      s += HEX[bytes[i]!]!;
      if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
    }
    return s as Id;
  };
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isId(value: unknown): value is Id {
  return typeof value === 'string' && UUID_V7.test(value);
}

/** The millisecond timestamp an id was made at. */
export function idTime(id: Id): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
