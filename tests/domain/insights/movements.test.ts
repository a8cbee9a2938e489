import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import type { Lot } from '../../../src/domain/inventory/ledger';
import type { ReturnRecord, SaleRecord } from '../../../src/domain/sale/types';
import {
  eventMovements,
  movement,
  returnMovements,
  saleMovements,
  shopDay,
  type StoredEvent,
} from '../../../src/domain/insights/movements';
import { buildRollups, itemPeriod, scopeRows, seriesOf, updateRollups } from '../../../src/domain/insights/rollups';
import { kpisOf } from '../../../src/domain/insights/kpis';
import { meta } from '../../factories/memory-store';
import { BOX, CHAIN, FLOOR, OOAK, PIECE, RING, SHIFT, plain, sale, shop, u } from '../../factories/sale-shop';

const DAY = '2026-11-27';

/** The register's own records, through the real mutations: sales, a return, a gift, a piece. */
async function tradedShop() {
  const store = await shop();
  // 3 rings at $30 and a chain at $25, US tax added on top (exclusive mode).
  await applyMutation(store, 'sale.complete', 1, sale([plain(1, RING, 3, 3000, 1001), plain(2, CHAIN, 1, 2500, 1002)]), meta(4000));
  // The one-of-a-kind piece, at its own cost ($410).
  await applyMutation(
    store,
    'sale.complete',
    1,
    sale([{ ...plain(3, OOAK, 1, 89_000, 1003), pieceId: PIECE }], {
      saleId: u(801),
      receiptNumber: 'R1-000002',
      tenders: [{ id: u(903), kind: 'cash', amount: 1_000_000_000, method: null, reference: null }],
    }),
    meta(4100),
  );
  // One ring comes back.
  await applyMutation(
    store,
    'return.create',
    1,
    {
      returnId: u(3001),
      kind: 'return',
      saleId: u(800),
      shiftId: SHIFT,
      businessDay: DAY,
      staffId: null,
      approvedBy: null,
      customerId: null,
      reason: 'Too small',
      taxMode: 'exclusive',
      lines: [{ saleLineId: u(1), itemId: RING, pieceId: null, quantity: 1, locationId: FLOOR, eventIds: [u(4001)] }],
      refunds: [{ kind: 'cash', amount: 3248, method: null, reference: null, creditId: null }],
      newCredit: null,
    },
    meta(5000),
  );
  // Two boxes given away as gifts: marketing, not COGS.
  await applyMutation(
    store,
    'stock.adjust',
    1,
    { eventId: u(4100), itemId: BOX, pieceId: null, locationId: FLOOR, quantity: -2, reason: 'gift', note: '' },
    meta(5100),
  );
  return store;
}

