import { TroveDb } from '../../src/data/db';
import { ManualClock } from '../../src/domain/clock';
import type { Env } from '../../src/data/commands/perform';
import type { SchemaVersion } from '../../src/data/schema';

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
