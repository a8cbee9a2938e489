import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../src/domain/sync/registry';
import { refundFor } from '../../src/domain/sale/returns';
import type { ZReportRecord } from '../../src/domain/sale/shift-close';
import type { SaleRecord } from '../../src/domain/sale/types';
import type { Mutation } from '../../src/domain/sync/mutation';
import { memoryStore } from '../factories/memory-store';
import { STORE_VARIANTS } from './helpers/databases';
import { mutation, useSyncServer } from './helpers/sync';

// `shift.close` computes the Z report inside `apply` from the records it finds by shift id. The
// server runs that same code on its own copy of the shift's sales, returns and cash movements, so
// the Z it stores (and every device pulls) has the very figures the closing device froze.
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`closing a shift on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('the server’s Z report equals the device’s for the same mutations', async () => {
      const device = await sync.pair('owner', 'Counter');
      const code = device.registerCode;
      const floor = randomUUID();
      const ring = randomUUID();
      const shiftId = randomUUID();
      const zReportId = randomUUID();
      const [saleA, saleB] = [randomUUID(), randomUUID()];
      const ringLine = randomUUID();
      const line = (lineId: string, quantity: number, discount: unknown = null) => ({
        lineId,
        itemId: ring,
        pieceId: null,
        title: 'Ring',
        sku: 'RING-1',
        quantity,
        unitPrice: 3000,
        priceOverridden: false,
        taxRateBp: 825,
        discount,
        eventId: randomUUID(),
        components: [],
      });
      const sale = (saleId: string, n: number, lines: unknown[], tenders: unknown[]) => ({
        saleId,
        receiptNumber: `${code}-00000${n}`,
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
        cashIncrement: 5,
      });
      const tender = (kind: string, amount: number) => ({ id: randomUUID(), kind, amount, method: null, reference: null });

      const mutations: Mutation[] = [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(2, 'catalog.createProduct', {
          product: { id: randomUUID(), title: 'Ring' },
          items: [{ id: ring, sku: 'RING-1', price: 3000, tracking: 'quantity' }],
        }),
        mutation(3, 'stock.receive', {
          eventId: randomUUID(),
          lotId: randomUUID(),
          itemId: ring,
          locationId: floor,
          quantity: 10,
          unitCost: 1000,
          supplierId: null,
          source: 'manual',
        }),
        mutation(4, 'shift.open', {
          shiftId,
          registerCode: code,
          locationId: floor,
          openingFloat: 10_000,
          staffId: null,
          businessDay: '2026-11-27',
        }),
        // 2 × 30.00, 10 % off → 54.00 + 8.25 % (4.455 → 4.46) = 58.46; cash 60.00 → 58.45 (rounded), 1.55 change.
        mutation(
          5,
          'sale.complete',
          sale(saleA, 1, [line(ringLine, 2, { kind: 'percent', bp: 1000, reason: 'Loyalty' })], [tender('cash', 6000)]),
        ),
        // 30.00 + 2.48 tax = 32.48: 20.00 on card, 12.48 → 12.50 in cash.
        mutation(6, 'sale.complete', sale(saleB, 2, [line(randomUUID(), 1)], [tender('card', 2000), tender('cash', 1250)])),
        mutation(7, 'cash.move', { id: randomUUID(), shiftId, kind: 'in', amount: 2000, reason: 'Change from the bank', staffId: null }),
        mutation(8, 'cash.move', { id: randomUUID(), shiftId, kind: 'out', amount: 500, reason: 'Window cleaner', staffId: null }),
      ];

      // The device: the same mutations applied in order to its own store.
      const local = memoryStore();
      const applyLocally = async (list: Mutation[]) => {
        for (const m of list)
          await applyMutation(local, m.name, m.v, m.args, { hlc: m.hlc, occurredAt: m.occurredAt, deviceId: device.deviceId });
      };
      await applyLocally(mutations);
      // One ring of sale A comes back, refunded in cash at its stored share of the line.
      const stored = (await local.get('sales', saleA)) as unknown as SaleRecord;
      const refund = refundFor(stored, [], [{ saleLineId: ringLine, quantity: 1 }]);
      const after: Mutation[] = [
        mutation(9, 'return.create', {
          returnId: randomUUID(),
          kind: 'return',
          saleId: saleA,
          shiftId,
          businessDay: '2026-11-27',
          staffId: null,
          approvedBy: null,
          customerId: null,
          reason: 'Too small',
          taxMode: 'exclusive',
          lines: [{ saleLineId: ringLine, itemId: ring, pieceId: null, quantity: 1, locationId: floor, eventIds: [randomUUID()] }],
          refunds: [{ kind: 'cash', amount: refund, method: null, reference: null, creditId: null }],
          newCredit: null,
        }),
        // Expected 100.00 + 58.45 + 12.50 − refund + 20.00 − 5.00; counted 1.00 less.
        mutation(10, 'shift.close', { shiftId, zReportId, countedCash: 10_000 + 5845 + 1250 - refund + 2000 - 500 - 100, closedBy: null }),
      ];
      await applyLocally(after);
      const deviceZ = (await local.get('zReports', zReportId)) as unknown as ZReportRecord;
      expect(deviceZ.report.returns).toMatchObject({ count: 1, total: refund });
      expect(deviceZ.report.cash.expected).toBe(10_000 + 5845 + 1250 - refund + 2000 - 500);
      expect(deviceZ.overShort).toBe(-100);

      const response = await sync.pushOk(device, [...mutations, ...after]);
      expect(response.results.map((r) => r.status)).toEqual(Array(10).fill('applied'));

      const records = (await sync.pullAll(device)).flatMap((p) => [...p.records, ...p.events]);
      const serverZ = records.find((r) => r.table === 'zReports' && r.id === zReportId)?.data as unknown as ZReportRecord | undefined;
      expect(serverZ).toEqual(deviceZ);
      expect(records.find((r) => r.table === 'shifts' && r.id === shiftId)?.data).toMatchObject({ status: 'closed' });
      expect(records.filter((r) => r.table === 'cashMovements')).toHaveLength(2);
    });

    it('a second close of the same shift is rejected with its reason, and so is cash moved after it', async () => {
      const device = await sync.pair('owner', 'Stall');
      const shiftId = randomUUID();
      const response = await sync.pushOk(device, [
        mutation(1, 'shift.open', {
          shiftId,
          registerCode: device.registerCode,
          locationId: randomUUID(),
          openingFloat: 0,
          staffId: null,
          businessDay: '2026-11-27',
        }),
        mutation(2, 'shift.close', { shiftId, zReportId: randomUUID(), countedCash: 0, closedBy: null }),
        mutation(3, 'shift.close', { shiftId, zReportId: randomUUID(), countedCash: 0, closedBy: null }),
        mutation(4, 'cash.move', { id: randomUUID(), shiftId, kind: 'out', amount: 100, reason: 'Too late', staffId: null }),
        mutation(5, 'cash.move', { id: randomUUID(), shiftId, kind: 'out', amount: 0, reason: 'Nothing', staffId: null }),
      ]);
      expect(response.results.map((r) => [r.status, r.reason])).toEqual([
        ['applied', undefined],
        ['applied', undefined],
        ['rejected', 'shift-closed'],
        ['rejected', 'shift-closed'],
        ['rejected', 'invalid-args'],
      ]);
      expect(response.lastMutationId).toBe(5);
    });
  });
}