describe('movements from the stored records', () => {
  it('sales, returns and stock events add up to the same stock value as the FIFO layers', async () => {
    const store = await tradedShop();
    const sales = store.all('sales') as unknown as SaleRecord[];
    const returns = store.all('returns') as unknown as ReturnRecord[];
    const events = store.all('stockEvents') as unknown as StoredEvent[];
    const ms = [...saleMovements(sales), ...returnMovements(returns), ...eventMovements(events, () => DAY)];
    const r = buildRollups({ movements: ms, items: [], from: DAY, to: DAY });
    const ring = itemPeriod(r.items.get(RING)!, DAY, DAY);
    // Rings: layers 2 @ $10 and 5 @ $12; 3 sold → COGS 2 × 1000 + 1 × 1200 = 3200; 1 returned at its
    // recorded unit COGS round(3200 / 3) = 1067.
    expect([ring.sold, ring.revenue, ring.cogs]).toEqual([3, 9000, 3200]);
    expect([ring.returned, ring.returnRevenue, ring.returnCogs]).toEqual([1, 3000, 1067]);
    expect([ring.received, ring.receivedValue]).toEqual([7, 2 * 1000 + 5 * 1200]);
    expect(ring.closingOnHand).toBe(5);
    const box = itemPeriod(r.items.get(BOX)!, DAY, DAY);
    expect([box.marketing, box.marketingUnits, box.cogs, box.shrinkage]).toEqual([300, 2, 0, 0]);
    const ooak = itemPeriod(r.items.get(OOAK)!, DAY, DAY);
    expect([ooak.sold, ooak.revenue, ooak.cogs, ooak.closingOnHand, ooak.closingValue]).toEqual([1, 89_000, 41_000, 0, 0]);

    // The rollup's end-of-day stock value is exactly what the FIFO layers still hold, item by item.
    const lots = store.all('lots') as unknown as Lot[];
    for (const itemId of [RING, CHAIN, BOX]) {
      const layers = lots.filter((l) => l.itemId === itemId).reduce((s, l) => s + l.qtyRemaining * (l.unitCost ?? 0), 0);
      expect(itemPeriod(r.items.get(itemId)!, DAY, DAY).closingValue).toBe(layers);
    }
    // Margin for the day: revenue net of tax and returns − COGS net of returns.
    const shop = kpisOf(itemPeriod(r.items.get(RING)!, DAY, DAY));
    expect(shop.grossMargin.value).toBe(9000 - 3000 - (3200 - 1067));
  });

  it('tax-inclusive lines count revenue net of tax; cost-unknown units stay out of margins', () => {
    const base = sale([]) as unknown as SaleRecord;
    const record: SaleRecord = {
      ...base,
      id: 's1',
      businessDay: DAY,
      occurredAt: '2026-11-27T10:00:00Z',
      hlc: 'h',
      deviceId: 'd',
      flagged: null,
      taxMode: 'inclusive',
      status: 'completed',
      subtotal: 0,
      discountTotal: 0,
      taxTotal: 0,
      total: 0,
      cashRounding: 0,
      tenders: [],
      change: 0,
      taxByRate: [],
      lines: [
        {
          lineId: 'l1',
          itemId: 'ring',
          pieceId: null,
          title: 'Ring',
          sku: 'R',
          quantity: 4,
          unitPrice: 1210,
          gross: 4840,
          lineDiscount: 0,
          lineDiscountReason: null,
          saleDiscountShare: 0,
          net: 4840,
          taxRateBp: 2100,
          tax: 840,
          total: 4840,
          cogs: 1500,
          costUnknownQty: 1,
          priceOverridden: false,
          components: [],
          eventId: 'e1',
          giftCard: null,
        },
      ],
    };
    const [m] = saleMovements([record]);
    expect(m).toMatchObject({
      sold: 4,
      revenue: 4000,
      cogs: 1500,
      costUnknownSold: 1,
      costUnknownRevenue: 1000,
      units: -4,
      value: -1500,
      costUnknownUnits: -1,
    });
    const r = buildRollups({ movements: [m!], items: [], from: DAY, to: DAY });
    const k = kpisOf(itemPeriod(r.items.get('ring')!, DAY, DAY));
    expect(k.grossMargin.inputs).toEqual({ revenue: 3000, cogs: 1500 });
    expect(k.costUnknownSold).toBe(1);
  });
});

