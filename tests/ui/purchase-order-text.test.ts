import { describe, expect, it } from 'vitest';
import { orderEmailText, orderReference } from '../../src/ui/screens/stock/orders/order-text';
import type { PurchaseOrderView } from '../../src/data/queries/purchase-orders';
import type { PurchaseOrderRecord } from '../../src/domain/inventory/purchase-order';

const order: PurchaseOrderRecord = {
  id: '0190b6a2-3c4d-7e5f-8a6b-00000000abcd',
  supplierId: 's1',
  status: 'sent',
  lines: [],
  note: 'Please pack each pair separately.',
  shippingCost: 0,
  createdAt: '2026-11-27T09:00:00.000Z',
  updatedAt: '2026-11-27T09:00:00.000Z',
  sentAt: '2026-11-27T09:00:00.000Z',
  promisedLeadTimeDays: 14,
  expectedAt: '2026-12-11',
  receipts: [],
  actualLeadTimeDays: null,
  receivedAt: null,
  cancelledAt: null,
};

const view: PurchaseOrderView = {
  order,
  supplier: {
    id: 's1',
    name: 'Aurum Findings',
    contactName: 'Marta Rossi',
    email: 'orders@aurum.example',
    phone: '',
    terms: '',
    leadTimeDays: 14,
  },
  lines: [
    {
      id: 'l1',
      itemId: 'i1',
      title: 'Gold hoops',
      variant: '18 mm',
      sku: 'HOOP-18',
      barcodes: [],
      supplierSku: 'AU-HOOP-18',
      quantity: 10,
      unitCost: 3000,
      received: 0,
      outstanding: 10,
    },
    {
      id: 'l2',
      itemId: 'i2',
      title: 'Pearl drops',
      variant: '',
      sku: 'PEARL-1',
      barcodes: [],
      supplierSku: null,
      quantity: 2,
      unitCost: 1250,
      received: 0,
      outstanding: 2,
    },
  ],
  goodsTotal: 32_500,
  locations: [],
};

describe('the order as email text for the supplier', () => {
  it('addresses the contact, lists each line with the supplier’s SKU, totals, expected date and note', () => {
    const text = orderEmailText(view, { shopName: 'Maison Lune', currency: 'USD', locale: 'en-US' });
    expect(text.split('\n')).toEqual([
      `Subject: Purchase order ${orderReference(order.id)} from Maison Lune`,
      '',
      'Dear Marta Rossi,',
      '',
      `Please supply the following (purchase order ${orderReference(order.id)}):`,
      '',
      '- 10 × AU-HOOP-18 (our SKU HOOP-18) — Gold hoops, 18 mm @ $30.00 = $300.00',
      '- 2 × PEARL-1 — Pearl drops @ $12.50 = $25.00',
      '',
      'Total: $325.00 (12 units)',
      'Expected by: 2026-12-11',
      '',
      'Please pack each pair separately.',
      '',
      'Please confirm the order and the delivery date.',
      '',
      'Thank you,',
      'Maison Lune',
    ]);
    expect(orderReference(order.id)).toBe('PO-0000ABCD');
  });
});
