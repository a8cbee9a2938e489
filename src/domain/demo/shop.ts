import { addDays, addMonths, format, parseISO } from 'date-fns';
import { Rng, idMaker } from './random';
import { CATEGORIES, COLLECTIONS, NAMES, PURITY, STONES, STYLES, SUPPLIER_NAMES, type CategorySpec } from './words';

/**
 * The demo shop (issue #10): a deterministic jewelry catalogue — categories, suppliers with lead
 * times, seasonal collections, products with size and metal variants, ~3 % one-of-a-kind pieces
 * with certificates, FIFO lots at varying unit costs — as the argument lists of mutations that
 * exist in the registry, streamed in chunks so a 200,000-SKU shop never sits in memory at once.
 * Pure: no clock, no Math.random; the same options give the same chunks.
 */

export interface DemoOptions {
  /** Items (sellable SKUs) to make. */
  skus: number;
  seed: number;
  /** The shop's "today" (yyyy-MM-dd): season ends are relative to it. */
  today?: string;
  /** Products per chunk (each chunk is one write batch). */
  chunkProducts?: number;
}

export interface DemoMutation {
  name: string;
  args: unknown;
}

/** One write batch: the mutations in order plus what they will look up (for a batch writer's prefetch). */
export interface DemoChunk {
  mutations: DemoMutation[];
  /** New record ids this chunk creates, by table. */
  ids: Record<'products' | 'items' | 'stockEvents' | 'lots' | 'pieces', string[]>;
  /** SKUs and barcodes of the new items (normalised). */
  codes: string[];
  /** Items made so far (including this chunk), for progress. */
  skusDone: number;
  /** A few items of this chunk the benchmark can look up by code or search for. */
  samples: { sku: string; barcode: string; certificate?: string }[];
}

export const DEMO_TODAY = '2026-06-30';
const ID_BASE_MS = Date.UTC(2026, 0, 1);

/** EAN-13 check digit of 12 digits. */
export function ean13(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return twelve + String((10 - (sum % 10)) % 10);
}

const round = (cents: number, to: number) => Math.max(to, Math.round(cents / to) * to);

