import { describe, expect, it } from 'vitest';
import { completeSale } from '../../src/data/commands/sales';
import { findSale, readCredit, returnSale, returnWithoutReceipt, voidSale } from '../../src/data/commands/returns';
import type { ReturnRecord, SaleRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';

const ring = ringLine;

async function sold(tenders: { kind: 'cash' | 'card'; amount: number }[], quantity = 3) {
  const env = testEnv();
  const shop = await registerShop(env);
  const { saleId, receiptNumber } = await completeSale(env, {
    shiftId: shop.shiftId,
    locationId: shop.floor,
    lines: [ring(env, shop.ring, quantity)],
    saleDiscount: null,
    tenders: tenders.map((t) => ({ ...t, method: null, reference: null })),
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
  const sale = (await findSale(env, receiptNumber))!;
  return { env, shop, sale, saleId };
}

describe('returns on the device', () => {
  it('finds a sale by its receipt number or its scanned code, and refunds to the original card and cash in proportion', async () => {
    const { env, sale, saleId } = await sold([
      { kind: 'card', amount: 6000 },
      { kind: 'cash', amount: 3000 },
    ]);
    expect((await findSale(env, sale.id.toUpperCase()))?.id).toBe(saleId);
    const { returnId, refund } = await returnSale(env, {
      sale,
      lines: [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: false }],
      refundTo: 'original',
      reason: 'Too small',
      staffId: null,
      approvedBy: null,
    });
    expect(refund).toBe(3000);
    const stored = (await env.db.returns.get(returnId)) as unknown as ReturnRecord;
    expect(stored.refunds.map((r) => [r.kind, r.amount])).toEqual([
      ['card', 2000],
      ['cash', 1000],
    ]);
  });

  it('returns to new store credit, spends it on an exchange, and a damaged unit goes to “Damaged”', async () => {
    const { env, shop, sale } = await sold([{ kind: 'cash', amount: 9000 }]);
    const { credit, refund } = await returnSale(env, {
      sale,
      lines: [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: true }],
      refundTo: 'credit',
      reason: 'Clasp broken',
      staffId: null,
      approvedBy: null,
    });
    expect(credit!.code).toMatch(/^CR-U[0-9A-F]{4}-[0-9A-F]{8}$/);
    expect(await readCredit(env, credit!.code.toLowerCase())).toEqual({ id: credit!.id, code: credit!.code, balance: refund });
    const levels = await env.db.stockLevels.where('itemId').equals(shop.ring).toArray();
    const damaged = (await env.db.locations.toArray()).find((l) => (l['values'] as { name: string }).name === 'Damaged')!;
    expect(levels.find((l) => l['locationId'] === damaged.id)?.['onHand']).toBe(1);
    // The exchange: a new ring paid with the credit.
    await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [ring(env, shop.ring, 1)],
      saleDiscount: null,
      tenders: [{ kind: 'credit', amount: 3000, method: null, reference: credit!.code, creditId: credit!.id }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    expect((await readCredit(env, credit!.code))?.balance).toBe(0);
  });

  it('voids a whole sale: stock back, payments refunded as taken, the sale marked voided', async () => {
    const { env, shop, sale, saleId } = await sold([{ kind: 'cash', amount: 9000 }]);
    await voidSale(env, sale, { reason: 'Wrong item rung up', staffId: null, approvedBy: null });
    expect(((await env.db.sales.get(saleId)) as unknown as SaleRecord).status).toBe('voided');
    const onHand = (await env.db.stockLevels.where('itemId').equals(shop.ring).toArray()).reduce((s, l) => s + (l['onHand'] as number), 0);
    expect(onHand).toBe(7);
  });
});

describe('a return without a receipt', () => {
  it('refunds today’s price with its tax, restocks at the item’s cost, and records the approving manager', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const manager = '0190b6a2-3c4d-7e5f-8a6b-000000000077';
    const { returnId, refund, credit } = await returnWithoutReceipt(env, {
      itemId: shop.ring,
      pieceId: null,
      title: 'Stacking ring',
      sku: 'RING-1',
      unitPrice: 3000,
      taxRateBp: 825,
      quantity: 2,
      damaged: false,
      refundTo: 'credit',
      reason: 'Gift, no receipt',
      staffId: null,
      approvedBy: manager,
    });
    // 2 × 30.00 = 60.00 + 8.25 % = 4.95 → 64.95, as store credit.
    expect(refund).toBe(6495);
    expect((await readCredit(env, credit!.code))?.balance).toBe(6495);
    const stored = (await env.db.returns.get(returnId)) as unknown as ReturnRecord;
    expect(stored).toMatchObject({
      saleId: null,
      approvedBy: manager,
      total: 6495,
      lines: [{ saleLineId: null, quantity: 2, net: 6000, tax: 495, cogs: 1800 }],
    });
    const onHand = (await env.db.stockLevels.where('itemId').equals(shop.ring).toArray()).reduce((s, l) => s + (l['onHand'] as number), 0);
    expect(onHand).toBe(9);
  });
});
