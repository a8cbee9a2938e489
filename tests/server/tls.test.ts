import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/main';
import type { RunningServer } from '../../src/server/main';
import { StartupError } from '../../src/server/startup-error';
import { testConfig } from './helpers/config';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { request } from './helpers/http';
import { hasOpenssl, makeSelfSignedCert } from './helpers/tls';
import { useTempDir, writeFakeBuild } from './helpers/temp';

const OPENSSL = hasOpenssl();

describe('openssl CLI', () => {
  it('is installed (the HTTPS tests below depend on it)', () => {
    expect(OPENSSL).toBe(true);
  });
});

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip || !OPENSSL)(`HTTPS ${variant.tag}`, () => {
    const temp = useTempDir();
    let database: TestDatabase;
    let server: RunningServer;
    let cert: Buffer;

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      const tls = makeSelfSignedCert(temp.path);
      cert = tls.cert;
      server = await startServer(
        testConfig({
          dataDir: join(temp.path, 'data'),
          staticDir: writeFakeBuild(temp.path),
          databaseUrl: database.databaseUrl,
          env: { TROVE_TLS_CERT: tls.certPath, TROVE_TLS_KEY: tls.keyPath },
        }),
      );
    });
    afterAll(async () => {
      await server.close();
      await database.dispose();
    });

    it('serves https:// and reports it in the URL', () => {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    });

    it('answers /healthz over TLS (certificate verified) with HSTS', async () => {
      const res = await request(server.url, '/healthz', { ca: cert });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    });

    it('sends HSTS on static files and errors too', async () => {
      for (const path of ['/', '/v1/nope', '/missing.js']) {
        const res = await request(server.url, path, { ca: cert });
        expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000');
      }
    });

    it('does not speak plain HTTP on the TLS port', async () => {
      await expect(request(server.url.replace('https:', 'http:'), '/healthz')).rejects.toThrow();
    });
  });
}

describe.skipIf(!OPENSSL)('TLS start-up errors', () => {
  const temp = useTempDir();
  const start = (env: Record<string, string>): Promise<RunningServer> => startServer(testConfig({ dataDir: join(temp.path, 'data'), env }));

  it('names the missing certificate file and its variable', async () => {
    const { keyPath } = makeSelfSignedCert(temp.path, 'a');
    const missing = join(temp.path, 'nope.pem');
    const attempt = start({ TROVE_TLS_CERT: missing, TROVE_TLS_KEY: keyPath });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow(`Cannot read the TLS certificate ${missing} (TROVE_TLS_CERT): it does not exist`);
  });

  it('names the missing key file and its variable', async () => {
    const { certPath } = makeSelfSignedCert(temp.path, 'b');
    const missing = join(temp.path, 'nokey.pem');
    await expect(start({ TROVE_TLS_CERT: certPath, TROVE_TLS_KEY: missing })).rejects.toThrow(
      `Cannot read the TLS key ${missing} (TROVE_TLS_KEY): it does not exist`,
    );
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const one = makeSelfSignedCert(temp.path, 'c');
    const other = makeSelfSignedCert(temp.path, 'd');
    await expect(start({ TROVE_TLS_CERT: one.certPath, TROVE_TLS_KEY: other.keyPath })).rejects.toThrow(/are not usable/);
  });

  it('refuses a file that is not PEM', async () => {
    const { keyPath } = makeSelfSignedCert(temp.path, 'e');
    const junk = join(temp.path, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    await expect(start({ TROVE_TLS_CERT: junk, TROVE_TLS_KEY: keyPath })).rejects.toThrow(
      new RegExp(`^The TLS certificate ${junk} and key ${keyPath} are not usable \\(TROVE_TLS_CERT / TROVE_TLS_KEY\\): .+`),
    );
  });
});
