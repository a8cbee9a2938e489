// `npm run seed -- --url http://127.0.0.1:4173 --code <pairing code> [--skus 2000] [--days 730] [--seed 1]`
// Fills a running Trove server with the demo shop (issue #10): pairs as a device with the code
// (`npm run pairing-code` prints one) and pushes the generated mutations through the real sync
// API, 250 per push. Then the sales history (--days; 0 for none): one shift per day on the
// seeder's register (`shift.open`, and `shift.close` with the drawer counted exactly), the day's
// sales through `sale.complete` (1–3 lines, card or cash), which consume the FIFO layers the
// catalogue received; a best seller about to run out is restocked first (`stock.receive`, a new
// layer at a drifted cost), and a one-of-a-kind piece sells once. The server applies each with
// the same code as a device. Devices that pair afterwards pull the shop and its history.
import { TZDate } from '@date-fns/tz';
import { Hlc } from '../../src/domain/hlc';
import { loadAllMutations, mutations as registry, prepare } from '../../src/domain/sync/registry';
import { demoSales, demoShop, type DemoMutation } from '../../src/domain/demo/shop';
import { idMaker, Rng } from '../../src/domain/demo/random';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { variantLabel } from '../../src/domain/catalog/variants';
import { priceSale } from '../../src/domain/sale/pricing';
import { roundToIncrement } from '../../src/domain/sale/tender';
import type { SaleArgs } from '../../src/domain/sale/sale';
import { SCHEMA_VERSION } from '../../src/data/schema';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

