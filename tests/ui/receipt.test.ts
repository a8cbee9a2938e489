import { describe, expect, it } from 'vitest';
import { SvelteSet } from 'svelte/reactivity';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Receipt from '../../src/ui/receipt/Receipt.svelte';
import ReceiptActions from '../../src/ui/receipt/ReceiptActions.svelte';
import { ThermalPrinter } from '../../src/state/printer.svelte';
import type { ReceiptEmails, ReceiptEmailStatus } from '../../src/state/receipts.svelte';
import { receiptSettings, workedSale } from '../factories/sale';

const settings = receiptSettings();

describe('Receipt', () => {
  it('shows the shop header, the lines, the totals, tax by rate and the payments', () => {
    render(Receipt, { sale: workedSale(), settings, layout: 'thermal' });
    const receipt = screen.getByRole('article', { name: 'Receipt R2-000123' });
    expect(within(receipt).getByRole('heading', { name: 'Maison Opale' })).toBeInTheDocument();
    expect(receipt).toHaveTextContent('Keizersgracht 12, Amsterdam');
    expect(receipt).toHaveTextContent('VAT NL001234567B01');

    const items = within(receipt).getByRole('table', { name: 'Items' });
    const rows = within(items).getAllByRole('row').slice(1);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows.map(cells)).toEqual([
      ['2', 'Silver ring SKU RNG-R2-0007 · 2 × €45.00', '€90.00'],
      ['', 'Discount (Loyalty)', '-€9.00'],
      ['1', 'Jewellery care guide SKU BK-R2-0001', '€12.99'],
    ]);

    const totals = within(receipt).getByRole('table', { name: 'Totals' });
    expect(within(totals).getByRole('rowheader', { name: 'Total to pay' }).closest('tr')).toHaveTextContent('€89.00');
    expect(totals).toHaveTextContent('Cash rounding€0.01');

    const taxes = within(receipt).getByRole('table', { name: 'Tax included' });
    expect(within(taxes).getByRole('row', { name: /Tax 9%/ })).toHaveTextContent('Tax 9%€11.28€1.02€12.30');
    expect(within(taxes).getByRole('row', { name: /Tax 21%/ })).toHaveTextContent('Tax 21%€63.38€13.31€76.69');

    const payments = within(receipt).getByRole('table', { name: 'Payments' });
    expect(payments).toHaveTextContent('Card Ref 004512€50.00');
    expect(payments).toHaveTextContent('Cash€50.00');
    expect(payments).toHaveTextContent('Change€11.00');

    // The code of the sale id, for finding the sale again at a return.
    expect(within(receipt).getByRole('img', { name: 'QR code of 0192F5A0-7C1E-7A3B-9C4D-5E6F7A8B9C0D' })).toBeInTheDocument();
  });

  it('gift mode shows the items and no amount at all', () => {
    render(Receipt, { sale: workedSale(), settings, layout: 'thermal', gift: true });
    const receipt = screen.getByRole('article', { name: 'Gift receipt R2-000123' });
    expect(receipt).toHaveTextContent('Silver ring');
    expect(receipt).toHaveTextContent('Jewellery care guide');
    expect(receipt.textContent).not.toMatch(/€|\d+\.\d\d/);
    expect(within(receipt).queryByRole('table', { name: 'Totals' })).toBeNull();
    expect(within(receipt).queryByRole('table', { name: 'Payments' })).toBeNull();
    expect(within(receipt).queryByRole('table', { name: /Tax/ })).toBeNull();
    expect(within(receipt).queryByRole('columnheader', { name: 'Amount' })).toBeNull();
  });

  it('the copy to print sets the page size of its layout while it is on the page', () => {
    const a4 = render(Receipt, { sale: workedSale(), settings, layout: 'a4', print: true });
    expect(screen.getByRole('article')).toHaveClass('print-root');
    expect(document.head.querySelector('style[data-print-page="a4"]')?.textContent).toBe('@page { size: A4; margin: 15mm; }');
    a4.unmount();
    expect(document.head.querySelector('style[data-print-page]')).toBeNull();

    render(Receipt, { sale: workedSale(), settings, layout: 'thermal', print: true });
    expect(document.head.querySelector('style[data-print-page="thermal"]')?.textContent).toContain('@page { size: 80mm auto; margin: 0; }');
  });

  it('an on-screen preview never prints', () => {
    render(Receipt, { sale: workedSale(), settings, layout: 'thermal' });
    expect(screen.getByRole('article')).not.toHaveClass('print-root');
    expect(document.head.querySelector('style[data-print-page]')).toBeNull();
  });
});

