import { describe, expect, it } from 'vitest';
import { OPERATOR_CODE_TTL_MS, createPairingCode } from '../../src/server/auth/pairing';
import { levelsOf, type Lot, type StockEvent } from '../../src/domain/inventory/ledger';
import type { CountRecord } from '../../src/domain/inventory/count';
import type { ReturnRecord, SaleRecord } from '../../src/domain/sale/types';
import { seedServer } from '../bench/seed';
import { STORE_VARIANTS } from './helpers/databases';
import { useSyncServer } from './helpers/sync';

// `npm run seed` against the real server: the demo shop's history — sales, returns (some onto
// store credit and exchanged), cycle counts — is applied by the server's own apply, every
// mutation of it, and leaves a ledger that adds up.
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`demo shop history on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('applies every generated sale, return and count; returns stay within what was sold, the ledger adds up, no case opens', async () => {
      const { code } = await createPairingCode(sync.server.store.db, 'owner', OPERATOR_CODE_TTL_MS);
      // seedServer throws on the first mutation the server rejects.
      const done = await seedServer({ url: sync.url, code, skus: 150, days: 60, seed: 2 });
      expect(done.returns).toBeGreaterThan(0);
      expect(done.counts).toBe(2);

      const rows = await sync.server.store.db.selectFrom('records').select(['tbl', 'data']).execute();
      const of = <T>(table: string) => rows.filter((r) => r.tbl === table).map((r) => JSON.parse(r.data) as T);
      const sales = new Map(of<SaleRecord>('sales').map((s) => [s.id, s]));
      expect(sales.size).toBe(done.sales);
      const returns = of<ReturnRecord>('returns');
      expect(returns).toHaveLength(done.returns);
      const back = new Map<string, number>();
      for (const r of returns) {
        const sale = sales.get(r.saleId!)!;
        expect(r.businessDay > sale.businessDay).toBe(true);
        for (const line of r.lines) back.set(line.saleLineId!, (back.get(line.saleLineId!) ?? 0) + line.quantity);
      }
      for (const [lineId, quantity] of back) {
        const sold = [...sales.values()].flatMap((s) => s.lines).find((l) => l.lineId === lineId)!;
        expect(quantity).toBeLessThanOrEqual(sold.quantity);
      }
      expect(of<{ id: string }>('credits')).toHaveLength(done.storeCredits);

      const counts = of<CountRecord>('counts');
      expect(counts.map((c) => c.status)).toEqual(['applied', 'applied']);
      expect(counts.flatMap((c) => c.applied!)).toHaveLength(done.countedLines);
      expect(of('cases')).toEqual([]);
      // The generator's idea of the shelves was the server's: its differences are the ledger's count events.
      const variances = of<StockEvent>('stockEvents')
        .filter((e) => e.type === 'count')
        .map((e) => e.quantity);
      expect(-variances.filter((q) => q < 0).reduce((s, q) => s + q, 0)).toBe(done.shrinkageUnits);
      expect(variances.filter((q) => q > 0).reduce((s, q) => s + q, 0)).toBe(done.foundUnits);

      // Per quantity item: on hand (every location, from the events) = units left in its layers, never below zero.
      const events = of<StockEvent>('stockEvents');
      const lots = of<Lot>('lots');
      const levels = levelsOf(events.filter((e) => e.pieceId === null));
      expect(levels.every((l) => l.onHand >= 0)).toBe(true);
      const byItem = new Map<string, number>();
      for (const l of levels) byItem.set(l.itemId, (byItem.get(l.itemId) ?? 0) + l.onHand);
      for (const lot of lots) byItem.set(lot.itemId, (byItem.get(lot.itemId) ?? 0) - lot.qtyRemaining);
      expect([...byItem.values()].every((d) => d === 0)).toBe(true);
      // A piece is on hand once at most (sold, returned, sold again).
      const pieces = levelsOf(events.filter((e) => e.pieceId !== null));
      expect(pieces.every((l) => l.onHand === 0 || l.onHand === 1)).toBe(true);
    }, 180_000);
  });
}
