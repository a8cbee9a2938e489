import type { RecordStore, StoredRecord } from '../../src/domain/sync/mutation';

/** A RecordStore in memory: what the device and the server both give a mutation's apply. */
export function memoryStore(): RecordStore & { all(table: string): StoredRecord[] } {
  const tables = new Map<string, Map<string, StoredRecord>>();
  const table = (name: string) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = new Map()));
    return t;
  };
  return {
    get: (name, id) => Promise.resolve(structuredClone(table(name).get(id))),
    put: (name, record) => {
      table(name).set(record.id, structuredClone(record));
      return Promise.resolve();
    },
    find: (name, field, value) =>
      Promise.resolve(
        [...table(name).values()].filter((r) => (Array.isArray(r[field]) ? (r[field] as unknown[]).includes(value) : r[field] === value)).map((r) => r.id),
      ),
    all: (name) => [...table(name).values()],
  };
}

let n = 0;
/** Metadata for a mutation applied at `wall` ms by `deviceId`. */
export function meta(wall: number, deviceId = 'dev-a') {
  n += 1;
  return { hlc: `${String(wall).padStart(15, '0')}-${(n % 0xffff).toString(16).padStart(4, '0')}-${deviceId}`, occurredAt: new Date(wall).toISOString(), deviceId };
}
