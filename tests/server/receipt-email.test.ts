import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiptDocument, receiptText } from '../../src/domain/sale/receipt';
import type { SaleRecord } from '../../src/domain/sale/types';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import type { Mutation } from '../../src/domain/sync/mutation';
import { mutations } from '../../src/domain/sync/registry';
import { receiptFormatters } from '../../src/server/mail/format';
import { receiptMail } from '../../src/server/mail/receipt-mail';
import { senderAddress, smtpTransport } from '../../src/server/mail/transport';
import { saleRecord, saleLine, tender } from '../factories/sale';
import { STORE_VARIANTS } from './helpers/databases';
import { mutation, settingsUpdate, useSyncServer, type SyncServer } from './helpers/sync';

// A receipt e-mail asked for on a device travels as a `receipt.email` mutation; after the push that
// carries it commits, the server sends it — here, with no TROVE_SMTP_URL, as an .eml file in
// <TROVE_DATA_DIR>/mail — exactly once, however often the push is resent.

const shop = { shopName: 'Maison Opale', currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' };

function sale(receiptNumber: string): SaleRecord {
  const line = saleLine({
    title: 'Silver hoop earrings',
    sku: 'EAR-R1-0001',
    quantity: 2,
    unitPrice: 4500,
    gross: 9000,
    net: 9000,
    taxRateBp: 800,
    tax: 720,
    total: 9720,
  });
  return saleRecord({
    id: randomUUID(),
    receiptNumber,
    lines: [line],
    taxTotal: 720,
    total: 9720,
    tenders: [tender({ amount: 9720, reference: 'T-1' })],
    taxByRate: [{ rateBp: 800, net: 9000, tax: 720 }],
  });
}

/** The sale as the server holds it (in real use its own `sale.complete` mutation puts it there). */
async function storeSale(sync: SyncServer, record: SaleRecord): Promise<void> {
  await sync.server.store.db
    .insertInto('records')
    .values({ tbl: 'sales', id: record.id, data: JSON.stringify(record), version: 0 })
    .execute();
}

const emailMutation = (id: number, saleId: string, to: string, requestId: string = randomUUID()): Mutation =>
  mutation(id, 'receipt.email', { id: requestId, saleId, to });

function mailFiles(sync: SyncServer): string[] {
  const dir = join(sync.dataDir, 'mail');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.eml'))
        .sort()
    : [];
}

/** A message file as a mail program shows it: quoted-printable soft breaks and escapes undone. */
function decodedEml(path: string): string {
  const raw = readFileSync(path, 'latin1').replace(/=\r?\n/g, '');
  return Buffer.from(
    raw.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** Waits for the background send the push started (it never holds up the push's answer). */
async function settled(sync: SyncServer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await sync.server.mail.idle();
}

it('receipt.email is a registered mutation (add emailReceipt from domain/sale/email.ts to domain/sync/registry.ts)', () => {
  expect(mutations.has('receipt.email')).toBe(true);
});

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`receipt e-mails ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('a push with an e-mail request writes exactly one .eml with the receipt text; a resent push writes none more', async () => {
      const owner = await sync.pair('owner');
      const sold = sale('R1-000042');
      await storeSale(sync, sold);
      const pushed = [settingsUpdate(1, shop), emailMutation(2, sold.id, 'ana@example.com')];
      const first = await sync.pushOk(owner, pushed);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      await settled(sync);

      const files = mailFiles(sync);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^receipt-R1-000042-[0-9a-f-]{36}\.eml$/);
      const eml = decodedEml(join(sync.dataDir, 'mail', files[0]!));
      expect(eml).toMatch(/^To: ana@example\.com$/m);
      expect(eml).toMatch(/^Subject: Your receipt R1-000042 from Maison Opale$/m);
      expect(eml).toMatch(/^Content-Type: text\/plain/m);
      expect(eml).toMatch(/^Content-Type: text\/html/m);
      // The plain part is the thermal printer's text, line for line.
      const settings = { ...DEFAULT_SETTINGS, ...shop };
      const text = receiptText(receiptDocument(sold, settings, receiptFormatters(settings)), 48);
      expect(text.join('\n')).toContain('$97.20');
      for (const line of text) expect(eml).toContain(line);

      const again = await sync.pushOk(owner, pushed);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      await settled(sync);
      expect(mailFiles(sync)).toEqual(files);

      const delivery = await sync.server.store.db.selectFrom('receipt_email_deliveries').selectAll().execute();
      expect(delivery).toEqual([expect.objectContaining({ sale_id: sold.id, recipient: 'ana@example.com', status: 'sent', attempts: 1 })]);
    });

    it('a later push does not send earlier e-mails again, and a new request for the same sale is a new e-mail', async () => {
      const owner = await sync.pair('owner');
      const sold = sale('R1-000043');
      await storeSale(sync, sold);
      const before = mailFiles(sync).length;
      await sync.pushOk(owner, [emailMutation(1, sold.id, 'bo@example.com')]);
      await settled(sync);
      await sync.pushOk(owner, [settingsUpdate(2, { shopName: 'Maison Opale' })]);
      await settled(sync);
      expect(mailFiles(sync)).toHaveLength(before + 1);
      await sync.pushOk(owner, [emailMutation(3, sold.id, 'bo@example.com')]);
      await settled(sync);
      expect(mailFiles(sync).filter((f) => f.startsWith('receipt-R1-000043-'))).toHaveLength(2);
    });

    it('waits for a sale the server does not have yet, and sends once it arrives', async () => {
      const owner = await sync.pair('owner');
      const sold = sale('R1-000044');
      await sync.pushOk(owner, [emailMutation(1, sold.id, 'cy@example.com')]);
      await settled(sync);
      expect(mailFiles(sync).filter((f) => f.startsWith('receipt-R1-000044-'))).toEqual([]);

      await storeSale(sync, sold);
      await sync.pushOk(owner, [settingsUpdate(2, { shopName: 'Maison Opale' })]);
      await settled(sync);
      expect(mailFiles(sync).filter((f) => f.startsWith('receipt-R1-000044-'))).toHaveLength(1);
    });

    it('refuses a request with an address that is not one (and the queue moves on)', async () => {
      const owner = await sync.pair('owner');
      const res = await sync.pushOk(owner, [emailMutation(1, randomUUID(), 'not an address')]);
      expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid-args', message: 'Enter a valid e-mail address' });
    });
  });
}

describe('the receipt e-mail', () => {
  it('has the receipt as plain text and as escaped HTML', () => {
    const sold = sale('R1-000001');
    sold.lines[0]!.title = 'Ring <b>& band</b>';
    const mail = receiptMail(sold, { ...DEFAULT_SETTINGS, ...shop }, 'ana@example.com');
    expect(mail.subject).toBe('Your receipt R1-000001 from Maison Opale');
    expect(mail.text).toContain('2 x Ring <b>& band</b>');
    expect(mail.html).toContain('Ring &lt;b&gt;&amp; band&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>&');
    expect(mail.html).toContain('$97.20');
  });
});

/** Just enough of an SMTP server on loopback to take one message (AUTH PLAIN, no TLS). */
function fakeSmtp(): Promise<{ port: number; received: { auth: string[]; from: string[]; to: string[]; data: string[] }; server: Server }> {
  const received = { auth: [] as string[], from: [] as string[], to: [] as string[], data: [] as string[] };
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.data.push(data);
            socket.write('250 queued\r\n');
          } else data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake\r\n250 AUTH PLAIN\r\n');
        else if (verb === 'AUTH') {
          received.auth.push(Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8'));
          socket.write('235 ok\r\n');
        } else if (verb === 'MAIL') {
          received.from.push(line);
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          received.to.push(line);
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, received, server })),
  );
}

describe('TROVE_SMTP_URL', () => {
  it('sends the receipt through the SMTP server, logged in as the URL says, from the SMTP user', async () => {
    const smtp = await fakeSmtp();
    try {
      const url = `smtp://shop%40example.com:s3cret@127.0.0.1:${smtp.port}`;
      const from = senderAddress({ smtpUrl: url, mailFrom: undefined });
      expect(from).toBe('shop@example.com');
      const transport = smtpTransport(url, from);
      const how = await transport.send(receiptMail(sale('R1-000050'), { ...DEFAULT_SETTINGS, ...shop }, 'ana@example.com'), 'unused');
      transport.close();
      expect(how).toMatch(/^sent \(/);
      expect(smtp.received.auth).toEqual(['\0shop@example.com\0s3cret']);
      expect(smtp.received.from[0]).toContain('<shop@example.com>');
      expect(smtp.received.to).toEqual(['RCPT TO:<ana@example.com>']);
      expect(smtp.received.data[0]).toMatch(/^Subject: Your receipt R1-000050 from Maison Opale$/m);
    } finally {
      smtp.server.close();
    }
  });

  it('uses TROVE_MAIL_FROM when set', () => {
    expect(senderAddress({ smtpUrl: 'smtp://relay.local', mailFrom: 'Shop <a@b.c>' })).toBe('Shop <a@b.c>');
    expect(senderAddress({ smtpUrl: 'smtp://relay.local', mailFrom: undefined })).toBe('receipts@relay.local');
  });
});
