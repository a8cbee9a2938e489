import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { initialJsBytes } from '../../vite.config';
import { build, type Rolldown } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config';
import { benchServer, type BenchServer } from './node-bench';
import { summarize, type Summary } from './stats';
import { CAMERA_FEED_CODE, writeCameraFeed } from '../e2e/support/camera-feed';
import type { SaleBenchResult, ScanResult } from './ops';
import type { InsightsScreenResult } from './insights-screen';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const STATIC_DIR = path.join(ROOT, '.tmp', 'bench-app');

/**
 * Builds the app (as `vite build` does, into .tmp/bench-app so a shared dist/ is never touched)
 * and the benchmark page beside it at /bench/ — same origin, so the page fills the app's own
 * IndexedDB. Returns the initial JS size the app's build reports.
 */
export async function buildForBench(log: (line: string) => void): Promise<{ initialJsKb: number | undefined }> {
  let initialJsKb: number | undefined;
  const capture = {
    name: 'bench-capture-initial-js',
    apply: 'build' as const,
    generateBundle(_o: unknown, bundle: Rolldown.OutputBundle) {
      const bytes = initialJsBytes(bundle);
      if (bytes !== undefined) initialJsKb = bytes / 1024;
    },
  };
  log('building the app into .tmp/bench-app …');
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [capture],
    build: { outDir: STATIC_DIR, emptyOutDir: true },
  });
  log('building the benchmark page into .tmp/bench-app/bench …');
  await build({
    configFile: false,
    root: path.join(ROOT, 'tests/bench/page'),
    base: '/bench/',
    logLevel: 'warn',
    // The app's Svelte set-up, so the page can use the register's Cart and the import's state
    // classes (.svelte.ts modules with runes) exactly as the app does.
    plugins: [svelte({ configFile: path.join(ROOT, 'svelte.config.js') })],
    build: { outDir: path.join(STATIC_DIR, 'bench'), emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
  return { initialJsKb };
}

type Bench = {
  seed(
    skus: number,
    seed: number,
  ): Promise<{ ms: number; items: number; outbox: number; samples: { sku: string; barcode: string; certificate?: string }[] }>;
  search(queries: string[], reps: number): Promise<{ times: number[]; floor: number[] }>;
  findByCode(codes: string[], reps: number): Promise<{ times: number[]; floor: number[]; missing: number }>;
  floors(codes: string[], reps: number): Promise<{ get: number[]; put: number[] }>;
  scanToCart(codes: string[], reps: number): Promise<ScanResult>;
  completeSales(count: number): Promise<SaleBenchResult>;
  importCsv(rows: number, seed: number): Promise<ImportResult>;
  cameraFirstRead(
    reps: number,
    timeoutMs: number,
  ): Promise<{ firstRead: number[]; started: number[]; codes: string[]; formats: string[]; timeouts: number }>;
  syncPush(code: string, count: number): Promise<{ ms: number; pushed: number; code: string }>;
  syncPull(code: string): Promise<{ ms: number; pulled: number; items: number }>;
  insightsScreen(lines: number, skus: number, days: number, reps: number, sales: number): Promise<InsightsScreenResult>;
  decoders(reps: number): Promise<{
    html5: number[];
    zxing: number[];
    html5Ok: number;
    zxingOk: number;
    frames: number;
    reps: number;
    html5Error: string;
    nativeDetector: boolean;
  }>;
};

async function call<K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return (await page.evaluate(
    ([n, a]) =>
      (window as unknown as { __troveBench: Record<string, (...x: unknown[]) => Promise<unknown>> }).__troveBench[n as string]!(
        ...(a as unknown[]),
      ),
    [name, args] as const,
  )) as Awaited<ReturnType<Bench[K]>>;
}

export interface Timed {
  summary: Summary;
  floor?: Summary;
  /** p50 of the operation over p50 of its raw IndexedDB floor. */
  ratio?: number;
}

const withFloor = (times: number[], floor: number[]): Timed => {
  const summary = summarize(times);
  const f = summarize(floor);
  return { summary, floor: f, ratio: summary.p50 / f.p50 };
};

export interface SizeResult {
  skus: number;
  seedMs: number;
  outbox: number;
  searchCommon: Timed;
  searchRare: Timed;
  searchAsYouType: Timed;
  findByCode: Timed;
  /** lookupCode + Cart.add + the cart's totals, floor: raw get by barcode. */
  scanToCart: Timed & { first: number };
  /** completeSale of 2–3 line sales, floor: raw put of the stored sale record. */
  completeSale: Timed & { first: number; lines: number; linesFromLayers: number; saleChars: number };
  rawGet: Summary;
  rawPut: Summary;
  coldStart: Summary;
  heapMb: number;
  heapCatalogueMb: number;
}

/** Queries a person types: very common words, rare ones, and every keystroke of two phrases. */
function prefixes(phrase: string): string[] {
  return Array.from({ length: phrase.length }, (_, i) => phrase.slice(0, i + 1)).filter((q) => !q.endsWith(' '));
}

export async function browserBench(
  sizes: number[],
  options: { reps: number; coldStarts: number; decoderReps: number; sales: number; log: (line: string) => void },
): Promise<{ chromium: string; sizes: SizeResult[]; decoders: Awaited<ReturnType<Bench['decoders']>> | undefined }> {
  const server: BenchServer = await benchServer(undefined, STATIC_DIR);
  let version = '';
  try {
    const results: SizeResult[] = [];
    let decoders: Awaited<ReturnType<Bench['decoders']>> | undefined;
    for (const skus of sizes) {
      // A persistent, on-disk profile like an installed app: an incognito context's IndexedDB
      // quota runs out near 100,000 SKUs (QuotaExceededError).
      const profile = mkdtempSync(path.join(tmpdir(), 'trove-bench-profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: chromiumArgs,
        serviceWorkers: 'allow',
        viewport: { width: 768, height: 1024 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        version ||= ((await (await context.newCDPSession(page)).send('Browser.getVersion')) as { product: string }).product;
        page.on('console', (m) => {
          if (m.text().startsWith('seeded ')) options.log(`    ${m.text()}`);
        });
        await page.goto(`${server.url}/bench/index.html`);
        await page.waitForFunction(() => document.title === 'Trove benchmark ready');
        options.log(`  ${skus} SKUs: seeding IndexedDB through loadDemoShop …`);
        const seeded = await call(page, 'seed', skus, 1);
        options.log(`  ${skus} SKUs: seeded in ${(seeded.ms / 1000).toFixed(1)} s (${seeded.outbox} outbox rows); measuring …`);
        const codes = seeded.samples.slice(0, 40);
        const certificate = seeded.samples.find((s) => s.certificate)?.certificate ?? 'GIA';
        const common = ['ring', 'silver', 'gold', 'diamond', 's', 'ri'];
        const rare = [certificate, 'tanzanite cuff', codes[0]?.sku ?? 'RNG', 'seraphina bezel'];
        const typed = [...prefixes('sterling silver ring'), ...prefixes('tanzanite cuff')];
        const [c, r, t] = [
          await call(page, 'search', common, options.reps),
          await call(page, 'search', rare, options.reps),
          await call(page, 'search', typed, Math.max(1, Math.round(options.reps / 4))),
        ];
        const find = await call(
          page,
          'findByCode',
          codes.map((s) => s.barcode),
          options.reps,
        );
        if (find.missing > 0) throw new Error(`findByCode missed ${find.missing} generated barcodes`);
        const floors = await call(
          page,
          'floors',
          codes.map((s) => s.sku),
          options.reps,
        );
        const scan = await call(
          page,
          'scanToCart',
          codes.map((s) => s.barcode),
          options.reps,
        );
        if (scan.missing > 0) throw new Error(`scan → cart: ${scan.missing} generated barcodes did not end in the cart`);
        options.log(`  ${skus} SKUs: completing ${options.sales} sales …`);
        const sales = await call(page, 'completeSales', options.sales);
        if (!decoders) {
          options.log('  decoding camera frames with html5-qrcode and zxing-wasm …');
          decoders = await call(page, 'decoders', options.decoderReps);
        }
        // Offline cold start of the real app over this catalogue.
        await page.goto(`${server.url}/`);
        await page.getByRole('heading', { name: 'Sell', level: 1 }).waitFor();
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          if (!navigator.serviceWorker.controller)
            await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        });
        await context.setOffline(true);
        const cold: number[] = [];
        for (let i = 0; i < options.coldStarts; i += 1) {
          await page.reload({ waitUntil: 'commit' });
          await page.getByRole('heading', { name: 'Sell', level: 1 }).waitFor();
          cold.push(await page.evaluate(() => performance.now()));
        }
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        // The catalogue screen (first page of the list) over the same data.
        await page.getByRole('link', { name: 'Catalogue' }).first().click();
        await page.getByRole('heading', { name: 'Catalogue' }).first().waitFor();
        await page.waitForTimeout(500);
        await cdp.send('HeapProfiler.collectGarbage');
        const heapCatalogue = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        results.push({
          skus: seeded.items,
          seedMs: seeded.ms,
          outbox: seeded.outbox,
          searchCommon: withFloor(c.times, c.floor),
          searchRare: withFloor(r.times, r.floor),
          searchAsYouType: withFloor(t.times, t.floor),
          findByCode: withFloor(find.times, find.floor),
          scanToCart: { ...withFloor(scan.times, scan.floor), first: scan.first },
          completeSale: {
            ...withFloor(sales.times, sales.floor),
            first: sales.first,
            lines: sales.lines,
            linesFromLayers: sales.linesFromLayers,
            saleChars: sales.saleChars,
          },
          rawGet: summarize(floors.get),
          rawPut: summarize(floors.put),
          coldStart: summarize(cold),
          heapMb: heap.usedSize / 1024 / 1024,
          heapCatalogueMb: heapCatalogue.usedSize / 1024 / 1024,
        });
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
    return { chromium: version, sizes: results, decoders };
  } finally {
    await server.stop();
  }
}

export interface ImportResult {
  rows: number;
  megabytes: number;
  /** CatalogImport.read: file text, parse, map, group, plan (nothing written). */
  readMs: number;
  /** CatalogImport.confirm: every product, item and receipt as mutations through the batch writer. */
  writeMs: number;
  problems: number;
  summary: { products: number; items: number; receipts: number; units: number };
  itemsInDb: number;
  outbox: number;
}

const launchOptions = (extraArgs: string[] = []) => ({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [...chromiumArgs, ...extraArgs],
});

/** A bench page on the app's origin in a fresh, persistent (on-disk) profile; `run` gets the page. */
async function withBenchPage<T>(
  run: (page: Page) => Promise<T>,
  extraArgs: string[] = [],
  contextOptions: { permissions?: string[] } = {},
): Promise<T> {
  const server = await benchServer(undefined, STATIC_DIR);
  const profile = mkdtempSync(path.join(tmpdir(), 'trove-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      ...launchOptions(extraArgs),
      serviceWorkers: 'block',
      viewport: { width: 768, height: 1024 },
      ...contextOptions,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/bench/index.html`);
      await page.waitForFunction(() => document.title === 'Trove benchmark ready');
      return await run(page);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

/**
 * CSV import of a generated Shopify export of `rows` records into an empty device (a shop moving
 * from Shopify), end to end through the app's CatalogImport: read + plan, then write.
 */
export async function importBench(rows: number, log: (line: string) => void): Promise<ImportResult> {
  return withBenchPage(async (page) => {
    log(`  importing a ${rows.toLocaleString('en')}-row Shopify CSV into an empty device …`);
    const result = await call(page, 'importCsv', rows, 7);
    if (result.problems > 0) throw new Error(`the generated CSV has ${result.problems} problem rows`);
    if (result.itemsInDb !== result.summary.items)
      throw new Error(`import: ${result.itemsInDb} items stored, ${result.summary.items} reported`);
    log(
      `  import: read + plan ${(result.readMs / 1000).toFixed(1)} s, write ${(result.writeMs / 1000).toFixed(1)} s (${result.summary.items} items, ${result.outbox} mutations)`,
    );
    return result;
  });
}

export interface CameraResult {
  /** start() → first onRead, per start. */
  firstRead: Summary;
  /** start() → resolved (camera running), per start. */
  started: Summary;
  reads: number;
  starts: number;
  timeouts: number;
  format: string;
}

/**
 * The camera end to end in Chromium with a fake camera (the e2e `camera` project's flags and
 * feed, tests/e2e/support/camera-feed.ts: a Code 128 tag held still on a counter, 640×480 at 15
 * fps): html5QrcodeScanner().start() to its first onRead, `reps` times.
 */
export async function cameraBench(reps: number, log: (line: string) => void): Promise<CameraResult> {
  const feed = await writeCameraFeed(path.join(ROOT, '.tmp', 'bench-camera', 'code128.y4m'), CAMERA_FEED_CODE);
  const flags = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${feed}`];
  return withBenchPage(
    async (page) => {
      log(`  camera: ${reps} starts of html5QrcodeScanner on a fake camera feed …`);
      const r = await call(page, 'cameraFirstRead', reps, 10_000);
      const wrong = r.codes.filter((c) => c !== CAMERA_FEED_CODE);
      if (wrong.length > 0) throw new Error(`camera read ${wrong[0]} instead of ${CAMERA_FEED_CODE}`);
      return {
        firstRead: summarize(r.firstRead),
        started: summarize(r.started),
        reads: r.firstRead.length,
        starts: reps,
        timeouts: r.timeouts,
        format: r.formats[0] ?? '',
      };
    },
    flags,
    { permissions: ['camera'] },
  );
}

export interface BrowserSyncResult {
  push: Summary;
  pull: Summary;
  total: Summary;
  mutations: number;
  pulledRecords: number;
}

/**
 * Push + pull of `count` mutations between two browser devices (two contexts, real IndexedDB) and
 * the real server on SQLite, through the real sync client; a fresh server per repetition.
 */
export async function browserSyncBench(count: number, reps: number, log: (line: string) => void): Promise<BrowserSyncResult> {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs });
  const push: number[] = [];
  const pull: number[] = [];
  let mutations = 0;
  let pulledRecords = 0;
  try {
    for (let r = 0; r < reps; r += 1) {
      const server = await benchServer(undefined, STATIC_DIR);
      try {
        const open = async () => {
          const context = await browser.newContext({ serviceWorkers: 'block' });
          const page = await context.newPage();
          await page.goto(`${server.url}/bench/index.html`);
          await page.waitForFunction(() => document.title === 'Trove benchmark ready');
          return { context, page };
        };
        const a = await open();
        const pushed = await call(a.page, 'syncPush', server.ownerCode, count);
        const b = await open();
        const pulled = await call(b.page, 'syncPull', pushed.code);
        log(
          `  sync rep ${r + 1}: push ${(pushed.ms / 1000).toFixed(2)} s (${pushed.pushed}), pull ${(pulled.ms / 1000).toFixed(2)} s (${pulled.pulled} records)`,
        );
        push.push(pushed.ms);
        pull.push(pulled.ms);
        mutations = pushed.pushed;
        pulledRecords = pulled.pulled;
        await a.context.close();
        await b.context.close();
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return { push: summarize(push), pull: summarize(pull), total: summarize(push.map((p, i) => p + pull[i]!)), mutations, pulledRecords };
}

/**
 * The Insights screen in Chromium over `lines` sale lines of `days` days on a `skus`-SKU demo
 * shop, in a fresh on-disk profile (see insights-screen.ts and the page's `insightsScreen`).
 */
export async function insightsScreenBench(
  options: { lines: number; skus: number; days: number; reps: number; sales: number },
  log: (line: string) => void,
): Promise<InsightsScreenResult> {
  return withBenchPage(async (page) => {
    page.on('console', (m) => {
      if (m.text().startsWith('seeded ')) log(`    ${m.text()}`);
    });
    log(
      `  Insights: ${options.skus.toLocaleString('en')} SKUs + ${options.lines.toLocaleString('en')} sale lines over ${options.days} days …`,
    );
    return call(page, 'insightsScreen', options.lines, options.skus, options.days, options.reps, options.sales);
  });
}

/** The gzip size of the files in a folder (for reporting only). */
export function gzipKb(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f))).length, 0) / 1024;
}
