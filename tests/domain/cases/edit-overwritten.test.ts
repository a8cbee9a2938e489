import { describe, expect, it } from 'vitest';
import { applyMutation, isRestricted, loadAllMutations, prepare } from '../../../src/domain/sync/registry';
import { overwrittenSentence } from '../../../src/ui/screens/cases/labels';
import type { CaseRecord } from '../../../src/domain/cases';
import type { ItemRecord } from '../../../src/domain/catalog/item';
import { meta } from '../../factories/memory-store';
import { RING, shop, u } from '../../factories/sale-shop';

await loadAllMutations();

const CASE_ID = `edit-overwritten:items/${RING}/price`;
const priceEdit = (price: number) => ({ id: RING, patch: { price } });
const cases = (store: Awaited<ReturnType<typeof shop>>) => store.all('cases') as unknown as CaseRecord[];
const price = async (store: Awaited<ReturnType<typeof shop>>) => ((await store.get('items', RING)) as ItemRecord).values.price;

describe('edit-overwritten case', () => {
  it('an older edit arriving second keeps the later value and opens one case with both', async () => {
    const store = await shop();
    const later = meta(50_000, 'counter');
    const earlier = meta(40_000, 'stall');
    await applyMutation(store, 'item.save', 1, priceEdit(5200), later);
    await applyMutation(store, 'item.save', 1, priceEdit(4800), earlier);
    expect(await price(store)).toBe(5200);
    const open = cases(store).filter((c) => c.type === 'edit-overwritten');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      id: CASE_ID,
      status: 'open',
      concerns: [`items/${RING}`],
      openedAt: earlier.occurredAt,
      overwritten: {
        table: 'items',
        id: RING,
        field: 'price',
        label: 'RING-1',
        kept: { value: 5200, hlc: later.hlc },
        lost: [{ value: 4800, hlc: earlier.hlc }],
      },
    });
  });

  it('applying the same losing mutation twice still makes one case listing it once', async () => {
    const store = await shop();
    const earlier = meta(40_000, 'stall');
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'counter'));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), earlier);
    const first = structuredClone(cases(store).find((c) => c.id === CASE_ID));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), earlier);
    const all = cases(store).filter((c) => c.type === 'edit-overwritten');
    expect(all).toHaveLength(1);
    expect(all[0]).toEqual(first);
  });

  it('equal values open no case', async () => {
    const store = await shop();
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'counter'));
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(40_000, 'stall'));
    expect(cases(store).filter((c) => c.type === 'edit-overwritten')).toEqual([]);
  });

  it('a newer edit made without seeing the stored value opens the SAME case when it arrives second', async () => {
    // Both devices edited the price they had (the item's creation clock); either order of arrival.
    const results = [];
    const stallMeta = meta(40_000, 'stall');
    const counterMeta = meta(50_000, 'counter');
    for (const order of ['older-first', 'newer-first'] as const) {
      const store = await shop();
      const base = ((await store.get('items', RING)) as ItemRecord).clocks['price']!;
      const stall = { m: stallMeta, args: { ...priceEdit(4800), bases: { price: base } } };
      const counter = { m: counterMeta, args: { ...priceEdit(5200), bases: { price: base } } };
      for (const e of order === 'older-first' ? [stall, counter] : [counter, stall])
        await applyMutation(store, 'item.save', 1, e.args, e.m);
      expect(await price(store)).toBe(5200);
      const open = cases(store).filter((c) => c.type === 'edit-overwritten');
      expect(open).toHaveLength(1);
      expect(open[0]!.overwritten).toMatchObject({ kept: { value: 5200, hlc: counter.m.hlc }, lost: [{ value: 4800, hlc: stall.m.hlc }] });
      const { openedAt: _o, ...rest } = open[0]!;
      results.push(rest);
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('a newer edit made ON the stored value (its base is the stored clock) is an ordinary edit', async () => {
    const store = await shop();
    const first = meta(40_000, 'stall');
    await applyMutation(store, 'item.save', 1, priceEdit(4800), first);
    await applyMutation(store, 'item.save', 1, { ...priceEdit(5200), bases: { price: first.hlc } }, meta(50_000, 'counter'));
    expect(await price(store)).toBe(5200);
    expect(cases(store).filter((c) => c.type === 'edit-overwritten')).toEqual([]);
  });

  it('three devices editing one field unseen: every arrival order gives the same value and case (property)', async () => {
    const edits = [
      { m: meta(40_000, 'stall'), price: 4800 },
      { m: meta(45_000, 'phone'), price: 4900 },
      { m: meta(50_000, 'counter'), price: 5200 },
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const seen = new Set<string>();
    for (const order of orders) {
      const store = await shop();
      const base = ((await store.get('items', RING)) as ItemRecord).clocks['price']!;
      for (const i of order) {
        const e = edits[i]!;
        await applyMutation(store, 'item.save', 1, { ...priceEdit(e.price), bases: { price: base } }, e.m);
      }
      expect(await price(store)).toBe(5200);
      const [c, ...more] = cases(store).filter((x) => x.type === 'edit-overwritten');
      expect(more).toEqual([]);
      expect(c!.overwritten!.kept.value).toBe(5200);
      const { openedAt: _o, ...rest } = c!;
      seen.add(JSON.stringify(rest));
    }
    expect(seen.size).toBe(1);
    expect(JSON.parse([...seen][0]!).overwritten.lost.map((l: { value: number }) => l.value)).toEqual([4800, 4900]);
  });

  it('a newer edit without bases (an older app) overwrites without a case', async () => {
    const store = await shop();
    await applyMutation(store, 'item.save', 1, priceEdit(4800), meta(40_000, 'stall'));
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'counter'));
    expect(await price(store)).toBe(5200);
    expect(cases(store).filter((c) => c.type === 'edit-overwritten')).toEqual([]);
  });

  it("a device's own older edit arriving after its newer one opens no case", async () => {
    const store = await shop();
    const older = meta(40_000, 'stall');
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'stall'));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), older);
    expect(cases(store).filter((c) => c.type === 'edit-overwritten')).toEqual([]);
  });

  it('a second losing value is added to the open case; a resolved case opens again', async () => {
    const store = await shop();
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'counter'));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), meta(40_000, 'stall'));
    await applyMutation(store, 'item.save', 1, priceEdit(4900), meta(45_000, 'phone'));
    let c = (await store.get('cases', CASE_ID)) as CaseRecord;
    expect(c.overwritten?.lost.map((l) => l.value)).toEqual([4800, 4900]);
    await applyMutation(store, 'case.resolve', 1, { id: CASE_ID, resolution: 'kept' }, meta(60_000, 'counter'));
    expect(((await store.get('cases', CASE_ID)) as CaseRecord).status).toBe('resolved');
    await applyMutation(store, 'item.save', 1, priceEdit(4700), meta(46_000, 'tablet'));
    c = (await store.get('cases', CASE_ID)) as CaseRecord;
    expect(c.status).toBe('open');
    expect(c.resolution).toBeUndefined();
    expect(c.earlier?.map((e) => e.resolution)).toEqual(['kept']);
    expect(c.overwritten?.lost.map((l) => l.value)).toEqual([4800, 4900, 4700]);
  });

  it('other tables open their case too (a supplier name)', async () => {
    const store = await shop();
    const supplier = u(900);
    await applyMutation(store, 'supplier.save', 1, { id: supplier, name: 'Goldsmith Ltd' }, meta(30_000, 'counter'));
    await applyMutation(store, 'supplier.save', 1, { id: supplier, name: 'Goldsmith & Co' }, meta(50_000, 'counter'));
    await applyMutation(store, 'supplier.save', 1, { id: supplier, name: 'Goldsmiths' }, meta(40_000, 'stall'));
    const c = (await store.get('cases', `edit-overwritten:suppliers/${supplier}/name`)) as CaseRecord;
    expect(c.overwritten).toMatchObject({ label: 'Goldsmith & Co', kept: { value: 'Goldsmith & Co' }, lost: [{ value: 'Goldsmiths' }] });
  });

  it('"use-other" sets the lost value again through item.save, as a new edit (manager only)', async () => {
    const store = await shop();
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(50_000, 'counter'));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), meta(40_000, 'stall'));
    const args = { id: CASE_ID, resolution: 'use-other' };
    const prepared = prepare('case.resolve', args);
    expect(isRestricted(prepared.def, prepared.args)).toBe(true);
    await applyMutation(store, 'case.resolve', 1, args, meta(70_000, 'counter'));
    expect(await price(store)).toBe(4800);
    const c = (await store.get('cases', CASE_ID)) as CaseRecord;
    expect(c).toMatchObject({ status: 'resolved', resolution: 'use-other', records: [`items/${RING}`] });
    // It went through the item's own save: the price history has it.
    expect(store.all('priceChanges').map((p) => [p['old'], p['new']])).toContainEqual([5200, 4800]);
    expect(cases(store).filter((x) => x.type === 'edit-overwritten')).toHaveLength(1);
  });

  it('reads as one plain sentence', async () => {
    const store = await shop();
    await applyMutation(store, 'item.save', 1, priceEdit(5200), meta(Date.UTC(2026, 0, 5, 10, 41), 'counter'));
    await applyMutation(store, 'item.save', 1, priceEdit(4800), meta(Date.UTC(2026, 0, 5, 10, 39), 'stall'));
    const c = (await store.get('cases', CASE_ID)) as CaseRecord;
    const names: Record<string, string> = { counter: 'Counter tablet', stall: 'Stall phone' };
    const sentence = overwrittenSentence(c.overwritten!, {
      money: (m) => (m / 100).toFixed(2),
      time: (iso) => iso.slice(11, 16),
      device: (d) => names[d] ?? 'another device',
    });
    expect(sentence).toBe(
      'Price of RING-1 was set to 52.00 on Counter tablet at 10:41 and to 48.00 on Stall phone at 10:39; 52.00 was kept (the later edit).',
    );
  });
});
