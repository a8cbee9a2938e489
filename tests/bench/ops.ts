// Timed register operations of the benchmark (issue #10), written once against an `Env` and a raw
// IndexedDB connection so the benchmark page (real Chromium IndexedDB) and the smoke test
// (fake-indexeddb in Node) run the same code. Never imported by the app.
import { candidateFor, lookupCode, type CartCandidate } from '../../src/data/queries/register';
import { completeSale, openShift, type CartLine } from '../../src/data/commands/sales';
import { ensureDefaultLocation } from '../../src/data/commands/locations';
import { readSettings } from '../../src/data/queries/settings';
import { priceSale } from '../../src/domain/sale/pricing';
import type { TenderInput } from '../../src/domain/sale/tender';
import type { Lot } from '../../src/domain/inventory/ledger';
import type { Env } from '../../src/data/commands/perform';

export async function time(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

export const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });

/** A raw put of `record` into `store` in its own transaction, resolved when it commits. */
export function rawPut(raw: IDBDatabase, store: string, record: unknown): Promise<void> {
  const tx = raw.transaction(store, 'readwrite');
  tx.objectStore(store).put(record);
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
  });
}

/**
 * What the benchmark needs of the register's cart: the page passes the app's own `Cart`
 * (src/state/cart.svelte.ts, Svelte runes, compiled by the page's build); the smoke test in Node,
 * where runes do not compile, a plain stand-in that prices with the same `priceSale`.
 */
export interface CartLike {
  readonly lines: readonly unknown[];
  readonly pieceIds: string[];
  readonly priced: { total: number };
  add(candidate: CartCandidate): unknown;
  clear(): void;
}

export interface ScanResult {
  /** The session's first scan (cold indexes and code paths), kept out of `times`. */
  first: number;
  times: number[];
  floor: number[];
  /** Codes that did not end as a line in the cart (must be 0). */
  missing: number;
}

/**
 * Scan → line in cart, as `Register.addCode` does it (src/state/register.svelte.ts): the lookup
 * of the code (piece by barcode or serial, else item by SKU or barcode; the candidate with title,
 * tax rate, stock and set components), `cart.add`, then the cart's totals (`priceSale`) that the
 * screen shows. Carts hold up to three lines, then start again. Floor: a raw get of the item by
 * its barcode index. The first scan is timed on its own and kept out of the percentiles.
 */
export async function scanToCart(
  env: Pick<Env, 'db'>,
  raw: IDBDatabase,
  codes: readonly string[],
  reps: number,
  cart: CartLike,
): Promise<ScanResult> {
  const out: ScanResult = { first: 0, times: [], floor: [], missing: 0 };
  const scan = async (code: string): Promise<number> => {
    if (cart.lines.length >= 3) cart.clear();
    let added = false;
    const ms = await time(async () => {
      const found = await lookupCode(env.db, code, cart.pieceIds);
      if (found.kind !== 'found') return;
      cart.add(found.candidate);
      added = cart.priced.total >= 0;
    });
    if (!added) out.missing += 1;
    return ms;
  };
  cart.clear();
  out.first = await scan(codes[0]!);
  cart.clear();
  for (let r = 0; r < reps; r += 1)
    for (const code of codes) {
      out.times.push(await scan(code));
      out.floor.push(await time(() => done(raw.transaction('items').objectStore('items').index('barcodes').get(code))));
    }
  cart.clear();
  return out;
}

export interface SaleBenchResult {
  /** The first sale after opening the shift (cold code paths), kept out of `times`. */
  first: number;
  times: number[];
  floor: number[];
  lines: number;
  /** Sale lines whose cost came from FIFO layers (a sanity check that layers were consumed). */
  linesFromLayers: number;
  /** Median size of a stored sale record (JSON characters), i.e. of the floor's record. */
  saleChars: number;
}

const toLine = (c: CartCandidate): CartLine => ({
  lineId: crypto.randomUUID(),
  itemId: c.itemId,
  pieceId: c.pieceId,
  title: c.title,
  sku: c.sku,
  quantity: 1,
  unitPrice: c.unitPrice,
  priceOverridden: false,
  taxRateBp: c.taxRateBp,
  discount: null,
  components: c.components,
});

/**
 * Completing `count` sales of 2 or 3 lines (alternately) with `completeSale` (src/data/commands/
 * sales.ts): receipt number, sale, one stock event per line, the FIFO layers it consumes, outbox
 * row — one transaction. The items are quantity-tracked items that have FIFO layers with stock
 * left (any catalogue made with `stock.receive`), each sold once where there are enough. Every
 * other sale is paid by card, the rest in cash with change. A shift is opened first (untimed).
 * Floor: a raw put of the stored sale record itself, in its own transaction. One more sale is
 * completed first, timed on its own and kept out of the percentiles.
 */
export async function completeSales(env: Env, raw: IDBDatabase, count: number): Promise<SaleBenchResult> {
  const settings = await readSettings(env.db);
  const locationId = await ensureDefaultLocation(env);
  const shiftId = await openShift(env, { locationId, openingFloat: 20_000, staffId: null });
  const wanted = (count + 1) * 3;
  const itemIds: string[] = [];
  const seen = new Set<string>();
  // Lots in id order (= creation order); only layers with units left.
  await env.db.lots
    .filter((l) => (l as unknown as Lot).qtyRemaining > 0)
    .until(() => itemIds.length >= wanted)
    .each((l) => {
      const itemId = (l as unknown as Lot).itemId;
      if (!seen.has(itemId)) itemIds.push(itemId);
      seen.add(itemId);
    });
  const candidates: CartCandidate[] = [];
  for (const id of itemIds) {
    const found = await candidateFor(env.db, id);
    if (found.kind === 'found' && found.candidate.tracking === 'quantity' && found.candidate.unitPrice > 0)
      candidates.push(found.candidate);
  }
  if (candidates.length < 3) throw new Error(`completeSales: only ${candidates.length} items with FIFO layers to sell`);
  const out: SaleBenchResult = { first: 0, times: [], floor: [], lines: 0, linesFromLayers: 0, saleChars: 0 };
  const sizes: number[] = [];
  let next = 0;
  for (let i = -1; i < count; i += 1) {
    const lines = Array.from({ length: 2 + (Math.abs(i) % 2) }, () => toLine(candidates[next++ % candidates.length]!));
    const total = priceSale(lines, null, settings.taxMode).total;
    const tenders: Omit<TenderInput, 'id'>[] =
      Math.abs(i) % 2 === 0
        ? [{ kind: 'card', amount: total, method: 'Visa', reference: null }]
        : [{ kind: 'cash', amount: Math.ceil(total / 1000) * 1000 + 1000, method: null, reference: null }];
    let saleId = '';
    const ms = await time(async () => {
      ({ saleId } = await completeSale(env, {
        shiftId,
        locationId,
        lines,
        saleDiscount: null,
        tenders,
        staffId: null,
        approvedBy: null,
        customerId: null,
      }));
    });
    if (i < 0) {
      out.first = ms;
      continue;
    }
    out.times.push(ms);
    const sale = (await done(raw.transaction('sales').objectStore('sales').get(saleId))) as {
      lines: { cogs: number | null; costUnknownQty: number }[];
    };
    out.lines += sale.lines.length;
    out.linesFromLayers += sale.lines.filter((l) => l.cogs !== null && l.costUnknownQty === 0).length;
    sizes.push(JSON.stringify(sale).length);
    out.floor.push(await time(() => rawPut(raw, 'sales', sale)));
  }
  out.saleChars = sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
  return out;
}
