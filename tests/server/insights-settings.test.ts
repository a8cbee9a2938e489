import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CountRecord } from '../../src/domain/inventory/count';
import type { Mutation } from '../../src/domain/sync/mutation';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { hlcAt, mutation as baseMutation, useSyncServer, type SyncServer } from './helpers/sync';

let wall = Date.now() - 60_000;
const mutation = (id: number, name: string, args: unknown, options: { v?: number } = {}): Mutation =>
  baseMutation(id, name, args, { ...options, hlc: hlcAt('test', (wall += 1)) });

async function latest(sync: SyncServer, device: PairResponse) {
  const all = (await sync.pullAll(device)).flatMap((p) => [...p.records, ...p.events]);
  const map = new Map<string, Record<string, unknown>>();
  for (const r of all) map.set(`${r.table}/${r.id}`, r.data);
  return (table: string) => [...map].filter(([k]) => k.startsWith(`${table}/`)).map(([, v]) => v);
}

// Issue 9: the Insights bands, ABC settings and count schedule are shop settings (owner-only,
// validated by the same schema on the server), and a count planned by ABC class carries its items.
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`Insights settings and ABC-class counts on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('applies the new settings fields; refuses a band with low ≥ high and classes not adding up to 100; staff devices may not', async () => {
      const owner = await sync.pair('owner', 'Back office');
      const staff = await sync.pair('staff', 'Till');
      const ok = await sync.pushOk(owner, [
        mutation(1, 'settings.update', {
          patch: {
            turnoverBand: { low: 3, high: 7.5 },
            dsiBand: { healthyMax: 100, warningFrom: 150 },
            abcThresholds: { a: 70, b: 20, c: 10 },
            abcBasis: 'margin',
            countEveryDays: { A: 14, B: 60, C: 365 },
            markdownPct: 20,
            seasonEndWeeks: 6,
          },
        }),
        mutation(2, 'settings.update', { patch: { turnoverBand: { low: 8, high: 7 } } }),
        mutation(3, 'settings.update', { patch: { abcThresholds: { a: 80, b: 15, c: 10 } } }),
        mutation(4, 'settings.update', { patch: { markdownPct: 95 } }),
      ]);
      expect(ok.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected']);
      expect(ok.results[1]).toMatchObject({ reason: 'invalid-args' });
      const fromStaff = await sync.pushOk(staff, [mutation(1, 'settings.update', { patch: { abcBasis: 'revenue' } })]);
      expect(fromStaff.results[0]).toMatchObject({ status: 'rejected' });
      const [settings] = (await latest(sync, owner))('settings') as { values: Record<string, unknown> }[];
      expect(settings!.values).toMatchObject({
        turnoverBand: { low: 3, high: 7.5 },
        dsiBand: { healthyMax: 100, warningFrom: 150 },
        abcThresholds: { a: 70, b: 20, c: 10 },
        abcBasis: 'margin',
        countEveryDays: { A: 14, B: 60, C: 365 },
        markdownPct: 20,
        seasonEndWeeks: 6,
      });
    });

    it('count.open v2 by ABC class stores the items it covers; a v1 row still applies', async () => {
      const owner = await sync.pair('owner', 'Back office');
      const [floor, a1, a2, abcCount, fullCount] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const res = await sync.pushOk(owner, [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(
          2,
          'count.open',
          {
            countId: abcCount,
            name: 'Class A count',
            scope: 'abc',
            refId: null,
            locationId: floor,
            blind: true,
            abcClass: 'A',
            itemIds: [a2, a1],
          },
          { v: 2 },
        ),
        mutation(
          3,
          'count.open',
          { countId: fullCount, name: 'Full', scope: 'full', refId: null, locationId: floor, blind: false },
          { v: 1 },
        ),
        // An ABC count without its items is refused (every device must count the same items).
        mutation(
          4,
          'count.open',
          { countId: randomUUID(), name: 'x', scope: 'abc', refId: null, locationId: floor, blind: true, abcClass: 'B' },
          { v: 2 },
        ),
      ]);
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
      const counts = (await latest(sync, owner))('counts') as unknown as CountRecord[];
      expect(counts.find((c) => c.id === abcCount)!.scope).toEqual({ kind: 'abc', refId: null, abcClass: 'A', itemIds: [a1, a2].sort() });
      expect(counts.find((c) => c.id === fullCount)!.scope).toEqual({ kind: 'full', refId: null });
    });
  });
}
