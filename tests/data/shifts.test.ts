import { describe, expect, it } from 'vitest';
import { completeSale, openShift, type CartLine } from '../../src/data/commands/sales';
import { closeShift, moveCash } from '../../src/data/commands/shifts';
import { openShiftOf, registerCodeOf } from '../../src/data/queries/register';
import { readZReport, xReportOf, zReportsOf } from '../../src/data/queries/shifts';
import { newId } from '../../src/data/commands/ids';
import type { OutboxRow } from '../../src/data/records';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';

const ring = (env: ReturnType<typeof testEnv>, itemId: string): CartLine => ({
  lineId: newId(env),
  itemId,
  pieceId: null,
  title: 'Stacking ring',
  sku: 'RING-1',
  quantity: 1,
  unitPrice: 3000,
  priceOverridden: false,
  taxRateBp: 0,
  discount: null,
  components: [],
});

/** The register shop (float 100.00) with a cash sale and a card sale of 30.00 each. */
async function shopWithSales() {
  const env = testEnv();
  const shop = await registerShop(env);
  const base = { shiftId: shop.shiftId, locationId: shop.floor, saleDiscount: null, staffId: null, approvedBy: null, customerId: null };
  await completeSale(env, {
    ...base,
    lines: [ring(env, shop.ring)],
    tenders: [{ kind: 'cash', amount: 5000, method: null, reference: null }],
  });
  await completeSale(env, {
    ...base,
    lines: [ring(env, shop.ring)],
    tenders: [{ kind: 'card', amount: 3000, method: null, reference: '42' }],
  });
  return { env, shop };
}

describe('shifts on the device', () => {
  it('the X report of the open shift follows sales and pay-outs as they happen', async () => {
    const { env, shop } = await shopWithSales();
    const before = await xReportOf(env.db, shop.shiftId);
    expect(before?.shift.id).toBe(shop.shiftId);
    expect(before?.report.cash).toMatchObject({ openingFloat: 10_000, sales: 3000, expected: 13_000 });
    await moveCash(env, { shiftId: shop.shiftId, kind: 'out', amount: 500, reason: 'Window cleaner', staffId: null });
    const after = await xReportOf(env.db, shop.shiftId);
    expect(after?.report.cash).toMatchObject({ payOuts: 500, expected: 12_500 });
    expect(after?.report.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['cash', 3000],
      ['card', 3000],
    ]);
    expect(await xReportOf(env.db, newId(env))).toBeUndefined();
  });

  it('closing writes the frozen Z (the X report’s figures), closes the shift and queues one outbox row', async () => {
    const { env, shop } = await shopWithSales();
    await moveCash(env, { shiftId: shop.shiftId, kind: 'out', amount: 500, reason: 'Window cleaner', staffId: null });
    const x = await xReportOf(env.db, shop.shiftId);
    const outbox = await env.db.outbox.count();
    env.clock.advance(8 * 3_600_000);
    // Counted 124.00 against 125.00 expected: 1.00 short.
    const zId = await closeShift(env, { shiftId: shop.shiftId, countedCash: 12_400, closedBy: null });
    const z = await readZReport(env.db, zId);
    expect(z).toMatchObject({
      shiftId: shop.shiftId,
      countedCash: 12_400,
      overShort: -100,
      businessDay: '2026-11-27',
      closedAt: '2026-11-27T17:00:00.000Z',
    });
    expect(z?.report).toEqual(x?.report);
    expect(await env.db.outbox.count()).toBe(outbox + 1);
    const row = (await env.db.outbox.orderBy('seq').last()) as OutboxRow;
    expect(row).toMatchObject({ name: 'shift.close', args: { shiftId: shop.shiftId, zReportId: zId, countedCash: 12_400 } });
    // The register has no open shift now: it offers to open one again.
    expect(await openShiftOf(env.db, await registerCodeOf(env.db))).toBeUndefined();
    await expect(closeShift(env, { shiftId: shop.shiftId, countedCash: 0, closedBy: null })).rejects.toMatchObject({
      reason: 'shift-closed',
    });
    await expect(moveCash(env, { shiftId: shop.shiftId, kind: 'in', amount: 100, reason: 'Late', staffId: null })).rejects.toMatchObject({
      reason: 'shift-closed',
    });
    expect(await env.db.outbox.count()).toBe(outbox + 1);
  });

  it('lists this register’s Z reports, newest business day first', async () => {
    const { env, shop } = await shopWithSales();
    const first = await closeShift(env, { shiftId: shop.shiftId, countedCash: 13_000, closedBy: null });
    env.clock.advance(24 * 3_600_000);
    const next = await openShift(env, { locationId: shop.floor, openingFloat: 5000, staffId: null });
    env.clock.advance(3_600_000);
    const second = await closeShift(env, { shiftId: next, countedCash: 5000, closedBy: null });
    // Another register's Z (pulled from the server) stays off this register's list.
    await env.db.zReports.put({ ...(await readZReport(env.db, first))!, id: newId(env), registerCode: 'R9' });
    const list = await zReportsOf(env.db, await registerCodeOf(env.db));
    expect(list.map((z) => [z.id, z.businessDay])).toEqual([
      [second, '2026-11-28'],
      [first, '2026-11-27'],
    ]);
  });
});