function pickCategory(rng: Rng): CategorySpec {
  const total = CATEGORIES.reduce((n, c) => n + c.weight, 0);
  let r = rng.next() * total;
  for (const c of CATEGORIES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return CATEGORIES[0]!;
}

function combos(options: { values: string[] }[]): string[][] {
  return options.reduce<string[][]>((acc, o) => acc.flatMap((c) => o.values.map((v) => [...c, v])), [[]]);
}

/** The number of chunks is not known up front; the generator stops at exactly `skus` items. */
export function* demoShop(options: DemoOptions): Generator<DemoChunk> {
  const rng = new Rng(options.seed);
  const id = idMaker(new Rng(options.seed ^ 0x5bd1e995), ID_BASE_MS);
  const today = parseISO(options.today ?? DEMO_TODAY);
  const perChunk = options.chunkProducts ?? 200;
  const empty = (): DemoChunk['ids'] => ({ products: [], items: [], stockEvents: [], lots: [], pieces: [] });

  // Set-up: locations, categories, suppliers, collections.
  const floor = id();
  const stockroom = id();
  const setup: DemoMutation[] = [
    { name: 'location.save', args: { id: floor, name: 'Shop floor', kind: 'floor' } },
    { name: 'location.save', args: { id: stockroom, name: 'Stockroom', kind: 'stockroom' } },
  ];
  const categoryIds = new Map<string, string>();
  for (const c of CATEGORIES) {
    const cid = id();
    categoryIds.set(c.code, cid);
    setup.push({ name: 'category.save', args: { id: cid, name: c.name, code: c.code } });
  }
  const suppliers = SUPPLIER_NAMES.map((name) => ({ id: id(), name, leadTimeDays: rng.pick([5, 7, 10, 14, 21, 30, 45, 60]) }));
  for (const s of suppliers) setup.push({ name: 'supplier.save', args: s });
  const collections = COLLECTIONS.map((c) => ({
    id: id(),
    name: c.name,
    seasonEnd: c.endsInMonths === null ? null : format(addMonths(today, c.endsInMonths), 'yyyy-MM-dd'),
  }));
  for (const c of collections) setup.push({ name: 'collection.save', args: c });
  yield { mutations: setup, ids: empty(), codes: [], skusDone: 0, samples: [] };

  let made = 0;
  let seq = 0;
  let certificates = 0;
  while (made < options.skus) {
    const chunk: DemoChunk = { mutations: [], ids: empty(), codes: [], skusDone: 0, samples: [] };
    for (let p = 0; p < perChunk && made < options.skus; p += 1) {
      const category = pickCategory(rng);
      // ~3 % of the SKUs are one-of-a-kind pieces (a piece is one SKU; a ring line is a dozen).
      const unique = category.unique && certificates < 0.03 * (made + 1) && rng.chance(0.5);
      const stone = rng.chance(0.6) ? rng.pick(STONES) : undefined;
      const style = rng.pick(STYLES);
      const noun = rng.pick(category.nouns);
      const named = rng.chance(0.35) ? `${rng.pick(NAMES)} ` : '';
      const title = unique ? `One-of-a-kind ${style} ${stone ?? 'Diamond'} ${noun}` : `${named}${style}${stone ? ` ${stone}` : ''} ${noun}`;
      const productId = id();
      const supplier = rng.pick(suppliers);
      const collection = rng.chance(0.7) ? rng.pick(collections) : undefined;
      const base = round(category.price[0] + (category.price[1] - category.price[0]) * rng.next() ** 2, 100);

      const productOptions = unique
        ? []
        : category.options.map((o) => ({ name: o.name, values: rng.some(o.values, rng.int(o.pick[0], o.pick[1])) }));
      let variants = combos(productOptions);
      let usedOptions = productOptions;
      if (variants.length > options.skus - made) {
        usedOptions = [];
        variants = [[]];
      }
      const items = variants.map((values) => {
        seq += 1;
        const itemId = id();
        const metal = usedOptions.findIndex((o) => o.name === 'Metal');
        const metalName = metal >= 0 ? values[metal] : unique ? rng.pick(['Platinum', '18k Rose Gold', '14k Yellow Gold']) : undefined;
        const premium = metalName?.includes('Gold') || metalName === 'Platinum' ? 2.4 : 1;
        const price = round(base * premium, 100) - (rng.chance(0.5) ? 1 : 0) * 5;
        const cost = round(price * (0.28 + rng.next() * 0.2), 1);
        const sku = `${category.code}-${String(seq).padStart(6, '0')}`;
        const barcode = ean13(`20${String(seq).padStart(10, '0')}`);
        const size = usedOptions.findIndex((o) => o.name === 'Size' || o.name === 'Length');
        return {
          id: itemId,
          sku,
          price,
          cost: unique ? null : cost,
          unitCost: cost,
          optionValues: values,
          tracking: unique ? ('piece' as const) : ('quantity' as const),
          barcodes: [barcode],
          tags: collection?.seasonEnd ? ['seasonal'] : [],
          attributes: {
            ...(metalName ? { metal: metalName, ...(PURITY[metalName] ? { purity: PURITY[metalName] } : {}) } : {}),
            ...(stone ? { stone } : {}),
            ...(size >= 0 ? { size: values[size] } : {}),
          },
        };
      });
      chunk.mutations.push({
        name: 'catalog.createProduct',
        args: {
          product: {
            id: productId,
            title,
            vendor: supplier.name,
            categoryId: categoryIds.get(category.code)!,
            collectionId: collection?.id ?? null,
            season: collection?.seasonEnd ? collection.name : '',
            options: usedOptions,
          },
          items: items.map(({ unitCost: _unitCost, ...item }) => ({ ...item, supplierId: supplier.id })),
        },
      });
      chunk.ids.products.push(productId);
      for (const item of items) {
        chunk.ids.items.push(item.id);
        chunk.codes.push(item.sku, item.barcodes[0]!);
        if (item.tracking === 'piece') {
          certificates += 1;
          const certificate = `${rng.pick(['GIA', 'IGI', 'HRD'])} ${2_100_000_000 + certificates * 7919}`;
          const pieceId = id();
          const eventId = id();
          chunk.ids.pieces.push(pieceId);
          chunk.ids.stockEvents.push(eventId);
          chunk.mutations.push({
            name: 'piece.receive',
            args: {
              pieceId,
              eventId,
              itemId: item.id,
              locationId: floor,
              serial: `P${String(certificates).padStart(6, '0')}`,
              cost: item.unitCost,
              certificate,
              source: 'purchase-order',
            },
          });
          if (chunk.samples.length < 3) chunk.samples.push({ sku: item.sku, barcode: item.barcodes[0]!, certificate });
          continue;
        }
        // FIFO lots: one to three receipts, unit cost drifting ±15 % (metal prices move).
        const lots = category.code === 'PKG' || category.code === 'FND' ? rng.int(1, 2) : rng.int(1, 3);
        for (let l = 0; l < lots; l += 1) {
          const eventId = id();
          const lotId = id();
          chunk.ids.stockEvents.push(eventId);
          chunk.ids.lots.push(lotId);
          const unitCost = round(item.unitCost * (0.85 + rng.next() * 0.3), 1);
          const quantity = category.code === 'PKG' || category.code === 'FND' ? rng.int(20, 200) : rng.int(1, 6);
          chunk.mutations.push({
            name: 'stock.receive',
            args: {
              eventId,
              lotId,
              itemId: item.id,
              locationId: l === 0 ? floor : rng.pick([floor, stockroom]),
              quantity,
              unitCost,
              supplierId: supplier.id,
              source: 'purchase-order',
              ref: `PO-${format(addDays(today, -rng.int(1, 700)), 'yyMMdd')}-${rng.int(100, 999)}`,
            },
          });
        }
        if (chunk.samples.length < 3 && rng.chance(0.2)) chunk.samples.push({ sku: item.sku, barcode: item.barcodes[0]! });
      }
      made += items.length;
    }
    chunk.skusDone = made;
    yield chunk;
  }
}

/** One day of the (pure-data) sales history: which SKU numbers sold, how many. */
export interface DemoSalesDay {
  day: string;
  lines: { skuIndex: number; quantity: number }[];
}

/**
 * Two years (or `days`) of sale lines with weekly and seasonal patterns (Saturdays busiest,
 * Mondays quiet; December, Valentine's and Mother's Day peaks; a few best sellers). Pure data:
 * `historyMutations` (demo/history.ts) turns them into shifts, restocks and `sale.complete`
 * mutations, for `npm run seed` and the in-app "Load demo shop" alike. `skuIndex` is the 0-based order in which
 * demoShop made the items.
 */
export function* demoSales(options: {
  skus: number;
  seed: number;
  days: number;
  today?: string;
  linesPerDay?: number;
}): Generator<DemoSalesDay> {
  const rng = new Rng(options.seed ^ 0x27d4eb2d);
  const end = parseISO(options.today ?? DEMO_TODAY);
  const mean = options.linesPerDay ?? 60;
  const weekday = [0.8, 0.55, 0.8, 0.9, 1.05, 1.35, 1.6]; // Sun..Sat
  const month = [0.75, 1.35, 0.85, 0.9, 1.25, 0.9, 0.85, 0.85, 0.9, 0.95, 1.2, 2.1];
  for (let d = options.days - 1; d >= 0; d -= 1) {
    const date = addDays(end, -d);
    const n = Math.round(mean * weekday[date.getDay()]! * month[date.getMonth()]! * (0.8 + rng.next() * 0.4));
    const lines: DemoSalesDay['lines'] = [];
    for (let i = 0; i < n; i += 1)
      lines.push({ skuIndex: Math.floor(options.skus * rng.next() ** 3), quantity: rng.chance(0.9) ? 1 : rng.int(2, 4) });
    yield { day: format(date, 'yyyy-MM-dd'), lines };
  }
}