describe('business days and provisional days', () => {
  it('an event is counted on the business day of the shop’s time zone', () => {
    // 23:30 UTC on 1 March is still 1 March in New York and already 2 March in Berlin.
    expect(shopDay('America/New_York')('2026-03-01T23:30:00Z')).toBe('2026-03-01');
    expect(shopDay('Europe/Berlin')('2026-03-01T23:30:00Z')).toBe('2026-03-02');
  });

  it('days holding unsynced movements are labelled provisional until the server confirms them', () => {
    const ms = [
      movement({ id: 'a', kind: 'receive', itemId: 'ring', locationId: 'floor', day: '2026-03-01', units: 5, value: 5000 }),
      movement({
        id: 'b',
        kind: 'sale',
        itemId: 'ring',
        locationId: 'floor',
        day: '2026-03-02',
        units: -1,
        value: -1000,
        sold: 1,
        cogs: 1000,
        provisional: 1,
      }),
    ];
    const r = buildRollups({ movements: ms, items: [], from: '2026-03-01', to: '2026-03-03' });
    expect(scopeRows(r, seriesOf(r, 'shop', 'all')).map((row) => row.provisional > 0)).toEqual([false, true, false]);
    expect(itemPeriod(r.items.get('ring')!, '2026-03-01', '2026-03-03').provisional).toBe(1);
    // Confirmed by a pull: the same movement, no longer provisional.
    updateRollups(r, [{ ...ms[1]!, provisional: 0 }]);
    expect(scopeRows(r, seriesOf(r, 'shop', 'all')).some((row) => row.provisional > 0)).toBe(false);
  });
});

describe('what each stock event does to the figures (§10 FIFO table)', () => {
  const ev = (o: Partial<StoredEvent>): StoredEvent => ({
    id: 'e',
    type: 'adjust',
    itemId: 'ring',
    pieceId: null,
    locationId: 'floor',
    quantity: 0,
    unitCost: null,
    occurredAt: '2026-03-01T12:00:00Z',
    hlc: 'h',
    deviceId: 'd',
    source: 'x',
    ref: null,
    ...o,
  });
  const day = (instant: string) => instant.slice(0, 10);
  const one = (e: StoredEvent) => eventMovements([e], day)[0]!;

  it('a receipt with no known cost is a cost-unknown layer, outside the stock value', () => {
    expect(one(ev({ type: 'receive', quantity: 4, unitCost: null }))).toMatchObject({
      units: 4,
      value: 0,
      costUnknownUnits: 4,
      received: 4,
      receivedCostUnknown: 4,
    });
  });
  it('a count short is shrinkage at the layers consumed, a count over is found stock at its cost', () => {
    expect(
      one(ev({ type: 'count', quantity: -2, unitCost: 900, cost: 1800, layers: [{ lotId: 'l', quantity: 2, unitCost: 900 }] })),
    ).toMatchObject({
      units: -2,
      value: -1800,
      shrinkage: 1800,
      shrinkageUnits: 2,
      cogs: 0,
    });
    expect(one(ev({ type: 'count', quantity: 1, unitCost: 900 }))).toMatchObject({ units: 1, value: 900, shrinkage: 0 });
  });
  it('a write-off partly from a cost-unknown layer counts those units apart', () => {
    const m = one(
      ev({
        quantity: -3,
        cost: 1000,
        expense: 'shrinkage',
        layers: [
          { lotId: 'a', quantity: 1, unitCost: 1000 },
          { lotId: 'b', quantity: 2, unitCost: null },
        ],
      }),
    );
    expect(m).toMatchObject({ units: -3, value: -1000, costUnknownUnits: -2, shrinkage: 1000, shrinkageUnits: 3 });
  });
  it('transfers move units between locations and no value; reservations change nothing', () => {
    expect(
      eventMovements(
        [ev({ type: 'transferOut', quantity: -2 }), ev({ id: 'f', type: 'transferIn', quantity: 2, locationId: 'stall' })],
        day,
      ).map((m) => [m.locationId, m.units, m.value]),
    ).toEqual([
      ['floor', -2, 0],
      ['stall', 2, 0],
    ]);
    expect(eventMovements([ev({ type: 'reserve', quantity: -1 }), ev({ type: 'sale', quantity: -1 })], day)).toEqual([]);
  });
  it('a cost correction carries the change of stock value and of COGS', () => {
    expect(one(ev({ type: 'costCorrection', quantity: 0, valueDelta: 600, cogsDelta: 200, unitsNowKnown: 3 }))).toMatchObject({
      units: 0,
      value: 600,
      cogs: 200,
      costUnknownUnits: -3,
    });
  });
});
