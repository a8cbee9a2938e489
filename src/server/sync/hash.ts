import type { Mutation } from '../../domain/sync/mutation';
import { sha256Hex } from '../auth/secrets';

/**
 * JSON with object keys sorted at every level, so the same mutation hashes the same whatever key
 * order the device's JSON encoder used. Input comes from JSON.parse: no undefined, no cycles.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const entries = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Identity of a mutation's payload: the same (device, id) with another hash is a conflict. Who
 * recorded it is part of it (resending a change under someone else is a conflict), but only when
 * someone is named: a null or absent staffId hashes as it did before the field existed, so a row
 * an older app pushed still matches when a newer one resends it with `staffId: null`.
 */
export function mutationHash(mutation: Mutation): string {
  const { name, v, args, hlc, occurredAt } = mutation;
  const staffId = mutation.staffId ?? undefined;
  return sha256Hex(canonicalJson({ name, v, args, hlc, occurredAt, staffId }));
}
