import { formatMoney } from '../../../format';
import type { PurchaseOrderView } from '../../../../data/queries/purchase-orders';

/** Who the order is from (the shop's name and contact as the receipt header has them). */
export interface OrderSender {
  shopName: string;
  currency: string;
  locale: string;
}

/** An order's short reference for the supplier: the first 8 characters of its id, upper case. */
export const orderReference = (id: string): string => `PO-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;

/** The order as plain text for an email to the supplier ("Copy email text"). */
export function orderEmailText(view: PurchaseOrderView, from: OrderSender): string {
  const money = (minor: number | null) => (minor === null ? '(price to confirm)' : formatMoney(minor, from.currency, from.locale));
  const { order, supplier } = view;
  const rows = view.lines.map((l) => {
    const code = l.supplierSku ? `${l.supplierSku} (our SKU ${l.sku})` : l.sku;
    const name = l.variant ? `${l.title}, ${l.variant}` : l.title;
    return `- ${l.quantity} × ${code} — ${name} @ ${money(l.unitCost)} = ${money(l.unitCost === null ? null : l.unitCost * l.quantity)}`;
  });
  const greeting = supplier?.contactName ? `Dear ${supplier.contactName},` : `Dear ${supplier?.name ?? 'supplier'},`;
  const lines = [
    `Subject: Purchase order ${orderReference(order.id)} from ${from.shopName}`,
    '',
    greeting,
    '',
    `Please supply the following (purchase order ${orderReference(order.id)}):`,
    '',
    ...rows,
    '',
    `Total: ${money(view.goodsTotal)} (${view.lines.reduce((s, l) => s + l.quantity, 0)} units)`,
  ];
  if (order.expectedAt) lines.push(`Expected by: ${order.expectedAt}`);
  if (order.note.trim()) lines.push('', order.note.trim());
  lines.push('', 'Please confirm the order and the delivery date.', '', 'Thank you,', from.shopName);
  return lines.join('\n');
}
