import { describe, expect, it } from 'vitest';
import { demoShop } from '../../../src/domain/demo/shop';
import {
  historyMutations,
  learnCatalogue,
  newHistoryCounts,
  type HistoryCounts,
  type SellableItem,
} from '../../../src/domain/demo/history';
import { loadAllMutations, prepare } from '../../../src/domain/sync/registry';
import type { ReturnArgs } from '../../../src/domain/sale/returns';
import type { SaleArgs } from '../../../src/domain/sale/sale';
import type { ApplyCountArgs, OpenCountArgs, RecordCountArgs } from '../../../src/domain/inventory/count';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

/** The catalogue's items and the history generated over them (pure: no database). */
function history(skus: number, days: number, seed: number) {
  const items: SellableItem[] = [];
  const byId = new Map<string, SellableItem>();
  const floor: { id?: string } = {};
  for (const chunk of demoShop({ skus, seed })) learnCatalogue(items, byId, chunk.mutations, floor);
  const counts: HistoryCounts = newHistoryCounts();
  const mutations = [...historyMutations(items, { skus, seed, days, floorId: floor.id!, registerCode: 'R1', today: '2026-06-30' }, counts)];
  return { items, floorId: floor.id!, counts, mutations };
}

const DAY_MS = 24 * 60 * 60 * 1000;

let year: ReturnType<typeof history> | undefined;
/** A 2,000-SKU shop's year, made once for the tests that only read it. */
const aYear = () => (year ??= history(2000, 365, 1));

describe('demo shop history: returns and cycle counts', () => {
  it('is deterministic: the same seed gives the same mutations (returns and counts included), another seed does not', () => {
    const a = history(300, 120, 7);
    expect(JSON.stringify(history(300, 120, 7).mutations)).toBe(JSON.stringify(a.mutations));
    expect(JSON.stringify(history(300, 120, 8).mutations)).not.toBe(JSON.stringify(a.mutations));
    expect(a.mutations.some((m) => m.name === 'return.create')).toBe(true);
    expect(a.mutations.some((m) => m.name === 'count.apply')).toBe(true);
  }, 60_000);

  it('only uses mutations that exist, with valid arguments, day after day', () => {
    const { mutations } = history(400, 90, 3);
    for (const m of mutations) expect(() => prepare(m.name, m.args), m.name).not.toThrow();
    const names = new Set(mutations.map((m) => m.name));
    for (const name of ['return.create', 'count.open', 'count.record', 'count.apply', 'sale.complete', 'stock.receive'])
      expect(names).toContain(name);
    for (let i = 1; i < mutations.length; i += 1)
      expect(mutations[i]!.at.slice(0, 10) >= mutations[i - 1]!.at.slice(0, 10), mutations[i]!.name).toBe(true);
  });

  it('returns a few % of sales within 30 days, never more than was sold, refunded to the tender or onto store credit, some exchanged', () => {
    const { mutations, counts, items } = aYear();
    const sales = new Map<string, { args: SaleArgs; at: string }>();
    const returned = new Map<string, number>();
    const pieces = new Set(items.filter((i) => i.piece).map((i) => i.id));
    let piecesBack = 0;
    const credits = new Set<string>();
    const kinds = new Set<string>();
    for (const m of mutations) {
      if (m.name === 'sale.complete') {
        const args = m.args as SaleArgs;
        sales.set(args.saleId, { args, at: m.at });
        // An exchange spends a credit made by a return earlier that day, never more than it holds.
        for (const t of args.tenders) if (t.kind === 'credit') expect(credits.has(t.creditId!)).toBe(true);
      }
      if (m.name !== 'return.create') continue;
      const r = m.args as ReturnArgs;
      const sale = sales.get(r.saleId!);
      expect(sale, 'a return names a sale made earlier').toBeDefined();
      const days = (Date.parse(m.at) - Date.parse(sale!.at)) / DAY_MS;
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThan(31);
      expect(r.shiftId).not.toBe(sale!.args.shiftId);
      for (const line of r.lines) {
        const sold = sale!.args.lines.find((l) => l.lineId === line.saleLineId)!;
        expect(sold.itemId).toBe(line.itemId);
        const total = (returned.get(line.saleLineId!) ?? 0) + line.quantity;
        expect(total).toBeLessThanOrEqual(sold.quantity);
        returned.set(line.saleLineId!, total);
        if (pieces.has(line.itemId)) piecesBack += 1;
      }
      for (const refund of r.refunds) {
        kinds.add(refund.kind);
        if (refund.kind === 'credit') {
          expect(r.newCredit?.id).toBe(refund.creditId);
          credits.add(refund.creditId!);
        } else expect(refund.kind).toBe(sale!.args.tenders[0]!.kind);
      }
    }
    expect(counts.returns).toBe(mutations.filter((m) => m.name === 'return.create').length);
    expect(counts.returns / counts.sales).toBeGreaterThan(0.015);
    expect(counts.returns / counts.sales).toBeLessThan(0.06);
    expect(counts.returnedUnits).toBe([...returned.values()].reduce((s, q) => s + q, 0));
    expect([...kinds].sort()).toEqual(['card', 'cash', 'credit']);
    expect(counts.exchanges).toBeGreaterThan(0);
    expect(counts.storeCredits).toBeGreaterThan(counts.exchanges);
    // A one-of-a-kind piece that came back is sold again later, as itself.
    expect(piecesBack).toBeGreaterThan(0);
  }, 60_000);

  it('counts a category’s display cases every four weeks before opening: open, record, apply, with small differences', () => {
    const { mutations, counts, floorId } = aYear();
    const opened = mutations.filter((m) => m.name === 'count.open');
    expect(opened).toHaveLength(Math.floor(365 / 28));
    expect(counts.counts).toBe(opened.length);
    const categories = new Set(opened.map((m) => (m.args as OpenCountArgs).refId));
    expect(categories.size).toBeGreaterThanOrEqual(6);
    for (const open of opened) {
      const args = open.args as OpenCountArgs;
      expect(args).toMatchObject({ scope: 'category', locationId: floorId, blind: true });
      expect(open.at.slice(11, 16)).toBe('08:30');
      const records = mutations.filter((m) => m.name === 'count.record' && (m.args as RecordCountArgs).countId === args.countId);
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThanOrEqual(40);
      const apply = mutations.find((m) => m.name === 'count.apply' && (m.args as ApplyCountArgs).countId === args.countId)!;
      expect((apply.args as ApplyCountArgs).choices.map((c) => c.itemId)).toEqual(
        records.map((r) => (r.args as { itemId: string }).itemId),
      );
      // Before the shift of that day opens.
      const day = open.at.slice(0, 10);
      const shift = mutations.find((m) => m.name === 'shift.open' && m.at.startsWith(day))!;
      expect(mutations.indexOf(apply)).toBeLessThan(mutations.indexOf(shift));
    }
    expect(counts.countedLines).toBe(mutations.filter((m) => m.name === 'count.record').length);
    // Shrinkage and found stock exist but stay small: a few % of the lines, shrinkage more often.
    expect(counts.shrinkageUnits).toBeGreaterThan(0);
    expect(counts.shrinkageUnits).toBeGreaterThan(counts.foundUnits);
    expect(counts.shrinkageUnits + counts.foundUnits).toBeLessThan(counts.countedLines * 0.5);
  }, 60_000);
});
