import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { refundOversold } from '../../src/data/commands/cases';
import { applyPullPage, readSyncState } from '../../src/data/sync-store';
import { readStockByLocation } from '../../src/data/queries/stock';
import { openCases } from '../../src/data/queries/sync';
import type { CaseRecord } from '../../src/domain/cases';
import type { PullResponse } from '../../src/domain/sync/protocol';
import type { SaleRecord } from '../../src/domain/sale/types';

async function issueCode(owner: Device): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>(
    'POST',
    '/v1/devices/pairing-codes',
    { role: 'owner' },
    await owner.token(),
  );
  return code;
}

/** A pull without a push first (the push failed, or the pull came first): pending changes replay over what arrives. */
async function pullOnly(device: Device): Promise<void> {
  for (;;) {
    const { cursor } = await readSyncState(device.env.db, device.env.random);
    const page = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor }, await device.token());
    await applyPullPage(device.env.db, device.env.random, page, device.env.clock.now());
    if (!page.hasMore) return;
  }
}

const onHand = async (device: Device, itemId: string) =>
  (await readStockByLocation(device.env.db, itemId)).reduce((s, l) => s + l.onHand, 0);
const allCases = async (device: Device) => (await device.env.db.cases.toArray()) as unknown as CaseRecord[];

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a piece sold on two devices offline converges to one case ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('the device that sold first locally and pulled the other sale shows the same single case as the server; a refund settles it everywhere', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Counter laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Stall tablet');
      const [floor, ooak, piece] = [newId(laptop.env), newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Sapphire ring' },
        items: [{ id: ooak, sku: 'OOAK-77', price: 89_000, cost: 41_000, tracking: 'piece' }],
      });
      await perform(laptop.env, 'piece.receive', {
        pieceId: piece,
        eventId: newId(laptop.env),
        itemId: ooak,
        locationId: floor,
        serial: 'SR-77',
        cost: 41_000,
        source: 'manual',
      });
      const shifts: Record<string, string> = {};
      for (const [name, device] of [
        ['laptop', laptop],
        ['tablet', tablet],
      ] as const) {
        const { registerCode } = await readSyncState(device.env.db, device.env.random);
        shifts[name] = newId(device.env);
        await perform(device.env, 'shift.open', {
          shiftId: shifts[name],
          registerCode,
          locationId: floor,
          openingFloat: 0,
          staffId: null,
          businessDay: '2026-11-27',
        });
      }
      await laptop.sync();
      await tablet.sync();
      await laptop.sync();
      expect(await onHand(tablet, ooak)).toBe(1);

      const sell = async (device: Device, shiftId: string, n: number) => {
        const { registerCode } = await readSyncState(device.env.db, device.env.random);
        const saleId = newId(device.env);
        await perform(device.env, 'sale.complete', {
          saleId,
          receiptNumber: `${registerCode}-${n}`,
          shiftId,
          businessDay: '2026-11-27',
          locationId: floor,
          staffId: null,
          approvedBy: null,
          customerId: null,
          taxMode: 'exclusive',
          lines: [
            {
              lineId: newId(device.env),
              itemId: ooak,
              pieceId: piece,
              title: 'Sapphire ring',
              sku: 'OOAK-77',
              quantity: 1,
              unitPrice: 89_000,
              priceOverridden: false,
              taxRateBp: 0,
              discount: null,
              eventId: newId(device.env),
              components: [],
            },
          ],
          saleDiscount: null,
          tenders: [{ id: newId(device.env), kind: 'card', amount: 89_000, method: null, reference: null }],
          cashIncrement: 0,
        });
        return saleId;
      };
      // Offline, both sell the ring. The laptop sold first by the clock; the tablet reaches the server first.
      const laptopSale = await sell(laptop, shifts['laptop']!, 1);
      tablet.env.clock.advance(1000);
      const tabletSale = await sell(tablet, shifts['tablet']!, 1);
      expect(await openCases(laptop.env.db)).toEqual([]);
      await tablet.sync();
      // The laptop pulls before its push gets through: its pending sale is replayed over the tablet's confirmed one.
      await pullOnly(laptop);
      const local = await openCases(laptop.env.db);
      expect(local.map((c) => [c.id, c.flaggedSales])).toEqual([[`piece-oversold:${piece}`, [laptopSale]]]);
      expect(((await laptop.env.db.sales.get(laptopSale)) as unknown as SaleRecord).flagged).toBe('piece-oversold');
      expect(await onHand(laptop, ooak)).toBe(-1);

      await laptop.sync();
      await tablet.sync();
      const [onLaptop, onTablet] = [await allCases(laptop), await allCases(tablet)];
      expect(onLaptop).toHaveLength(1);
      expect(onTablet).toEqual(onLaptop);
      // The case the laptop made locally is exactly the one the server made.
      expect(onLaptop[0]).toEqual(local[0]);
      for (const device of [laptop, tablet]) {
        const sales = (await device.env.db.sales.toArray()) as unknown as SaleRecord[];
        expect(sales.map((s) => [s.id, s.flagged, s.status]).sort()).toEqual(
          [
            [laptopSale, 'piece-oversold', 'completed'],
            [tabletSale, null, 'completed'],
          ].sort(),
        );
        expect(await onHand(device, ooak)).toBe(-1);
      }

      // The tablet's manager refunds the tablet's own (first) sale: the laptop's customer keeps the ring.
      await refundOversold(tablet.env, `piece-oversold:${piece}`, {
        saleId: tabletSale,
        refundTo: 'original',
        note: 'Customer chose another',
        staffId: null,
      });
      expect(await onHand(tablet, ooak)).toBe(0);
      expect((await tablet.sync()).rejected).toEqual([]);
      await laptop.sync();
      for (const device of [laptop, tablet]) {
        expect(await openCases(device.env.db)).toEqual([]);
        expect(await device.env.db.cases.get(`piece-oversold:${piece}`)).toMatchObject({
          status: 'resolved',
          resolution: 'refunded',
          note: 'Customer chose another',
        });
        expect(await onHand(device, ooak)).toBe(0);
      }
    });
  });
}
