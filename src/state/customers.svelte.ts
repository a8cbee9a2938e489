import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import type { CustomerEdit, NewCustomer } from '../data/commands/customers';
import type { CustomerHistory, CustomerSummary, CustomerView, contactMatches } from '../data/queries/customers';
import { readSale } from '../data/queries/register';
import type { SaleRecord } from '../domain/sale/types';

// Loaded when customers are first needed, not with the register (the initial-JS budget, §8).
// Dexie 4 keeps tracking a live query's reads across the await of the import.
const queries = () => import('../data/queries/customers');
const commands = () => import('../data/commands/customers');

export const EMPTY_HISTORY: CustomerHistory = {
  entries: [],
  visits: 0,
  lifetimeSpend: 0,
  averageSale: 0,
  firstVisit: null,
  lastVisit: null,
};

/** Customers as the screens use them: live searches and pages, and the writes (all offline). */
export class CustomersState {
  constructor(private readonly env: Env = appEnv()) {}

  /** A live page of matches (make a new one when the query changes; the old one unsubscribes). */
  search(query: string, page = 0, limit = 30): Live<{ customers: CustomerSummary[]; more: boolean }> {
    return new Live(async () => (await queries()).searchCustomers(this.env.db, query, limit, page), { customers: [], more: false });
  }

  /** One customer, live: an edit synced from another device shows at once. */
  customer(id: string): Live<CustomerView | undefined> {
    return new Live(async () => (await queries()).readCustomer(this.env.db, id), undefined);
  }

  /** Their sales and returns, newest first, with lifetime spend; live as sales are rung up. */
  history(id: string): Live<CustomerHistory> {
    return new Live(async () => (await queries()).customerHistory(this.env.db, id), EMPTY_HISTORY);
  }

  /** A sale of their history, whole, for its receipt. */
  sale(id: string): Promise<SaleRecord | undefined> {
    return readSale(this.env.db, id);
  }

  /** Customers who already have this phone or email (asked before creating a duplicate). */
  async matches(contact: { phone?: string | null; email?: string | null }, exceptId?: string): ReturnType<typeof contactMatches> {
    return (await queries()).contactMatches(this.env.db, contact, exceptId);
  }

  /** Registers a customer on this device; returns the new id. */
  async create(input: NewCustomer): Promise<string> {
    return (await commands()).createCustomer(this.env, input);
  }

  async update(id: string, edit: CustomerEdit): Promise<void> {
    return (await commands()).updateCustomer(this.env, id, edit);
  }
}
