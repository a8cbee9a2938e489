// Proves the benchmark still runs (issue #10): tiny sizes, figures produced, never a timing asserted.
import { describe, expect, it } from 'vitest';
import { benchServer, ingestBench, syncBench } from './node-bench';
import { seedServer } from './seed';
import { demoMutations } from './mutations';
import { summarize } from './stats';

describe('benchmark smoke (no timing assertions)', () => {
  it('summaries have p50 ≤ p95 over the samples', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ p50: 3, p95: 5, n: 5 });
  });

  it('server ingest and push + pull produce figures on a ~200-SKU shop', async () => {
    expect(demoMutations(300)).toHaveLength(300);
    const server = await benchServer();
    try {
      const ingest = await ingestBench(server, 300, 100);
      expect(ingest.mutations).toBe(300);
      expect(ingest.overall).toBeGreaterThan(0);
      expect(ingest.perRequest.n).toBe(3);
    } finally {
      await server.stop();
    }
    const sync = await syncBench(200, 1);
    expect(sync.mutations).toBe(200);
    expect(sync.total.p50).toBeGreaterThan(0);
  });

  it('npm run seed fills a server through the sync API', async () => {
    const server = await benchServer();
    try {
      const done = await seedServer({ url: server.url, code: server.ownerCode, skus: 200, days: 30, seed: 4 });
      expect(done.skus).toBe(200);
      expect(done.mutations).toBeGreaterThan(200);
      expect(done.saleLines).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
