import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { levelsOf, type StockEvent } from '../../src/domain/inventory/ledger';
import type { CountRecord } from '../../src/domain/inventory/count';
import type { StaffPin } from '../../src/domain/staff';
import type { Mutation } from '../../src/domain/sync/mutation';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { hlcAt, mutation as baseMutation, useSyncServer, type SyncServer } from './helpers/sync';

const PIN: StaffPin = { algorithm: 'PBKDF2-SHA256', iterations: 210_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(43) + '=' };
let wall = Date.now() - 60_000;
const mutation = (id: number, name: string, args: unknown, options: { v?: number } = {}): Mutation =>
  baseMutation(id, name, args, { ...options, hlc: hlcAt('test', (wall += 1)) });
const by = (staffId: string | null, m: Mutation): Mutation => ({ ...m, staffId });

async function latest(sync: SyncServer, device: PairResponse) {
  const all = (await sync.pullAll(device)).flatMap((p) => [...p.records, ...p.events]);
  const map = new Map<string, Record<string, unknown>>();
  for (const r of all) map.set(`${r.table}/${r.id}`, r.data);
  return (table: string) => [...map].filter(([k]) => k.startsWith(`${table}/`)).map(([, v]) => v);
}

// Counting is for anyone; planning and applying a count are a manager's (§10: count approvals under
// a cashier are rejected by the server, whatever the device let through).
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`cycle counts on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('a cashier records counts but cannot apply (role-forbidden); the manager’s apply writes the variance', async () => {
      const owner = await sync.pair('owner', 'Back office');
      const [margot, nadia, leo] = [randomUUID(), randomUUID(), randomUUID()];
      const [floor, ring, countId, lineA, lineB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      let n = 0;
      const next = () => (n += 1);
      const setup = await sync.pushOk(owner, [
        by(null, mutation(next(), 'staff.save', { id: margot, name: 'Margot', role: 'owner', pin: PIN })),
        by(margot, mutation(next(), 'staff.save', { id: nadia, name: 'Nadia', role: 'manager', pin: PIN })),
        by(margot, mutation(next(), 'staff.save', { id: leo, name: 'Leo', role: 'cashier', pin: PIN })),
        by(margot, mutation(next(), 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 })),
        by(
          margot,
          mutation(next(), 'catalog.createProduct', {
            product: { id: randomUUID(), title: 'Ring' },
            items: [{ id: ring, sku: 'RING-C1', price: 3000, cost: 900, tracking: 'quantity' }],
          }),
        ),
        by(
          margot,
          mutation(next(), 'stock.receive', {
            eventId: randomUUID(),
            lotId: randomUUID(),
            itemId: ring,
            locationId: floor,
            quantity: 5,
            unitCost: 1000,
            supplierId: null,
            source: 'manual',
          }),
        ),
      ]);
      expect(setup.results.every((r) => r.status === 'applied')).toBe(true);

      const cashierOpens = await sync.pushOk(owner, [
        by(
          leo,
          mutation(next(), 'count.open', { countId: randomUUID(), name: 'x', scope: 'full', refId: null, locationId: floor, blind: true }),
        ),
      ]);
      expect(cashierOpens.results[0]).toMatchObject({ status: 'rejected', reason: 'role-forbidden' });

      const counting = await sync.pushOk(owner, [
        by(
          nadia,
          mutation(next(), 'count.open', { countId, name: 'Rings', scope: 'location', refId: null, locationId: floor, blind: true }),
        ),
        by(leo, mutation(next(), 'count.record', { kind: 'scan', countId, lineId: lineA, zone: 'Case 1', itemId: ring })),
        by(leo, mutation(next(), 'count.record', { kind: 'scan', countId, lineId: lineA, zone: 'Case 1', itemId: ring })),
        by(leo, mutation(next(), 'count.record', { kind: 'set', countId, lineId: lineB, zone: 'Back shelf', itemId: ring, quantity: 1 })),
        by(leo, mutation(next(), 'count.record', { kind: 'unknown', countId, zone: 'Case 1', code: 'NOPE-1' })),
      ]);
      expect(counting.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);

      const apply = (staffId: string) => by(staffId, mutation(next(), 'count.apply', { countId, choices: [], zeroes: [] }));
      const cashierApplies = await sync.pushOk(owner, [apply(leo)]);
      expect(cashierApplies.results[0]).toMatchObject({ status: 'rejected', reason: 'role-forbidden' });
      let of = await latest(sync, owner);
      expect((of('counts')[0] as unknown as CountRecord).status).toBe('open');

      const managerApplies = await sync.pushOk(owner, [apply(nadia), apply(nadia)]);
      expect(managerApplies.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      of = await latest(sync, owner);
      const count = of('counts')[0] as unknown as CountRecord;
      expect(count).toMatchObject({ status: 'applied', unknownCodes: [expect.objectContaining({ code: 'NOPE-1', zone: 'Case 1' })] });
      const events = (of('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === ring);
      // 2 + 1 counted against 5: −2, at the oldest layer's 10.00.
      expect(events.filter((e) => e.type === 'count')).toEqual([
        expect.objectContaining({ quantity: -2, cost: 2000, expense: 'shrinkage' }),
      ]);
      expect(levelsOf(events)).toEqual([{ itemId: ring, locationId: floor, onHand: 3 }]);
    });
  });
}
