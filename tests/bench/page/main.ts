/// <reference types="vite/client" />
// The benchmark's page: built by tests/bench/browser.ts into .tmp/ and served beside the app on
// the same origin (so it fills the app's own IndexedDB), never part of the shipped app.
import { getDb, DB_NAME } from '../../../src/data/db';
import { loadDemoShop } from '../../../src/data/commands/demo';
import { demoShop, ean13 } from '../../../src/domain/demo/shop';
import { findByCode, searchItems } from '../../../src/data/queries/catalog';
import { planQuery } from '../../../src/domain/catalog/search';
import type { Env } from '../../../src/data/commands/perform';
import { BatchWriter } from '../../../src/data/commands/batch-writer';
import { syncOnce } from '../../../src/sync/client';
import { pairDevice } from '../../../src/sync/pairing';
import { httpTransport } from '../../../src/sync/http';
import { Cart } from '../../../src/state/cart.svelte';
import { CatalogImport } from '../../../src/state/catalog-import.svelte';
import { Notices } from '../../../src/state/notices.svelte';
import { html5QrcodeScanner } from '../../../src/scan/html5-qrcode-engine';
import { completeSales, done, scanToCart, time } from '../ops';
import { fillHistory, insightsScreen } from '../insights-screen';
import { InsightsState } from '../../../src/state/insights.svelte';
import { shopifyCsv } from '../shopify-csv';

const env: Env = { db: getDb(), clock: { now: () => Date.now() }, random: (b) => crypto.getRandomValues(b) };

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
}

let raw: IDBDatabase | undefined;
const rawDb = async () => (raw ??= await openRaw());

