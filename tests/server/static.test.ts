import { connect } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main';
import type { RunningServer } from '../../src/server/main';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security-headers';
import { testConfig } from './helpers/config';
import { request } from './helpers/http';
import { APP_JS, INDEX_HTML, SECRET, useTempDir, writeFakeBuild } from './helpers/temp';

// Static serving does not touch the store, so these run on SQLite only.
describe('static app serving [sqlite]', () => {
  const temp = useTempDir();
  let server: RunningServer;

  beforeAll(async () => {
    const staticDir = writeFakeBuild(temp.path);
    server = await startServer(testConfig({ dataDir: join(temp.path, 'data'), staticDir }));
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/app-3f9a1c.js', 'text/javascript; charset=utf-8'],
    ['/assets/app-3f9a1c.css', 'text/css; charset=utf-8'],
    ['/assets/decoder-77aa.wasm', 'application/wasm'],
    ['/assets/font-1b2c.woff2', 'font/woff2'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/icon-192.png', 'image/png'],
    ['/favicon.ico', 'image/x-icon'],
    ['/logo.svg', 'image/svg+xml'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/sw.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const res = await request(server.url, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('caches hashed /assets/ forever', async () => {
    const res = await request(server.url, '/assets/app-3f9a1c.css');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest', '/icon-192.png', '/sell/42'])(
    'makes the browser revalidate %s',
    async (path) => {
      const res = await request(server.url, path);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it.each(['/sell', '/catalogue/items/0192f1c2', '/count/', '/assets', '/settings/devices?tab=paired'])(
    'answers the app route %s with index.html',
    async (path) => {
      const res = await request(server.url, path);
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX_HTML);
    },
  );

  it('answers a missing file with an extension with 404 JSON, not the app shell', async () => {
    const res = await request(server.url, '/assets/app-deadbeef.js');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'not-found', message: 'No such file' });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5c%2e%2e%5csecret',
    '//etc/passwd',
    '/%00secret.txt',
  ])('never serves a file outside the static root for %s', async (path) => {
    const res = await request(server.url, path);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('root:x:0:0');
    // Either refused, or normalised to a path inside the root (which has no such file).
    if (res.status === 200) expect(res.text).toBe(INDEX_HTML);
    else expect([400, 404]).toContain(res.status);
  });

  it('refuses an encoded separator inside a segment with 400 invalid-path', async () => {
    const res = await request(server.url, '/..%2fsecret.txt');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-path' });
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await request(server.url, '/assets/app-3f9a1c.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
    expect(res.body).toHaveLength(0);
  });

  it('answers POST to a static path with 405', async () => {
    const res = await request(server.url, '/', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('gzips text when the client accepts it, and only then', async () => {
    const gz = await request(server.url, '/assets/app-3f9a1c.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(APP_JS);
    const plain = await request(server.url, '/assets/app-3f9a1c.js', { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(APP_JS);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await request(server.url, '/sw.js');
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^W\/"/);
    const again = await request(server.url, '/sw.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
  });

  it('sends the security headers on static files, the shell and static errors', async () => {
    for (const path of ['/assets/app-3f9a1c.js', '/sell', '/missing.png', '/..%2fx']) {
      const res = await request(server.url, path);
      expect(res.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('answers a request the HTTP parser rejects with 400 JSON and the security headers', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('NOT A REQUEST\r\n\r\n'));
      let data = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('X-Frame-Options: DENY');
    expect(raw).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
    expect(raw).toContain('{"error":"bad-request"');
  });
});

describe('static serving without a build [sqlite]', () => {
  const temp = useTempDir();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig({ dataDir: join(temp.path, 'data'), staticDir: join(temp.path, 'empty') }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('says the app is not built instead of crashing', async () => {
    const res = await request(server.url, '/');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: 'app-not-built' });
    expect((await request(server.url, '/healthz')).status).toBe(200);
  });
});