export interface SeedOptions {
  url: string;
  code: string;
  skus: number;
  days: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  /** All mutations pushed (catalogue and history). */
  mutations: number;
  skus: number;
  /** Sale lines the generator made for the period. */
  saleLines: number;
  /** What was written of them. */
  sales: number;
  soldLines: number;
  shifts: number;
  restocks: number;
  /** Lines dropped because their one-of-a-kind piece had already sold. */
  skippedPieceLines: number;
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What the history needs to know of each item the catalogue made, in the order it made them. */
interface SellableItem {
  id: string;
  sku: string;
  title: string;
  price: number;
  pieceId: string | null;
  sold: boolean;
  /** Units left in its FIFO layers (as the seeder counts them). */
  left: number;
  lastCost: number;
  supplierId: string | null;
  bulk: boolean;
}

type CreateProductArgs = {
  product: { title: string };
  items: { id: string; sku: string; price: number; tracking: 'quantity' | 'piece'; optionValues: string[]; supplierId: string | null }[];
};

/** Collects the sellable items (and the shop floor's id) from the catalogue's mutations. */
function learn(items: SellableItem[], byId: Map<string, SellableItem>, mutations: DemoMutation[], floor: { id?: string }): void {
  for (const m of mutations) {
    if (m.name === 'location.save' && (m.args as { kind: string }).kind === 'floor') floor.id ??= (m.args as { id: string }).id;
    if (m.name === 'catalog.createProduct') {
      const { product, items: made } = m.args as CreateProductArgs;
      for (const i of made) {
        const item: SellableItem = {
          id: i.id,
          sku: i.sku,
          title: [product.title, variantLabel(i.optionValues)].filter(Boolean).join(' — '),
          price: i.price,
          pieceId: null,
          sold: false,
          left: 0,
          lastCost: 0,
          supplierId: i.supplierId,
          bulk: i.sku.startsWith('PKG-') || i.sku.startsWith('FND-'),
        };
        items.push(item);
        byId.set(i.id, item);
      }
    } else if (m.name === 'stock.receive') {
      const a = m.args as { itemId: string; quantity: number; unitCost: number };
      const item = byId.get(a.itemId)!;
      item.left += a.quantity;
      item.lastCost = a.unitCost;
    } else if (m.name === 'piece.receive') {
      const a = m.args as { itemId: string; pieceId: string };
      byId.get(a.itemId)!.pieceId = a.pieceId;
    }
  }
}

/**
 * The history as mutations, day by day: shift.open, restocks and sales, shift.close. Each with the
 * instant it happened (in the shop's default time zone, UTC), so reports see two years of days.
 */
function* historyMutations(
  items: SellableItem[],
  options: { skus: number; seed: number; days: number; floorId: string; registerCode: string },
  counts: SeedResult,
): Generator<DemoMutation & { at: string }> {
  const rng = new Rng(options.seed ^ 0x6a09e667);
  const id = idMaker(new Rng(options.seed ^ 0x3c6ef372), Date.UTC(2026, 1, 1));
  const { taxMode, taxRateBp, cashIncrement, timeZone } = DEFAULT_SETTINGS;
  const closes = registry.has('shift.close');
  let receipt = 0;
  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days })) {
    const [y, mo, d] = day.day.split('-').map(Number) as [number, number, number];
    const at = (minutes: number) => new TZDate(y, mo - 1, d, 0, minutes, timeZone).toISOString();
    const shiftId = id();
    const openingFloat = 20_000;
    let cash = 0;
    counts.shifts += 1;
    yield {
      name: 'shift.open',
      args: { shiftId, registerCode: options.registerCode, locationId: options.floorId, openingFloat, staffId: null, businessDay: day.day },
      at: at(9 * 60 + 45),
    };
    // The day's lines in sales of one to three lines, spread over opening hours (10:00–18:00).
    const pending = [...day.lines];
    const sales: (typeof day.lines)[] = [];
    while (pending.length > 0) sales.push(pending.splice(0, rng.chance(0.55) ? 1 : rng.int(2, 3)));
    for (const [n, group] of sales.entries()) {
      const minute = 10 * 60 + Math.floor(((n + rng.next()) / sales.length) * 8 * 60);
      const lines: SaleArgs['lines'] = [];
      for (const { skuIndex, quantity: wanted } of group) {
        const item = items[skuIndex]!;
        if (item.pieceId && item.sold) {
          counts.skippedPieceLines += 1;
          continue;
        }
        if (lines.some((l) => l.itemId === item.id)) continue;
        const quantity = item.pieceId ? 1 : wanted;
        if (!item.pieceId && item.left < quantity) {
          // Reordered in time: a new FIFO layer at today's (drifted) cost.
          const units = Math.max(quantity, item.bulk ? rng.int(50, 200) : rng.int(3, 8));
          const unitCost = Math.max(1, Math.round(item.lastCost * (0.92 + rng.next() * 0.2)));
          counts.restocks += 1;
          yield {
            name: 'stock.receive',
            args: {
              eventId: id(),
              lotId: id(),
              itemId: item.id,
              locationId: options.floorId,
              quantity: units,
              unitCost,
              supplierId: item.supplierId,
              source: 'purchase-order',
              ref: `PO-${day.day.replace(/-/g, '').slice(2)}-${String(receipt + 1).slice(-3)}`,
            },
            at: at(minute - 1),
          };
          item.left += units;
          item.lastCost = unitCost;
        }
        if (item.pieceId) item.sold = true;
        else item.left -= quantity;
        lines.push({
          lineId: id(),
          itemId: item.id,
          pieceId: item.pieceId,
          title: item.title.slice(0, 200),
          sku: item.sku,
          quantity,
          unitPrice: item.price,
          priceOverridden: false,
          taxRateBp,
          discount: null,
          eventId: id(),
          components: [],
        });
      }
      if (lines.length === 0) continue;
      const total = priceSale(lines, null, taxMode).total;
      const paysCash = rng.chance(0.3);
      const due = roundToIncrement(total, cashIncrement);
      const tenders: SaleArgs['tenders'] = paysCash
        ? [{ id: id(), kind: 'cash', amount: Math.ceil(due / 2000) * 2000, method: null, reference: null }]
        : [{ id: id(), kind: 'card', amount: total, method: rng.pick(['Visa', 'Mastercard', 'Amex']), reference: null }];
      if (paysCash) cash += due;
      receipt += 1;
      counts.sales += 1;
      counts.soldLines += lines.length;
      const args: SaleArgs = {
        saleId: id(),
        receiptNumber: `${options.registerCode}-${receipt}`,
        shiftId,
        businessDay: day.day,
        locationId: options.floorId,
        staffId: null,
        approvedBy: null,
        customerId: null,
        taxMode,
        lines,
        saleDiscount: null,
        tenders,
        cashIncrement: paysCash ? cashIncrement : 0,
      };
      yield { name: 'sale.complete', args, at: at(minute) };
    }
    if (closes)
      yield {
        name: 'shift.close',
        args: { shiftId, zReportId: id(), countedCash: openingFloat + cash, closedBy: null },
        at: at(18 * 60 + 10),
      };
  }
}

