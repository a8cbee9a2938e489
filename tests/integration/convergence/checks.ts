import { expect } from 'vitest';
import { syncedTables } from '../../../src/data/sync-store';
import { levelsOf, type StockEvent } from '../../../src/domain/inventory/ledger';
import type { SimDevice, World } from './world';

type Row = { id: string } & Record<string, unknown>;

const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function deviceTables(device: SimDevice): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of syncedTables(device.env.db)) {
    const rows = (await device.env.db.table(table).toArray()) as Row[];
    if (rows.length > 0) out[table] = rows.sort(byId);
  }
  return out;
}

async function serverTables(world: World): Promise<Record<string, Row[]>> {
  const rows = await world.server.store.db.selectFrom('records').select(['tbl', 'id', 'data']).execute();
  const out: Record<string, Row[]> = {};
  for (const row of rows) (out[row.tbl] ??= []).push(JSON.parse(row.data) as Row);
  for (const list of Object.values(out)) list.sort(byId);
  return out;
}

const key = (l: { itemId: string; locationId: string }) => `${l.itemId}@${l.locationId}`;

/** Stock levels as a sorted list of item@location → on hand (zeroes left out). */
function levelsMap(levels: readonly { itemId: string; locationId: string; onHand: number }[]): [string, number][] {
  return levels
    .filter((l) => l.onHand !== 0)
    .map((l) => [key(l), l.onHand] as [string, number])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * What must hold once everyone has synced: every device holds exactly the server's records in
 * every synced table and nothing queued, each sale made anywhere is on the server exactly once
 * (one record, one applied `sale.complete`), and each device's stock projection equals a fresh
 * sum of its ledger.
 */
export async function assertConverged(world: World): Promise<void> {
  const server = await serverTables(world);
  for (const device of world.devices) {
    expect(await device.env.db.outbox.toArray(), `${device.name}'s outbox`).toEqual([]);
    const tables = await deviceTables(device);
    // Every table the server holds is one the device syncs (else the comparison would miss it).
    expect(Object.keys(server).filter((t) => !syncedTables(device.env.db).includes(t))).toEqual([]);
    expect(tables, `${device.name}'s synced tables equal the server's records`).toEqual(server);
  }

  // Every sale counted exactly once.
  const made = world.devices.flatMap((d) => d.salesMade).sort();
  expect(new Set(made).size, 'sale ids are unique').toBe(made.length);
  expect((server['sales'] ?? []).map((s) => s.id).sort(), 'the server holds every sale made, once').toEqual(made);
  const applied = await world.server.store.db.selectFrom('mutations').select(['status']).where('name', '=', 'sale.complete').execute();
  expect(
    applied.filter((m) => m.status === 'applied' || m.status === 'flagged'),
    'one applied sale.complete per sale',
  ).toHaveLength(made.length);
  expect(
    applied.filter((m) => m.status === 'rejected'),
    'no sale is ever refused',
  ).toEqual([]);
  for (const d of world.devices) expect(d.rejected.filter((r) => r.name === 'sale.complete')).toEqual([]);

  // Each sale line's stock event is in the ledger once (a sale took stock once).
  const events = (server['stockEvents'] ?? []) as unknown as (StockEvent & { id: string })[];
  const saleEvents = events.filter((e) => e.type === 'sale');
  const expectedSaleEvents = (server['sales'] ?? []).flatMap((s) =>
    (s['lines'] as { eventId: string | null; components: { eventId: string }[] }[]).flatMap((l) => [
      ...(l.eventId ? [l.eventId] : []),
      ...l.components.map((c) => c.eventId),
    ]),
  );
  expect(saleEvents.map((e) => e.id).sort()).toEqual(expectedSaleEvents.sort());

  // rebuild == incremental: each device's projection is the sum of its (= the server's) ledger.
  const rebuilt = levelsMap(levelsOf(events));
  for (const device of world.devices) {
    const projected = (await device.env.db.stockLevels.toArray()) as unknown as { itemId: string; locationId: string; onHand: number }[];
    expect(levelsMap(projected), `${device.name}'s stock levels are the sum of the ledger`).toEqual(rebuilt);
  }
}
