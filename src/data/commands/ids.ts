import { createIdGenerator, type Id } from '../../domain/ids';
import type { Env } from './perform';

const generators = new WeakMap<Env, () => Id>();

/** A new UUIDv7 for a record made on this device. */
export function newId(env: Env): Id {
  let next = generators.get(env);
  if (!next) {
    next = createIdGenerator(env.clock, env.random);
    generators.set(env, next);
  }
  return next();
}
