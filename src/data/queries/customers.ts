import type { TroveDb } from '../db';
import {
  customerMatches,
  emailKey,
  nameKey,
  phoneKey,
  planCustomerQuery,
  type Customer,
  type CustomerRecord,
} from '../../domain/customers';
import type { ReturnRecord, SaleRecord } from '../../domain/sale/types';

/** A customer in a list or a picker. */
export interface CustomerSummary {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** A customer's page: every detail. */
export type CustomerView = Customer & { id: string };

const summary = (r: CustomerRecord): CustomerSummary => ({ id: r.id, name: r.values.name, phone: r.values.phone, email: r.values.email });
const rows = <T>(p: Promise<unknown[]>) => p as Promise<T[]>;

/**
 * Customers matching a query, by name: first those whose name starts with it (the `name` index),
 * then those with a later word starting with each query word ("smi" finds Jane Smith); by phone
 * digits anywhere in the number; by part of the email. Sorted by name, at most `limit` of them.
 * An empty query lists everyone by name, a page at a time.
 */
export async function searchCustomers(
  db: TroveDb,
  query: string,
  limit = 30,
  page = 0,
): Promise<{ customers: CustomerSummary[]; more: boolean }> {
  const q = planCustomerQuery(query);
  if (q.words.length === 0 && q.digits === null) {
    const list = await rows<CustomerRecord>(
      db.customers
        .orderBy('name')
        .offset(page * limit)
        .limit(limit + 1)
        .toArray(),
    );
    return { customers: list.slice(0, limit).map(summary), more: list.length > limit };
  }
  // The indexed prefix matches come first: they are the likely picks and cost nothing to find.
  const prefix = await Promise.all([
    q.words.length > 0
      ? rows<CustomerRecord>(
          db.customers
            .where('name')
            .startsWith(q.words.join(' '))
            .limit(limit + 1)
            .toArray(),
        )
      : [],
    q.digits !== null
      ? rows<CustomerRecord>(
          db.customers
            .where('phone')
            .startsWith(q.digits)
            .limit(limit + 1)
            .toArray(),
        )
      : [],
    q.email !== null && q.email.includes('@')
      ? rows<CustomerRecord>(
          db.customers
            .where('email')
            .startsWith(q.email)
            .limit(limit + 1)
            .toArray(),
        )
      : [],
  ]);
  const found = new Map<string, CustomerRecord>();
  for (const r of prefix.flat()) found.set(r.id, r);
  if (found.size <= limit) {
    // Then the rest, in one pass over the name index that stops as soon as the page is full.
    const rest = await rows<CustomerRecord>(
      db.customers
        .orderBy('name')
        .filter((r) => !found.has(r.id as string) && customerMatches(r as unknown as CustomerRecord, q))
        .limit(limit + 1 - found.size)
        .toArray(),
    );
    for (const r of rest) found.set(r.id, r);
  }
  const list = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { customers: list.slice(0, limit).map(summary), more: list.length > limit };
}

export async function readCustomer(db: TroveDb, id: string): Promise<CustomerView | undefined> {
  const r = (await db.customers.get(id)) as unknown as CustomerRecord | undefined;
  return r ? { id: r.id, ...r.values } : undefined;
}

/**
 * Other customers who already have this phone number or email (to offer them before creating a
 * second record for the same person). Families share numbers, so it is a question, not a refusal.
 */
export async function contactMatches(
  db: TroveDb,
  contact: { phone?: string | null; email?: string | null },
  exceptId?: string,
): Promise<(CustomerSummary & { same: ('phone' | 'email')[] })[]> {
  const phone = contact.phone ? phoneKey(contact.phone) : '';
  const email = contact.email ? emailKey(contact.email) : '';
  const [byPhone, byEmail] = await Promise.all([
    phone.length >= 5 ? rows<CustomerRecord>(db.customers.where('phone').equals(phone).toArray()) : [],
    email ? rows<CustomerRecord>(db.customers.where('email').equals(email).toArray()) : [],
  ]);
  const out = new Map<string, CustomerSummary & { same: ('phone' | 'email')[] }>();
  for (const [records, same] of [
    [byPhone, 'phone'],
    [byEmail, 'email'],
  ] as const) {
    for (const r of records) {
      if (r.id === exceptId) continue;
      const entry = out.get(r.id) ?? { ...summary(r), same: [] };
      entry.same.push(same);
      out.set(r.id, entry);
    }
  }
  return [...out.values()].sort((a, b) => nameKey(a.name).localeCompare(nameKey(b.name)));
}

/** One line of a customer's history: what was bought or brought back. */
export interface HistoryItem {
  title: string;
  sku: string;
  quantity: number;
}

export type HistoryEntry =
  | {
      kind: 'sale';
      id: string;
      receiptNumber: string;
      occurredAt: string;
      items: HistoryItem[];
      /** What was paid: the total after cash rounding. */
      total: number;
      /** What came back of it in later returns. */
      returned: number;
      voided: boolean;
    }
  | {
      kind: 'return';
      id: string;
      saleId: string | null;
      /** The receipt it was returned against (null: no receipt). */
      receiptNumber: string | null;
      occurredAt: string;
      items: HistoryItem[];
      /** What was refunded. */
      total: number;
      reason: string;
      voided: boolean;
    };

export interface CustomerHistory {
  /** Sales and returns, newest first. */
  entries: HistoryEntry[];
  /** Completed (not voided) sales. */
  visits: number;
  /** Paid over every sale, less what was refunded: voided sales count nothing. */
  lifetimeSpend: number;
  /** Mean of what each kept sale came to (0 with none). */
  averageSale: number;
  firstVisit: string | null;
  lastVisit: string | null;
}

const itemsOf = (lines: { title: string; sku: string; quantity: number }[]): HistoryItem[] =>
  lines.map((l) => ({ title: l.title, sku: l.sku, quantity: l.quantity }));

/**
 * A customer's purchase history: their sales (the `customerId` index) and the returns made
 * against those sales (the `saleId` index) or recorded for them without a receipt.
 */
export async function customerHistory(db: TroveDb, customerId: string): Promise<CustomerHistory> {
  const sales = await rows<SaleRecord>(db.sales.where('customerId').equals(customerId).toArray());
  const saleIds = sales.map((s) => s.id);
  const [againstSales, noReceipt] = await Promise.all([
    saleIds.length > 0 ? rows<ReturnRecord>(db.returns.where('saleId').anyOf(saleIds).toArray()) : [],
    // Returns without a receipt are few; `returns` has no customer index, so they are read by a filter.
    rows<ReturnRecord>(db.returns.filter((r) => r['customerId'] === customerId && r['saleId'] === null).toArray()),
  ]);
  const returns = [...againstSales, ...noReceipt];
  const returnedOf = new Map<string, number>();
  for (const r of againstSales) if (r.saleId) returnedOf.set(r.saleId, (returnedOf.get(r.saleId) ?? 0) + r.total);

  const entries: HistoryEntry[] = [
    ...sales.map((s): HistoryEntry => ({
      kind: 'sale',
      id: s.id,
      receiptNumber: s.receiptNumber,
      occurredAt: s.occurredAt,
      items: itemsOf(s.lines),
      total: s.total + s.cashRounding,
      returned: returnedOf.get(s.id) ?? 0,
      voided: s.status === 'voided',
    })),
    ...returns.map((r): HistoryEntry => ({
      kind: 'return',
      id: r.id,
      saleId: r.saleId,
      receiptNumber: r.receiptNumber,
      occurredAt: r.occurredAt,
      items: itemsOf(r.lines),
      total: r.total,
      reason: r.reason,
      voided: r.kind === 'void',
    })),
  ].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id));

  const kept = sales.filter((s) => s.status !== 'voided');
  // A voided sale gave everything back, however the void's refund was rounded.
  const spent = kept.reduce((sum, s) => sum + Math.max(0, s.total + s.cashRounding - (returnedOf.get(s.id) ?? 0)), 0);
  const lifetimeSpend = spent - noReceipt.reduce((sum, r) => sum + r.total, 0);
  const times = kept.map((s) => s.occurredAt).sort();
  return {
    entries,
    visits: kept.length,
    lifetimeSpend,
    averageSale: kept.length > 0 ? Math.round(kept.reduce((sum, s) => sum + s.total + s.cashRounding, 0) / kept.length) : 0,
    firstVisit: times[0] ?? null,
    lastVisit: times.at(-1) ?? null,
  };
}
