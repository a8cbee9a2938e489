import { TroveDb } from '../../src/data/db';
import { ManualClock } from '../../src/domain/clock';
import type { Env } from '../../src/data/commands/perform';
import type { SchemaVersion } from '../../src/data/schema';
import { Rng } from '../../src/domain/demo/random';

let counter = 0;

/** A fresh, uniquely named database with a controllable clock (fake-indexeddb in Node). */
export function testEnv(versions?: SchemaVersion[]): Env & { clock: ManualClock; name: string } {
  counter += 1;
  const name = `trove-test-${counter}-${Math.random().toString(36).slice(2)}`;
  return {
    name,
    db: new TroveDb(name, versions),
    clock: new ManualClock(Date.UTC(2026, 10, 27, 9, 0)),
    random: (bytes) => crypto.getRandomValues(bytes),
  };
}

/** Same seed, same random bytes (the demo shop's mulberry32): two devices making the same choices. */
export function seededRandom(seed: number): Env['random'] {
  const rng = new Rng(seed);
  return (bytes) => {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = rng.int(0, 255);
    return bytes;
  };
}

/** Every table's rows: to compare two devices' databases as a whole. */
export async function dumpDb(env: Env): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(await Promise.all(env.db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}