const bench = {
  /** Fills the app's database with the demo shop; returns the time, the SKU count and sample codes. */
  async seed(skus: number, seed: number) {
    const samples: { sku: string; barcode: string; certificate?: string }[] = [];
    // Sample codes come from the same (deterministic) generator, read ahead without writing.
    for (const chunk of demoShop({ skus, seed })) {
      samples.push(...chunk.samples);
      if (samples.length >= 200) break;
    }
    let last = 0;
    const ms = await time(async () => {
      try {
        await loadDemoShop(env, { skus, seed }, (p) => {
          if (p.skusDone - last >= 20_000) console.log(`seeded ${(last = p.skusDone)} SKUs`);
        });
      } catch (e) {
        const error = e as Error & { inner?: Error };
        throw new Error(
          `seeding failed after ${last}+ SKUs: ${error.name}: ${error.message} ${error.inner ? `(inner ${error.inner.name}: ${error.inner.message})` : ''}`,
          { cause: e },
        );
      }
    });
    return { ms, items: await env.db.items.count(), outbox: await env.db.outbox.count(), samples };
  },

  /** Each query `reps` times (first page, as the search box does); per-query times in ms. */
  async search(queries: string[], reps: number) {
    const out: number[] = [];
    const floor: number[] = [];
    const db = await rawDb();
    for (let r = 0; r < reps; r += 1)
      for (const q of queries) {
        out.push(await time(() => searchItems(env.db, q)));
        const plan = planQuery(q);
        if (plan) {
          // Floor: the same index range read raw, one page (no filter, no summaries).
          floor.push(
            await time(() =>
              done(
                db
                  .transaction('items')
                  .objectStore('items')
                  .index('tokens')
                  .getAll(IDBKeyRange.bound(plan.scan, `${plan.scan}\uffff`), 51),
              ),
            ),
          );
        }
      }
    return { times: out, floor };
  },

  /** findByCode (the lookup part of scan → cart) beside a raw get of the same item by its SKU index. */
  async findByCode(codes: string[], reps: number) {
    const out: number[] = [];
    const floor: number[] = [];
    const db = await rawDb();
    let missing = 0;
    for (let r = 0; r < reps; r += 1)
      for (const code of codes) {
        let found = false;
        out.push(await time(async () => (found = (await findByCode(env.db, code)) !== undefined)));
        if (!found) missing += 1;
        floor.push(await time(() => done(db.transaction('items').objectStore('items').index('barcodes').get(code))));
      }
    return { times: out, floor, missing };
  },

  /** Scan → line in cart with the app's own Cart (see ../ops.ts). */
  async scanToCart(codes: string[], reps: number) {
    return scanToCart(env, await rawDb(), codes, reps, new Cart());
  },

  /** `count` sales of 2–3 lines through completeSale on the seeded shop (see ../ops.ts). */
  async completeSales(count: number) {
    return completeSales(env, await rawDb(), count);
  },

  /**
   * CSV import of a generated `rows`-record Shopify export, end to end as the Import screen does
   * it: the app's CatalogImport (src/state/catalog-import.svelte.ts) reads the File (Papa Parse in
   * chunks, mapping, grouping, the plan — nothing written), then `confirm()` writes it through the
   * batch writer with its progress pauses. Generating the text is not timed.
   */
  async importCsv(rows: number, seed: number) {
    const csv = shopifyCsv(rows, seed);
    const file = new File([csv.text], `shopify-${rows}.csv`, { type: 'text/csv' });
    const notices = new Notices();
    const importer = new CatalogImport(notices, env);
    const failed = () => notices.list.map((n) => n.text).join('; ') || 'no notice';
    const step = () => importer.step; // read after each await (not narrowed by the check before)
    const readMs = await time(() => importer.read(file, 2));
    if (step() !== 'preview' || !importer.plan) throw new Error(`reading the CSV failed: ${failed()}`);
    const plan = importer.plan;
    const writeMs = await time(() => importer.confirm());
    if (step() !== 'done' || !importer.summary) throw new Error(`writing the import failed: ${failed()}`);
    return {
      rows: csv.rows,
      megabytes: csv.text.length / 1024 / 1024,
      readMs,
      writeMs,
      problems: plan.problems.length,
      summary: importer.summary,
      itemsInDb: await env.db.items.count(),
      outbox: await env.db.outbox.count(),
    };
  },

  /**
   * The camera end to end: `html5QrcodeScanner().start()` on the browser's camera (the benchmark
   * launches Chromium with a fake camera playing a Code 128 tag) until its first `onRead`; also
   * when `start()` resolved (camera running). Each repetition stops the camera and starts afresh;
   * the first one includes loading html5-qrcode, as the first scan of a session does.
   */
  async cameraFirstRead(reps: number, timeoutMs: number) {
    const container = document.createElement('div');
    container.style.width = '640px';
    document.body.append(container);
    const out = { firstRead: [] as number[], started: [] as number[], codes: [] as string[], formats: [] as string[], timeouts: 0 };
    for (let r = 0; r < reps; r += 1) {
      const scanner = html5QrcodeScanner();
      let read: (v: { code: string; format: string; at: number }) => void = () => undefined;
      const first = new Promise<{ code: string; format: string; at: number }>((resolve) => (read = resolve));
      const t0 = performance.now();
      await scanner.start(container, (code, format) => read({ code, format, at: performance.now() }));
      out.started.push(performance.now() - t0);
      const result = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))]);
      await scanner.stop();
      if (!result) {
        out.timeouts += 1;
        continue;
      }
      out.firstRead.push(result.at - t0);
      out.codes.push(result.code);
      out.formats.push(result.format);
    }
    container.remove();
    return out;
  },

  /** Raw IndexedDB get and put (its own transaction each) of the same item records. */
  async floors(codes: string[], reps: number) {
    const db = await rawDb();
    const ids: string[] = [];
    for (const code of codes) {
      const item = (await done(db.transaction('items').objectStore('items').index('sku').get(code))) as { id: string } | undefined;
      if (item) ids.push(item.id);
    }
    const get: number[] = [];
    const put: number[] = [];
    for (let r = 0; r < reps; r += 1)
      for (const id of ids) {
        let record: unknown;
        get.push(await time(async () => (record = await done(db.transaction('items').objectStore('items').get(id)))));
        put.push(
          await time(() => {
            const tx = db.transaction('items', 'readwrite');
            tx.objectStore('items').put(record);
            return new Promise<void>((resolve, reject) => {
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error ?? new Error('put failed'));
            });
          }),
        );
      }
    return { get, put };
  },

  /**
   * The same camera-sized frames (640×480, a bar code drawn by bwip-js) decoded by html5-qrcode
   * (its file scanner; the native BarcodeDetector when the browser has one) and by zxing-wasm
   * (the decoder the barcode-detector ponyfill wraps), each from the same PNG.
   */
  async decoders(reps: number) {
    const bwip = await import('bwip-js/browser');
    const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader');
    const wasmUrl = (await import('zxing-wasm/reader/zxing_reader.wasm?url')).default;
    prepareZXingModule({ overrides: { locateFile: (p: string, prefix: string) => (p.endsWith('.wasm') ? wasmUrl : prefix + p) } });
    const { Html5Qrcode, Html5QrcodeSupportedFormats: F } = await import('html5-qrcode');
    const frames: { kind: string; text: string; png: Blob }[] = [];
    const specs = [
      { bcid: 'ean13', text: ean13('200000001234'), kind: 'EAN-13' },
      { bcid: 'code128', text: 'RNG-000123', kind: 'Code 128' },
      { bcid: 'qrcode', text: 'RNG-000123', kind: 'QR' },
    ];
    for (const spec of specs)
      for (const scale of [2, 3]) {
        const code = document.createElement('canvas');
        bwip.toCanvas(code, {
          bcid: spec.bcid,
          text: spec.text,
          scale,
          height: 12,
          includetext: false,
          paddingwidth: 10,
          paddingheight: 10,
          backgroundcolor: 'FFFFFF',
        });
        const frame = document.createElement('canvas');
        frame.width = 640;
        frame.height = 480;
        const ctx = frame.getContext('2d')!;
        ctx.fillStyle = '#d8d4cc'; // a counter top
        ctx.fillRect(0, 0, 640, 480);
        ctx.drawImage(code, (640 - code.width) / 2, (480 - code.height) / 2);
        const png = await new Promise<Blob>((resolve) => frame.toBlob((b) => resolve(b!), 'image/png'));
        frames.push({ kind: spec.kind, text: spec.text, png });
      }
    const html5 = new Html5Qrcode('reader', {
      verbose: false,
      formatsToSupport: [F.EAN_13, F.CODE_128, F.QR_CODE],
      experimentalFeatures: { useBarCodeDetectorIfSupported: true },
    });
    const result = {
      html5: [] as number[],
      zxing: [] as number[],
      html5Ok: 0,
      zxingOk: 0,
      frames: frames.length,
      reps,
      html5Error: '',
      nativeDetector: 'BarcodeDetector' in window,
    };
    // Warm-up (wasm compile, first canvas): not timed.
    await readBarcodes(frames[0]!.png).catch(() => []);
    await html5.scanFileV2(new File([frames[0]!.png], 'warm.png', { type: 'image/png' }), false).catch(() => undefined);
    for (let r = 0; r < reps; r += 1)
      for (const f of frames) {
        const file = new File([f.png], 'frame.png', { type: 'image/png' });
        try {
          let text = '';
          result.html5.push(await time(async () => (text = (await html5.scanFileV2(file, false)).decodedText)));
          if (text === f.text) result.html5Ok += 1;
        } catch (error) {
          result.html5Error ||= String(error);
        }
        let found: { text: string }[] = [];
        result.zxing.push(await time(async () => (found = await readBarcodes(f.png, { formats: ['EAN13', 'Code128', 'QRCode'] }))));
        if (found.some((x) => x.text === f.text)) result.zxingOk += 1;
      }
    return result;
  },

  /** Device A: pairs with `code`, queues the first `count` demo mutations, then times one syncOnce (push, and its pull). */
  async syncPush(code: string, count: number) {
    const transport = httpTransport(location.origin);
    await pairDevice({ db: env.db, random: env.random, transport }, code, 'bench A');
    const mutations: { name: string; args: unknown }[] = [];
    for (const chunk of demoShop({ skus: count, seed: 33 })) {
      mutations.push(...chunk.mutations);
      if (mutations.length >= count) break;
    }
    mutations.length = Math.min(mutations.length, count);
    for (let i = 0; i < mutations.length; i += 500) await new BatchWriter(env).run(mutations.slice(i, i + 500), { ids: [], finds: [] });
    let pushed = 0;
    const ms = await time(async () => (pushed = (await syncOnce({ ...env, transport })).pushed));
    const token = (await env.db.syncState.get('device'))!.token!;
    const response = await fetch('/v1/devices/pairing-codes', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const { code: next } = (await response.json()) as { code: string };
    return { ms, pushed, code: next };
  },

  /** Device B: pairs with `code` and times one syncOnce that pulls everything. */
  async syncPull(code: string) {
    const transport = httpTransport(location.origin);
    await pairDevice({ db: env.db, random: env.random, transport }, code, 'bench B');
    let pulled = 0;
    const ms = await time(async () => (pulled = (await syncOnce({ ...env, transport })).pulledRecords));
    return { ms, pulled, items: await env.db.items.count() };
  },

  /**
   * The Insights screen over `lines` sale lines of `days` days on a `skus`-SKU demo catalogue (see
   * ../insights-screen.ts): opened with the app's own InsightsState — load() and every report the
   * screen shows (KPIs, ABC, order-now list, slow movers, aging, suppliers).
   */
  async insightsScreen(lines: number, skus: number, days: number, reps: number, sales: number) {
    await loadDemoShop(env, { skus, seed: 11 });
    const fill = await fillHistory(env, lines, days);
    console.log(`seeded ${lines} sale lines in ${(fill.ms / 1000).toFixed(1)} s`);
    const result = await insightsScreen(env, await rawDb(), { reps, sales }, async () => {
      const screen = new InsightsState(env);
      await screen.load();
      const shown = [screen.kpis, screen.abc, screen.reorder, screen.movement, screen.aging, screen.suppliers];
      if (shown.some((x) => x === null)) throw new Error('the Insights screen showed no figures');
    });
    return { lines, items: fill.items, days, fillMs: fill.ms, ...result };
  },

  async counts() {
    return { items: await env.db.items.count(), products: await env.db.products.count() };
  },
};

(window as unknown as { __troveBench: typeof bench }).__troveBench = bench;
document.title = 'Trove benchmark ready';
