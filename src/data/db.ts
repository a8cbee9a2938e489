import Dexie, { type Table } from 'dexie';
import { schema as releasedSchema, type SchemaVersion } from './schema';
import type { OutboxRow, Shadow, SyncState } from './records';
import type { ShopSettingsRecord } from '../domain/settings';
import type { PhotoRecord } from './photos';

type Row = { id: string } & Record<string, unknown>;

/** The device database. Only `src/data` imports Dexie; everything else goes through commands and queries. */
export class TroveDb extends Dexie {
  settings!: Table<ShopSettingsRecord, string>;
  staff!: Table<Row, string>;
  locations!: Table<Row, string>;
  suppliers!: Table<Row, string>;
  categories!: Table<Row, string>;
  collections!: Table<Row, string>;
  products!: Table<Row, string>;
  items!: Table<Row, string>;
  pieces!: Table<Row, string>;
  bundles!: Table<Row, string>;
  photos!: Table<PhotoRecord, string>;
  lots!: Table<Row, string>;
  stockEvents!: Table<Row, string>;
  stockLevels!: Table<Row, [string, string]>;
  sales!: Table<Row, string>;
  returns!: Table<Row, string>;
  shifts!: Table<Row, string>;
  purchaseOrders!: Table<Row, string>;
  counts!: Table<Row, string>;
  countLines!: Table<Row, string>;
  customers!: Table<Row, string>;
  cases!: Table<Row, string>;
  outbox!: Table<OutboxRow, number>;
  syncState!: Table<SyncState, string>;
  dailyRollups!: Table<Row, [string, string, string]>;
  shadows!: Table<Shadow, [string, string]>;
  priceChanges!: Table<Row, string>;
  parkedCarts!: Table<Row, string>;
  receiptEmails!: Table<Row, string>;
  credits!: Table<Row, string>;
  creditEntries!: Table<Row, string>;
  cashMovements!: Table<Row, string>;
  zReports!: Table<Row, string>;
  transfers!: Table<Row, string>;
  /** Local only: each item's ABC class (data/insights/classes.ts). */
  abcClasses!: Table<Record<string, unknown> & { itemId: string }, string>;

  constructor(name: string, versions: readonly SchemaVersion[] = releasedSchema) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export const DB_NAME = 'trove';

let shared: TroveDb | undefined;

/** The app's one database connection (lazily opened by Dexie on first use). */
export function getDb(): TroveDb {
  shared ??= new TroveDb(DB_NAME);
  return shared;
}
