import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { levelsOf, type StockEvent } from '../../src/domain/inventory/ledger';
import type { CaseRecord } from '../../src/domain/cases';
import type { SaleRecord } from '../../src/domain/sale/types';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { mutation, useSyncServer, type SyncServer } from './helpers/sync';

/** The latest state of every record a device pulls. */
async function pulled(sync: SyncServer, device: PairResponse) {
  const latest = new Map<string, Record<string, unknown>>();
  for (const page of await sync.pullAll(device))
    for (const r of [...page.events, ...page.records]) latest.set(`${r.table}/${r.id}`, r.data);
  return (table: string) => [...latest].filter(([k]) => k.startsWith(`${table}/`)).map(([, v]) => v);
}

// Two registers sell the one-of-a-kind piece while offline, then push: the server keeps both
// sales (a sale is a fact), flags the one it applies later and opens exactly one case.
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a piece sold on two devices ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('both sales stand, the later is flagged, one case; a refund of one resolves it and on hand is 0', async () => {
      const counter = await sync.pair('owner', 'Counter');
      const stall = await sync.pair('owner', 'Stall');
      const [floor, ooak, piece] = [randomUUID(), randomUUID(), randomUUID()];
      await sync.pushOk(counter, [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(2, 'catalog.createProduct', {
          product: { id: randomUUID(), title: 'Sapphire ring' },
          items: [{ id: ooak, sku: 'OOAK-9', price: 89_000, cost: 41_000, tracking: 'piece' }],
        }),
        mutation(3, 'piece.receive', {
          pieceId: piece,
          eventId: randomUUID(),
          itemId: ooak,
          locationId: floor,
          serial: 'SR-1',
          cost: 41_000,
          source: 'manual',
        }),
      ]);
      await sync.pullAll(stall);
      const shift = (id: number, code: string) => {
        const shiftId = randomUUID();
        return {
          shiftId,
          m: mutation(id, 'shift.open', {
            shiftId,
            registerCode: code,
            locationId: floor,
            openingFloat: 0,
            staffId: null,
            businessDay: '2026-11-27',
          }),
        };
      };
      const sell = (id: number, shiftId: string, receiptNumber: string) => {
        const saleId = randomUUID();
        return {
          saleId,
          m: mutation(id, 'sale.complete', {
            saleId,
            receiptNumber,
            shiftId,
            businessDay: '2026-11-27',
            locationId: floor,
            staffId: null,
            approvedBy: null,
            customerId: null,
            taxMode: 'exclusive',
            lines: [
              {
                lineId: randomUUID(),
                itemId: ooak,
                pieceId: piece,
                title: 'Sapphire ring',
                sku: 'OOAK-9',
                quantity: 1,
                unitPrice: 89_000,
                priceOverridden: false,
                taxRateBp: 0,
                discount: null,
                eventId: randomUUID(),
                components: [],
              },
            ],
            saleDiscount: null,
            tenders: [{ id: randomUUID(), kind: 'card', amount: 89_000, method: null, reference: null }],
            cashIncrement: 0,
          }),
        };
      };
      const cShift = shift(4, 'C1');
      const sShift = shift(1, 'S2');
      const a = sell(5, cShift.shiftId, 'C1-000001');
      const b = sell(2, sShift.shiftId, 'S2-000001');
      // The stall pushes first: its sale is the earlier one in the server's order.
      const first = await sync.pushOk(stall, [sShift.m, b.m]);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const later = await sync.pushOk(counter, [cShift.m, a.m]);
      expect(later.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      // A duplicate delivery changes nothing.
      expect((await sync.pushOk(counter, [a.m])).results[0]!.status).toBe('duplicate');

      for (const device of [counter, stall]) {
        const of = await pulled(sync, device);
        const sales = of('sales') as unknown as SaleRecord[];
        expect(sales.map((s) => [s.receiptNumber, s.flagged]).sort()).toEqual([
          ['C1-000001', 'piece-oversold'],
          ['S2-000001', null],
        ]);
        const cases = of('cases') as unknown as CaseRecord[];
        expect(cases).toHaveLength(1);
        expect(cases[0]).toMatchObject({ id: `piece-oversold:${piece}`, status: 'open', flaggedSales: [a.saleId] });
        expect(cases[0]!.concerns).toEqual([`pieces/${piece}`, `items/${ooak}`, `sales/${b.saleId}`, `sales/${a.saleId}`]);
        const events = (of('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === ooak);
        expect(levelsOf(events).reduce((s, l) => s + l.onHand, 0)).toBe(-1);
      }

      // The counter's manager refunds the counter's (flagged) sale to its card.
      const saleA = ((await pulled(sync, counter))('sales') as unknown as SaleRecord[]).find((s) => s.id === a.saleId)!;
      const returnId = randomUUID();
      const resolved = await sync.pushOk(counter, [
        mutation(6, 'case.resolve', {
          id: `piece-oversold:${piece}`,
          resolution: 'refunded',
          note: 'Refunded the second customer',
          refund: {
            returnId,
            kind: 'return',
            saleId: a.saleId,
            shiftId: cShift.shiftId,
            businessDay: '2026-11-27',
            staffId: null,
            approvedBy: null,
            customerId: null,
            reason: 'Sold twice',
            taxMode: 'exclusive',
            lines: [
              {
                saleLineId: saleA.lines[0]!.lineId,
                itemId: ooak,
                pieceId: piece,
                quantity: 1,
                locationId: floor,
                eventIds: [randomUUID()],
              },
            ],
            refunds: [{ kind: 'card', amount: 89_000, method: null, reference: null, creditId: null }],
            newCredit: null,
          },
        }),
      ]);
      expect(resolved.results[0]!.status).toBe('applied');
      for (const device of [counter, stall]) {
        const of = await pulled(sync, device);
        const cases = of('cases') as unknown as CaseRecord[];
        expect(cases).toHaveLength(1);
        expect(cases[0]).toMatchObject({ status: 'resolved', resolution: 'refunded', records: [`returns/${returnId}`] });
        const events = (of('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === ooak);
        expect(levelsOf(events).reduce((s, l) => s + l.onHand, 0)).toBe(0);
      }
    });
  });
}
