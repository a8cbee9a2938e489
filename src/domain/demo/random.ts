/**
 * A small seeded PRNG (mulberry32) for the demo shop: the same seed gives the same shop on every
 * machine. Never Math.random — the generator must be reproducible.
 */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** `count` distinct elements, in the list's order. */
  some<T>(list: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, list.length)) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((i) => list[i]!);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** 32 random bits as 8 hex digits. */
  hex8(): string {
    return Math.floor(this.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  }
}

const HEX = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Deterministic UUIDv7-shaped ids: a fixed timestamp plus a running counter keeps them in creation
 * order (the catalogue lists newest first by id), the random half comes from the seeded PRNG.
 */
export function idMaker(rng: Rng, baseMs: number): () => string {
  let n = 0;
  return () => {
    const ms = baseMs + Math.floor(n / 4096);
    const counter = n % 4096;
    n += 1;
    const t = HEX(ms, 12);
    const r1 = rng.hex8();
    const r2 = rng.hex8();
    const variant = HEX(0x8000 | (parseInt(r1.slice(0, 4), 16) & 0x3fff), 4);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${HEX(counter, 3)}-${variant}-${r1.slice(4)}${r2}`;
  };
}
