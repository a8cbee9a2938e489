import type { SaleLine, SaleRecord, Tender } from '../../src/domain/sale/types';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../src/domain/settings';

/*
 * Sale records written out by hand, every figure worked on paper (below), so receipt tests don't
 * depend on the pricing code they would otherwise be checking it against.
 */

export const SALE_ID = '0192f5a0-7c1e-7a3b-9c4d-5e6f7a8b9c0d';

export function saleLine(overrides: Partial<SaleLine> = {}): SaleLine {
  const quantity = overrides.quantity ?? 1;
  const unitPrice = overrides.unitPrice ?? 1000;
  const gross = unitPrice * quantity;
  return {
    lineId: '0192f5a0-7c1e-7a3b-9c4d-000000000001',
    itemId: '0192f5a0-7c1e-7a3b-9c4d-100000000001',
    pieceId: null,
    title: 'Silver hoop earrings',
    sku: 'EAR-R1-0001',
    quantity,
    unitPrice,
    gross,
    lineDiscount: 0,
    lineDiscountReason: null,
    saleDiscountShare: 0,
    net: gross,
    taxRateBp: 0,
    tax: 0,
    total: gross,
    cogs: null,
    costUnknownQty: 0,
    priceOverridden: false,
    components: [],
    eventId: '0192f5a0-7c1e-7a3b-9c4d-200000000001',
    giftCard: null,
    ...overrides,
  };
}

export function tender(overrides: Partial<Tender> = {}): Tender {
  const amount = overrides.amount ?? 1000;
  return {
    id: '0192f5a0-7c1e-7a3b-9c4d-300000000001',
    kind: 'card',
    amount,
    tendered: amount,
    method: null,
    reference: null,
    creditId: null,
    ...overrides,
  };
}

/** A one-line card sale of 10.00 with no tax; override what a test needs. */
export function saleRecord(overrides: Partial<SaleRecord> = {}): SaleRecord {
  const lines = overrides.lines ?? [saleLine()];
  const total = lines.reduce((s, l) => s + l.total, 0);
  return {
    id: SALE_ID,
    receiptNumber: 'R2-000123',
    shiftId: '0192f5a0-7c1e-7a3b-9c4d-400000000001',
    businessDay: '2026-11-27',
    occurredAt: '2026-11-27T14:05:00.000Z',
    hlc: '001795830300000-0000-dev-a',
    deviceId: 'dev-a',
    locationId: '0192f5a0-7c1e-7a3b-9c4d-500000000001',
    staffId: null,
    approvedBy: null,
    flagged: null,
    customerId: null,
    taxMode: 'exclusive',
    lines,
    saleDiscount: null,
    subtotal: lines.reduce((s, l) => s + l.gross, 0),
    discountTotal: lines.reduce((s, l) => s + l.lineDiscount + l.saleDiscountShare, 0),
    taxTotal: lines.reduce((s, l) => s + l.tax, 0),
    total,
    cashRounding: 0,
    tenders: [tender({ amount: total })],
    change: 0,
    taxByRate: [],
    status: 'completed',
    ...overrides,
  };
}

/**
 * The worked example: prices include tax (VAT 21 % and 9 %), cash rounded to 0.05.
 *
 *   2 × Silver ring 45.00, 10 % off (Loyalty)  gross 90.00, line discount 9.00 → 81.00
 *   1 × Jewellery care guide 12.99             gross 12.99                      → 12.99
 *   sale discount 5.00 (Voucher) split 81.00 : 12.99 → 4.31 + 0.69 (largest remainder)
 *   nets 76.69 and 12.30; VAT 76.69 × 21/121 = 13.31, 12.30 × 9/109 = 1.02 (half away from zero)
 *   subtotal 102.99 − 9.00 − 5.00 = total 88.99; cash due 88.99 − card 50.00 = 38.99 → 39.00 (+0.01)
 *   card 50.00, cash 50.00 handed → change 11.00
 */
export function workedSale(): SaleRecord {
  const ring = saleLine({
    lineId: '0192f5a0-7c1e-7a3b-9c4d-000000000001',
    title: 'Silver ring',
    sku: 'RNG-R2-0007',
    quantity: 2,
    unitPrice: 4500,
    gross: 9000,
    lineDiscount: 900,
    lineDiscountReason: 'Loyalty',
    saleDiscountShare: 431,
    net: 7669,
    taxRateBp: 2100,
    tax: 1331,
    total: 7669,
  });
  const guide = saleLine({
    lineId: '0192f5a0-7c1e-7a3b-9c4d-000000000002',
    itemId: '0192f5a0-7c1e-7a3b-9c4d-100000000002',
    eventId: '0192f5a0-7c1e-7a3b-9c4d-200000000002',
    title: 'Jewellery care guide',
    sku: 'BK-R2-0001',
    quantity: 1,
    unitPrice: 1299,
    gross: 1299,
    saleDiscountShare: 69,
    net: 1230,
    taxRateBp: 900,
    tax: 102,
    total: 1230,
  });
  return saleRecord({
    taxMode: 'inclusive',
    lines: [ring, guide],
    saleDiscount: { kind: 'amount', amount: 500, reason: 'Voucher' },
    subtotal: 10299,
    discountTotal: 1400,
    taxTotal: 1433,
    total: 8899,
    cashRounding: 1,
    tenders: [
      tender({ id: '0192f5a0-7c1e-7a3b-9c4d-300000000001', kind: 'card', amount: 5000, tendered: 5000, reference: '004512' }),
      tender({ id: '0192f5a0-7c1e-7a3b-9c4d-300000000002', kind: 'cash', amount: 3900, tendered: 5000 }),
    ],
    change: 1100,
    taxByRate: [
      { rateBp: 900, net: 1230, tax: 102 },
      { rateBp: 2100, net: 7669, tax: 1331 },
    ],
  });
}

/** Shop settings for receipts: a shop with a two-line header, in euros. */
export function receiptSettings(overrides: Partial<ShopSettings> = {}): ShopSettings {
  return {
    ...DEFAULT_SETTINGS,
    shopName: 'Maison Opale',
    receiptHeader: 'Keizersgracht 12, Amsterdam\nVAT NL001234567B01',
    currency: 'EUR',
    locale: 'en-IE',
    timeZone: 'Europe/Amsterdam',
    ...overrides,
  };
}
