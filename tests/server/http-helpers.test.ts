import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequestListener } from '../../src/server/app';
import { HttpError } from '../../src/server/http/http-error';
import { readJsonBody, sendJson } from '../../src/server/http/json';
import { Router } from '../../src/server/http/router';
import { SECURITY_HEADERS } from '../../src/server/http/security-headers';
import { request } from './helpers/http';

const LIMIT = 64;

/** The real request listener around test routes that exercise the helpers. */
function testRouter(): Router {
  return new Router()
    .post('/echo', async ({ req, res }) => sendJson(res, 200, { body: await readJsonBody(req, LIMIT) }))
    .get('/items/:itemId', ({ res, params }) => sendJson(res, 200, { params }))
    .delete('/items/:itemId', ({ res }) => sendJson(res, 204, {}))
    .get('/teapot', () => {
      throw new HttpError(418, 'teapot', 'I am a teapot', { extra: { expected: 7 } });
    })
    .get('/boom', () => {
      throw new Error('database exploded at /secret/path');
    });
}

describe('HTTP helpers', () => {
  let server: Server;
  let base: string;
  const json = { 'Content-Type': 'application/json' };

  beforeAll(async () => {
    server = createServer(createRequestListener({ router: testRouter(), staticDir: '/nonexistent', https: false }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('readJsonBody parses a JSON body', async () => {
    const res = await request(base, '/echo', { method: 'POST', headers: json, body: '{"a":[1,"é"]}' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ body: { a: [1, 'é'] } });
  });

  it('accepts a charset parameter and +json media types', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.trove+json']) {
      const res = await request(base, '/echo', { method: 'POST', headers: { 'Content-Type': type }, body: '1' });
      expect(res.status, type).toBe(200);
    }
  });

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp'])(
    'answers 415 for content type %s',
    async (type) => {
      const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
      const res = await request(base, '/echo', { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(415);
      expect(res.json()).toMatchObject({ error: 'unsupported-media-type' });
    },
  );

  it.each([
    ['not JSON', '{"a":'],
    ['empty', ''],
    ['invalid UTF-8', Buffer.from([0x22, 0xff, 0xfe, 0x22])],
  ])('answers 400 invalid-json for a body that is %s', async (_, body) => {
    const res = await request(base, '/echo', { method: 'POST', headers: json, body });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-json', message: expect.any(String) as unknown });
  });

  it('accepts a body of exactly the limit and answers 413 one byte over', async () => {
    const exact = `"${'x'.repeat(LIMIT - 2)}"`;
    expect((await request(base, '/echo', { method: 'POST', headers: json, body: exact })).status).toBe(200);
    const over = await request(base, '/echo', { method: 'POST', headers: json, body: `${exact} ` });
    expect(over.status).toBe(413);
    expect(over.json()).toMatchObject({ error: 'payload-too-large' });
    expect(over.headers.connection).toBe('close');
  });

  it('answers 413 while the body is still streaming (chunked, never finished)', async () => {
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/echo`, { method: 'POST', headers: json, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      // No Content-Length and no end(): only a streaming check can answer before the body ends.
      req.write(`"${'y'.repeat(LIMIT)}`);
      req.flushHeaders();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'payload-too-large' });
  });

  it('answers 413 from the declared Content-Length before reading the body', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/echo`,
        { method: 'POST', headers: { ...json, 'Content-Length': String(LIMIT * 1000) }, agent: false },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{'); // far less than declared: the server must not wait for the rest
    });
    expect(res).toBe(413);
  });

  it('passes decoded route params and HttpError fields through', async () => {
    const item = await request(base, '/items/ring%20size%207');
    expect(item.json()).toEqual({ params: { itemId: 'ring size 7' } });
    const teapot = await request(base, '/teapot');
    expect(teapot.status).toBe(418);
    expect(teapot.json()).toEqual({ error: 'teapot', message: 'I am a teapot', expected: 7 });
  });

  it('answers 400 for malformed percent-encoding in a param', async () => {
    const res = await request(base, '/items/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-path' });
  });

  it('answers 405 with an Allow header for a known path and a wrong method', async () => {
    const res = await request(base, '/items/1', { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.json()).toMatchObject({ error: 'method-not-allowed' });
    expect(res.headers.allow).toBe('GET, HEAD, DELETE');
  });

  it('answers HEAD with the GET route, headers only', async () => {
    const res = await request(base, '/items/1', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.body).toHaveLength(0);
  });

  it('turns an unexpected exception into a 500 without leaking its message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logged: unknown[][] = [];
    const res = await request(base, '/boom').finally(() => {
      logged.push(...log.mock.calls);
      log.mockRestore();
    });
    // The operator still gets the details, in the server log.
    expect(logged).toEqual([['Unexpected error while handling GET /boom:', expect.any(Error)]]);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ error: 'internal-error', message: 'Something went wrong on the server' });
    expect(res.text).not.toContain('/secret/path');
    expect(res.headers['x-frame-options']).toBe(SECURITY_HEADERS['X-Frame-Options']);
  });
});
