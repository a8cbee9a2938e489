import { receiptDocument, receiptText, type ReceiptDocument } from '../../domain/sale/receipt';
import type { SaleRecord } from '../../domain/sale/types';
import type { ShopSettings } from '../../domain/settings';
import { receiptFormatters } from './format';

/** One e-mail, ready for a transport. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cell = 'padding:2px 0;vertical-align:top';
const right = `${cell};text-align:right;white-space:nowrap;padding-left:12px`;

/** A small HTML receipt: the same document as the text part, in a table mail clients render. */
export function receiptHtml(doc: ReceiptDocument): string {
  const rows: string[] = [];
  const tr = (left: string, amount: string, strong = false) =>
    rows.push(
      `<tr${strong ? ' style="font-weight:bold"' : ''}><td style="${cell}">${left}</td><td style="${right}">${escape(amount)}</td></tr>`,
    );
  for (const line of doc.lines) {
    const each = line.quantity > 1 && line.unitPrice ? ` @ ${escape(line.unitPrice.text)}` : '';
    tr(
      `${line.quantity} × ${escape(line.title)}<br><small style="color:#555">SKU ${escape(line.sku)}${each}</small>`,
      line.amount?.text ?? '',
    );
    if (line.discount) tr(`&nbsp;&nbsp;${escape(line.discount.label)}`, line.discount.amount.text);
  }
  const spacer = '<tr><td colspan="2"><hr style="border:0;border-top:1px solid #ccc"></td></tr>';
  if (doc.totals.length > 0) rows.push(spacer);
  for (const t of doc.totals) tr(escape(t.label), t.amount.text, t.strong);
  if (doc.tenders.length > 0) rows.push(spacer);
  for (const t of doc.tenders) tr(escape(t.detail ? `${t.label} ${t.detail}` : t.label), t.amount.text);
  if (doc.change) tr('Change', doc.change.text);
  if (doc.taxTitle) {
    rows.push(spacer, `<tr><td colspan="2"><strong>${escape(doc.taxTitle)}</strong></td></tr>`);
    for (const t of doc.taxes) tr(`${escape(t.label)} on ${escape(t.net.text)}`, t.tax.text);
  }
  const header = [
    doc.shopName ? `<h1 style="font-size:20px;margin:0 0 4px">${escape(doc.shopName)}</h1>` : '',
    ...doc.headerLines.map((l) => `<div>${escape(l)}</div>`),
  ].join('');
  return [
    '<!doctype html><html><head><meta charset="utf-8"></head>',
    '<body style="font-family:system-ui,sans-serif;font-size:14px;color:#111">',
    `<div style="max-width:420px;margin:0 auto">${header}`,
    doc.voided ? '<p style="font-weight:bold">VOID</p>' : '',
    `<p>${escape(doc.title)} <strong>${escape(doc.receiptNumber)}</strong><br>${escape(doc.dateTime)}</p>`,
    `<table style="width:100%;border-collapse:collapse">${rows.join('')}</table>`,
    ...doc.footer.map((l) => `<p style="color:#555">${escape(l)}</p>`),
    '</div></body></html>',
  ].join('\n');
}

/** The receipt e-mail of a stored sale: the thermal printer's text as the plain part, plus HTML. */
export function receiptMail(sale: SaleRecord, settings: ShopSettings, to: string): MailMessage {
  const doc = receiptDocument(sale, settings, receiptFormatters(settings));
  const from = doc.shopName ? ` from ${doc.shopName}` : '';
  return {
    to,
    subject: `Your receipt ${doc.receiptNumber}${from}`,
    text: `${receiptText(doc, 48).join('\n')}\n`,
    html: receiptHtml(doc),
  };
}
