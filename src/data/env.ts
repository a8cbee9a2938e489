import { getDb } from './db';
import type { Env } from './commands/perform';

let env: Env | undefined;

/** The real environment: the shared database, the wall clock and the platform's randomness. */
export function appEnv(): Env {
  env ??= {
    db: getDb(),
    clock: { now: () => Date.now() },
    random: (bytes) => crypto.getRandomValues(bytes),
  };
  return env;
}