export async function seedServer(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const base = options.url.replace(/\/$/, '');
  const { deviceId, token, registerCode } = await post<{ deviceId: string; token: string; registerCode: string }>(`${base}/v1/pair`, {
    code: options.code,
    deviceName: 'Demo shop seeder',
  });
  let hlc = Hlc.zero(deviceId);
  let id = 0;
  const push = async (list: (DemoMutation & { at?: string })[]) => {
    const rows = list.map((m) => {
      hlc = Hlc.tick(hlc, Date.now());
      id += 1;
      return {
        id,
        name: m.name,
        v: prepare(m.name, m.args).def.version,
        args: m.args,
        hlc: Hlc.format(hlc),
        occurredAt: m.at ?? new Date().toISOString(),
      };
    });
    for (let i = 0; i < rows.length; i += 250) {
      const { results } = await post<{ results: { status: string; reason?: string; message?: string }[] }>(
        `${base}/v1/sync/push`,
        { deviceId, schemaVersion: SCHEMA_VERSION, mutations: rows.slice(i, i + 250) },
        token,
      );
      const at = results.findIndex((r) => r.status === 'rejected');
      if (at >= 0) {
        const bad = rows[i + at]!;
        throw new Error(
          `the server rejected demo mutation ${bad.name}: ${results[at]!.reason ?? 'no reason'} ${results[at]!.message ?? ''}`,
        );
      }
    }
  };
  const result: SeedResult = { mutations: 0, skus: 0, saleLines: 0, sales: 0, soldLines: 0, shifts: 0, restocks: 0, skippedPieceLines: 0 };
  const items: SellableItem[] = [];
  const byId = new Map<string, SellableItem>();
  const floor: { id?: string } = {};
  for (const chunk of demoShop({ skus: options.skus, seed: options.seed })) {
    learn(items, byId, chunk.mutations, floor);
    await push(chunk.mutations);
    result.skus = chunk.skusDone;
    log(`  ${result.skus.toLocaleString('en')} / ${options.skus.toLocaleString('en')} SKUs (${id.toLocaleString('en')} mutations)`);
  }
  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days })) result.saleLines += day.lines.length;
  if (options.days > 0 && items.length > 0) {
    const history = historyMutations(
      items,
      { skus: options.skus, seed: options.seed, days: options.days, floorId: floor.id!, registerCode },
      result,
    );
    let batch: (DemoMutation & { at: string })[] = [];
    let days = 0;
    for (const m of history) {
      batch.push(m);
      if (m.name === 'shift.open') days += 1;
      if (batch.length >= 1000) {
        await push(batch);
        batch = [];
        log(
          `  sales history: day ${days} / ${options.days}, ${result.sales.toLocaleString('en')} sales (${id.toLocaleString('en')} mutations)`,
        );
      }
    }
    await push(batch);
  }
  result.mutations = id;
  return result;
}

if (process.argv[1]?.endsWith('seed.ts')) {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback?: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const url = value('url', process.env['TROVE_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 4173}`)!;
  const code = value('code');
  if (!code) {
    console.error(
      'Usage: npm run seed -- --code <pairing code> [--url http://127.0.0.1:4173] [--skus 2000] [--days 730] [--seed 1]\n(npm run pairing-code prints a code)',
    );
    process.exit(2);
  }
  const options: SeedOptions = {
    url,
    code,
    skus: Number(value('skus', '2000')),
    days: Number(value('days', '730')),
    seed: Number(value('seed', '1')),
    log: (l) => console.log(l),
  };
  const started = Date.now();
  const done = await seedServer(options);
  console.log(
    `Seeded ${url} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${done.skus.toLocaleString('en')} SKUs and their history in ${done.mutations.toLocaleString('en')} mutations.`,
  );
  console.log(
    `Sales history over ${options.days} days: ${done.sales.toLocaleString('en')} sales with ${done.soldLines.toLocaleString('en')} lines in ${done.shifts.toLocaleString('en')} shifts, ` +
      `${done.restocks.toLocaleString('en')} restocks (${done.skippedPieceLines.toLocaleString('en')} generated lines dropped: their one-of-a-kind piece had sold). Returns and stock counts are not generated yet.`,
  );
}
