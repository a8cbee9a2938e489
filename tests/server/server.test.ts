import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main';
import type { RunningServer } from '../../src/server/main';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers';
import { testConfig } from './helpers/config';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { request } from './helpers/http';
import { useTempDir, writeFakeBuild } from './helpers/temp';

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`server API ${variant.tag}`, () => {
    const temp = useTempDir();
    let database: TestDatabase;
    let server: RunningServer;

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      const staticDir = writeFakeBuild(temp.path);
      server = await startServer(testConfig({ dataDir: join(temp.path, 'data'), staticDir, databaseUrl: database.databaseUrl }));
    });
    afterAll(async () => {
      await server.close();
      await database.dispose();
    });

    it('listens on the real port when PORT=0 and reports it in the URL', () => {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.store.dialect).toBe(variant.kind);
    });

    it('GET /healthz answers 200 { ok: true } with no caching', async () => {
      const res = await request(server.url, '/healthz');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('HEAD /healthz answers 200 with headers only', async () => {
      const res = await request(server.url, '/healthz', { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe('11');
      expect(res.body).toHaveLength(0);
    });

    it('sends the security headers on API responses and errors', async () => {
      for (const path of ['/healthz', '/v1/nope']) {
        const res = await request(server.url, path);
        expect(res.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['permissions-policy']).toBe('camera=(self), microphone=(), geolocation=()');
        // Plain HTTP: HSTS would be ignored by browsers and is not sent.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it.each(['/v1', '/v1/', '/v1/sync/nothing', '/v1/pair/extra', '/healthz/deep'])(
      'answers an unknown API path %s with 404 JSON, never the app shell',
      async (path) => {
        const res = await request(server.url, path);
        expect(res.status).toBe(404);
        expect(res.json()).toEqual({ error: 'not-found', message: `There is no API route ${path}` });
      },
    );

    it('answers a wrong method on /healthz with 405 and Allow', async () => {
      const res = await request(server.url, '/healthz', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(405);
      expect(res.json()).toMatchObject({ error: 'method-not-allowed' });
      expect(res.headers.allow).toBe('GET, HEAD');
    });

    it('answers 503 store-unavailable once the store stops answering, and close() still succeeds', async () => {
      // Last test of the suite: it closes the store under the running server.
      await server.store.close();
      const res = await request(server.url, '/healthz');
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: 'store-unavailable', message: 'The database is not answering' });
      expect(res.headers['x-frame-options']).toBe('DENY');
    });
  });
}

describe('startServer failures [sqlite]', () => {
  const temp = useTempDir();

  it('rejects with the port-in-use message and leaves nothing open', async () => {
    const first = await startServer(testConfig({ dataDir: join(temp.path, 'a') }));
    try {
      const config = { ...testConfig({ dataDir: join(temp.path, 'b') }), port: first.port };
      await expect(startServer(config)).rejects.toThrow(
        `Port ${first.port} on 127.0.0.1 is already in use — stop the other process or set PORT`,
      );
    } finally {
      await first.close();
    }
  });

  it('closes cleanly twice', async () => {
    const server = await startServer(testConfig({ dataDir: join(temp.path, 'c') }));
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
    await expect(request(server.url, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });
});