/** Stands in for the outbox: queued until `ack` says the server has it. */
function fakeEmails(): ReceiptEmails & { ack(id: string): void } {
  const acked = new SvelteSet<string>();
  let n = 0;
  return {
    request: (_saleId: string, to: string) => Promise.resolve({ id: `e${(n += 1)}`, to }),
    status: (ids: readonly string[]) => ({
      get current() {
        return Object.fromEntries(ids.map((id): [string, ReceiptEmailStatus] => [id, acked.has(id) ? 'sent' : 'queued']));
      },
    }),
    ack: (id: string) => acked.add(id),
  } as unknown as ReceiptEmails & { ack(id: string): void };
}

describe('ReceiptActions', () => {
  it('offers print, A4, gift and e-mail, and no thermal printing where the browser has no way to a printer', () => {
    render(ReceiptActions, { sale: workedSale(), settings, printer: new ThermalPrinter({}, undefined), emails: fakeEmails() });
    for (const name of ['Print receipt', 'Print A4', 'Gift receipt', 'Email receipt'])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Print to thermal printer' })).toBeNull();
  });

  it('queues an e-mail and says when the server has it', async () => {
    const emails = fakeEmails();
    render(ReceiptActions, { sale: workedSale(), settings, printer: new ThermalPrinter({}, undefined), emails });
    await fireEvent.click(screen.getByRole('button', { name: 'Email receipt' }));
    await fireEvent.input(screen.getByLabelText('Customer’s e-mail'), { target: { value: 'ana@example.com' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Send receipt' }));
    expect(await screen.findByRole('status')).toHaveTextContent('ana@example.com: Queued — sends when online');
    emails.ack('e1');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('ana@example.com: Sent to the server'));
  });

  it('prints to a serial thermal printer: ESC/POS bytes with the receipt text, chosen once for the session', async () => {
    const written: Uint8Array[] = [];
    let opened = 0;
    let asked = 0;
    const port = {
      writable: null as WritableStream<Uint8Array> | null,
      open() {
        opened += 1;
        port.writable = new WritableStream<Uint8Array>({ write: (chunk) => void written.push(chunk) });
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
    const serial = {
      requestPort: () => {
        asked += 1;
        return Promise.resolve(port);
      },
      getPorts: () => Promise.resolve([port]),
    };
    const storage = new Map<string, string>();
    const session = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    } as Storage;
    const printer = new ThermalPrinter({ serial }, session);
    render(ReceiptActions, { sale: workedSale(), settings, printer, emails: fakeEmails() });

    const button = screen.getByRole('button', { name: 'Print to thermal printer' });
    await fireEvent.click(button);
    await waitFor(() => expect(written.length).toBeGreaterThan(0));
    const bytes = Buffer.concat(written);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...bytes.subarray(-3)]).toEqual([0x1d, 0x56, 1]);
    expect(bytes.toString('latin1')).toContain('TOTAL TO PAY');
    expect(bytes.toString('latin1')).toContain('0192F5A0-7C1E-7A3B-9C4D-5E6F7A8B9C0D');

    await waitFor(() => expect(button).toBeEnabled());
    written.length = 0;
    await fireEvent.click(button);
    await waitFor(() => expect(written.length).toBeGreaterThan(0));
    expect([asked, opened]).toEqual([1, 1]);
  });
});
