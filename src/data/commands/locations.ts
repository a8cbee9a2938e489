import type { LocationRecord } from '../../domain/locations';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** The shop floor's location id, creating "Shop floor" the first time stock needs a place. */
export async function ensureDefaultLocation(env: Env): Promise<string> {
  const all = (await env.db.locations.toArray()) as unknown as LocationRecord[];
  const floor = all.find((l) => l.values.kind === 'floor' && !l.values.archived) ?? all.find((l) => !l.values.archived);
  if (floor) return floor.id;
  const id = newId(env);
  await perform(env, 'location.save', { id, name: 'Shop floor', kind: 'floor' });
  return id;
}
