import { listCategories, listCollections } from '../queries/groups';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** The category with this name (any case), made on first use: staff type names, not ids. */
export async function ensureCategory(env: Env, name: string): Promise<{ id: string; code: string } | null> {
  const wanted = name.trim();
  if (!wanted) return null;
  const found = (await listCategories(env.db)).find((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (found) return { id: found.id, code: found.code || found.name };
  const id = newId(env);
  await perform(env, 'category.save', { id, name: wanted });
  return { id, code: wanted };
}

export async function ensureCollection(env: Env, name: string): Promise<string | null> {
  const wanted = name.trim();
  if (!wanted) return null;
  const found = (await listCollections(env.db)).find((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found.id;
  const id = newId(env);
  await perform(env, 'collection.save', { id, name: wanted });
  return id;
}
