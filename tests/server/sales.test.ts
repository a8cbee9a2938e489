import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SaleRecord } from '../../src/domain/sale/types';
import type { Lot } from '../../src/domain/inventory/ledger';
import { STORE_VARIANTS } from './helpers/databases';
import { mutation, useSyncServer } from './helpers/sync';

// The server applies `sale.complete` with the same domain code as the device; its order of
// arrival decides the FIFO layers and so the final COGS (ARCHITECTURE §10).
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`sales on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('two registers’ sales consume the layers in the order the server receives them', async () => {
      const counter = await sync.pair('owner', 'Counter');
      const stall = await sync.pair('owner', 'Stall');
      const floor = randomUUID();
      const ring = randomUUID();
      const [lotA, lotB] = [randomUUID(), randomUUID()];
      // Received a day apart: FIFO order is by receipt time (UUIDv7 ids would break a tie; these are random).
      const receive = (id: number, lotId: string, quantity: number, unitCost: number, day: number) => ({
        ...mutation(id, 'stock.receive', {
          eventId: randomUUID(),
          lotId,
          itemId: ring,
          locationId: floor,
          quantity,
          unitCost,
          supplierId: null,
          source: 'manual',
        }),
        occurredAt: `2026-11-0${day}T10:00:00.000Z`,
      });
      const open = (id: number, registerCode: string) => {
        const shiftId = randomUUID();
        return {
          shiftId,
          m: mutation(id, 'shift.open', {
            shiftId,
            registerCode,
            locationId: floor,
            openingFloat: 5000,
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
                itemId: ring,
                pieceId: null,
                title: 'Ring',
                sku: 'RING-1',
                quantity: 3,
                unitPrice: 3000,
                priceOverridden: false,
                taxRateBp: 825,
                discount: null,
                eventId: randomUUID(),
                components: [],
              },
            ],
            saleDiscount: null,
            tenders: [{ id: randomUUID(), kind: 'card', amount: 9743, method: null, reference: null }],
            cashIncrement: 0,
          }),
        };
      };
      const shiftA = open(5, counter.registerCode);
      const setUp = await sync.pushOk(counter, [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(2, 'catalog.createProduct', {
          product: { id: randomUUID(), title: 'Ring' },
          items: [{ id: ring, sku: 'RING-1', price: 3000, tracking: 'quantity' }],
        }),
        receive(3, lotA, 2, 1000, 1),
        receive(4, lotB, 5, 1200, 2),
        shiftA.m,
      ]);
      expect(setUp.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
      // The stall's sale reaches the server first (it sold later, offline, but synced first).
      const shiftB = open(1, stall.registerCode);
      const stallSale = sell(2, shiftB.shiftId, `${stall.registerCode}-000001`);
      const counterSale = sell(6, shiftA.shiftId, `${counter.registerCode}-000001`);
      expect((await sync.pushOk(stall, [shiftB.m, stallSale.m])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect((await sync.pushOk(counter, [counterSale.m])).results.map((r) => r.status)).toEqual(['applied']);

      const records = (await sync.pullAll(counter)).flatMap((p) => [...p.records, ...p.events]);
      const sales = new Map(records.filter((r) => r.table === 'sales').map((r) => [r.id, r.data as unknown as SaleRecord]));
      expect(sales.get(stallSale.saleId)).toMatchObject({ total: 9743, taxTotal: 743, lines: [{ cogs: 2 * 1000 + 1200 }] });
      expect(sales.get(counterSale.saleId)).toMatchObject({ lines: [{ cogs: 3 * 1200 }] });
      const lots = records.filter((r) => r.table === 'lots').map((r) => r.data as unknown as Lot);
      expect(lots.map((l) => [l.id, l.qtyRemaining]).sort()).toEqual(
        [
          [lotA, 0],
          [lotB, 1],
        ].sort(),
      );
      const events = records.filter((r) => r.table === 'stockEvents' && (r.data as { type?: string }).type === 'sale');
      expect(events.map((e) => e.data['quantity'])).toEqual([-3, -3]);
    });

    it('a gift card sold on one register and overspent on two opens one case; its code cannot be sold again to another account', async () => {
      const counter = await sync.pair('owner', 'Counter');
      const stall = await sync.pair('owner', 'Stall');
      const floor = randomUUID();
      const chain = randomUUID();
      const card = randomUUID();
      const code = `GC-${counter.registerCode}-0A1B2C3D`;
      const open = (id: number, registerCode: string) => {
        const shiftId = randomUUID();
        return {
          shiftId,
          m: mutation(id, 'shift.open', {
            shiftId,
            registerCode,
            locationId: floor,
            openingFloat: 5000,
            staffId: null,
            businessDay: '2026-11-27',
          }),
        };
      };
      const line = (extra: Record<string, unknown>) => ({
        lineId: randomUUID(),
        pieceId: null,
        title: 'x',
        sku: 'x',
        quantity: 1,
        priceOverridden: false,
        taxRateBp: 0,
        discount: null,
        components: [],
        ...extra,
      });
      const sale = (id: number, shiftId: string, receiptNumber: string, lines: unknown[], tenders: unknown[]) => {
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
            lines,
            saleDiscount: null,
            tenders,
            cashIncrement: 0,
          }),
        };
      };
      const giftCard = (creditId: string, amount: number) =>
        line({
          itemId: creditId,
          title: `Gift card ${code}`,
          sku: 'GIFT-CARD',
          unitPrice: amount,
          eventId: null,
          giftCard: { creditId, code },
        });
      const spend = (id: number, shiftId: string, receiptNumber: string) =>
        sale(
          id,
          shiftId,
          receiptNumber,
          [line({ itemId: chain, unitPrice: 2500, eventId: randomUUID() })],
          [{ id: randomUUID(), kind: 'credit', amount: 2500, method: null, reference: code, creditId: card }],
        );

      const shiftA = open(4, counter.registerCode);
      const sold = sale(
        5,
        shiftA.shiftId,
        `${counter.registerCode}-000001`,
        [giftCard(card, 4000)],
        [{ id: randomUUID(), kind: 'cash', amount: 4000, method: null, reference: null }],
      );
      const setUp = await sync.pushOk(counter, [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(2, 'catalog.createProduct', {
          product: { id: randomUUID(), title: 'Chain' },
          items: [{ id: chain, sku: 'CHAIN-1', price: 2500, tracking: 'quantity' }],
        }),
        mutation(3, 'stock.receive', {
          eventId: randomUUID(),
          lotId: randomUUID(),
          itemId: chain,
          locationId: floor,
          quantity: 5,
          unitCost: 700,
          supplierId: null,
          source: 'manual',
        }),
        shiftA.m,
        sold.m,
      ]);
      expect(setUp.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);

      // Both registers saw 40.00 on the card and spent 25.00 of it while offline.
      const shiftB = open(1, stall.registerCode);
      expect(
        (await sync.pushOk(counter, [spend(6, shiftA.shiftId, `${counter.registerCode}-000002`).m])).results.map((r) => r.status),
      ).toEqual(['applied']);
      expect(
        (await sync.pushOk(stall, [shiftB.m, spend(2, shiftB.shiftId, `${stall.registerCode}-000001`).m])).results.map((r) => r.status),
      ).toEqual(['applied', 'applied']);
      // The stall also sold a card with the same code to a new account: the sale stands, a case opens.
      const clash = sale(
        3,
        shiftB.shiftId,
        `${stall.registerCode}-000002`,
        [giftCard(randomUUID(), 1000)],
        [{ id: randomUUID(), kind: 'cash', amount: 1000, method: null, reference: null }],
      );
      expect((await sync.pushOk(stall, [clash.m])).results.map((r) => r.status)).toEqual(['applied']);

      const records = (await sync.pullAll(counter)).flatMap((p) => [...p.records, ...p.events]);
      expect(records.filter((r) => r.table === 'credits').map((r) => r.data['code'])).toEqual([code, code]);
      const entries = records.filter((r) => r.table === 'creditEntries').map((r) => r.data['amount'] as number);
      expect(entries.sort((a, b) => a - b)).toEqual([-2500, -2500, 1000, 4000]);
      const cases = records.filter((r) => r.table === 'cases').map((r) => r.data);
      expect(cases).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: `credit-overspent:${card}`, type: 'credit-overspent', status: 'open' }),
          expect.objectContaining({ id: `duplicate-code:${code}`, type: 'duplicate-code', status: 'open' }),
        ]),
      );
      expect(cases).toHaveLength(2);
      expect(records.some((r) => r.table === 'sales' && r.id === clash.saleId)).toBe(true);
    });

    it('a sale whose payments do not cover it is rejected with the reason, and its id is used up', async () => {
      const device = await sync.pair('owner');
      const response = await sync.pushOk(device, [
        mutation(1, 'sale.complete', {
          saleId: randomUUID(),
          receiptNumber: 'R9-000001',
          shiftId: randomUUID(),
          businessDay: '2026-11-27',
          locationId: randomUUID(),
          staffId: null,
          approvedBy: null,
          customerId: null,
          taxMode: 'exclusive',
          lines: [
            {
              lineId: randomUUID(),
              itemId: randomUUID(),
              pieceId: null,
              title: 'x',
              sku: 'x',
              quantity: 1,
              unitPrice: 3000,
              priceOverridden: false,
              taxRateBp: 0,
              discount: null,
              eventId: randomUUID(),
              components: [],
            },
          ],
          saleDiscount: null,
          tenders: [{ id: randomUUID(), kind: 'cash', amount: 100, method: null, reference: null }],
          cashIncrement: 0,
        }),
      ]);
      expect(response.results).toEqual([expect.objectContaining({ id: 1, status: 'rejected', reason: 'tender-short' })]);
      expect(response.lastMutationId).toBe(1);
    });
  });
}
