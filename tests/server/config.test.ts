import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabaseTarget, loadConfig } from '../../src/server/config';

const CWD = '/srv/trove';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      port: 4173,
      host: '127.0.0.1',
      dataDir: '/srv/trove/data',
      databaseUrl: undefined,
      sqlitePath: '/srv/trove/data/trove.sqlite',
      tls: undefined,
      staticDir: '/srv/trove/dist',
      staticDirFromEnv: false,
      smtpUrl: undefined,
      mailFrom: undefined,
    });
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', HOST: ' ', DATABASE_URL: '', TROVE_TLS_CERT: '' }, CWD);
    expect(config.port).toBe(4173);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.tls).toBeUndefined();
  });

  it('reads every variable and resolves relative paths against the working directory', () => {
    const config = loadConfig(
      {
        PORT: '8443',
        HOST: '0.0.0.0',
        TROVE_DATA_DIR: 'var/shop',
        DATABASE_URL: 'postgres://trove:pw@db.local:5544/trove',
        TROVE_TLS_CERT: 'tls/cert.pem',
        TROVE_TLS_KEY: '/etc/trove/key.pem',
        TROVE_STATIC_DIR: 'fake-dist',
      },
      CWD,
    );
    expect(config.port).toBe(8443);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/srv/trove/var/shop');
    expect(config.sqlitePath).toBe(resolve('/srv/trove/var/shop', 'trove.sqlite'));
    expect(config.databaseUrl).toBe('postgres://trove:pw@db.local:5544/trove');
    expect(config.tls).toEqual({ certPath: '/srv/trove/tls/cert.pem', keyPath: '/etc/trove/key.pem' });
    expect(config.staticDir).toBe('/srv/trove/fake-dist');
    expect(config.staticDirFromEnv).toBe(true);
  });

  it('accepts PORT=0 (any free port) and 65535', () => {
    expect(loadConfig({ PORT: '0' }, CWD).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }, CWD).port).toBe(65535);
  });

  it.each(['abc', '70000', '65536', '-1', '1.5', '0x10', '1e3', '80 80'])('rejects PORT=%s with a clear message', (port) => {
    expect(() => loadConfig({ PORT: port }, CWD)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port }, CWD)).toThrow(/^Invalid PORT ".*": expected a whole number from 0 to 65535$/);
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/trove' }, CWD).databaseUrl).toBe('postgresql://db/trove');
  });

  it('rejects a DATABASE_URL that is not a URL without echoing it (it may hold a password)', () => {
    const attempt = (): unknown => loadConfig({ DATABASE_URL: 'hunter2 not a url' }, CWD);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid DATABASE_URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('reads TROVE_SMTP_URL and TROVE_MAIL_FROM for receipt e-mails', () => {
    const config = loadConfig(
      { TROVE_SMTP_URL: 'smtp://shop%40example.com:pw@mail.example.com:587', TROVE_MAIL_FROM: 'Maison Opale <shop@example.com>' },
      CWD,
    );
    expect(config.smtpUrl).toBe('smtp://shop%40example.com:pw@mail.example.com:587');
    expect(config.mailFrom).toBe('Maison Opale <shop@example.com>');
    expect(loadConfig({ TROVE_SMTP_URL: 'smtps://mail.example.com' }, CWD).smtpUrl).toBe('smtps://mail.example.com');
  });

  it('rejects a TROVE_SMTP_URL that is not an SMTP URL, without echoing it (it holds a password)', () => {
    const attempt = (): unknown => loadConfig({ TROVE_SMTP_URL: 'hunter2 not a url' }, CWD);
    expect(attempt).toThrow(/^Invalid TROVE_SMTP_URL/);
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => loadConfig({ TROVE_SMTP_URL: 'https://u:hunter2@mail.example.com' }, CWD)).toThrow(/scheme "https:" is not supported/);
    expect(() => loadConfig({ TROVE_SMTP_URL: 'https://u:hunter2@mail.example.com' }, CWD)).not.toThrow(/hunter2/);
  });

  it('rejects a non-PostgreSQL DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@h/db' }, CWD)).toThrow(/scheme "mysql:" is not supported/);
  });

  it.each([
    [{ TROVE_TLS_CERT: 'cert.pem' }, 'TROVE_TLS_KEY'],
    [{ TROVE_TLS_KEY: 'key.pem' }, 'TROVE_TLS_CERT'],
  ])('requires both TLS variables or neither (%o)', (env, missing) => {
    expect(() => loadConfig(env, CWD)).toThrow(ConfigError);
    expect(() => loadConfig(env, CWD)).toThrow(`but ${missing} is not set`);
  });
});

describe('describeDatabaseTarget', () => {
  it('names host and port but never the user or password', () => {
    const target = describeDatabaseTarget('postgres://owner:s3cret@db.example:6543/trove');
    expect(target).toBe('db.example:6543');
  });

  it('fills in the PostgreSQL defaults', () => {
    expect(describeDatabaseTarget('postgres://u:p@db/trove')).toBe('db:5432');
    expect(describeDatabaseTarget('postgres:///trove?host=/run/postgresql')).toBe('/run/postgresql:5432');
  });
});
