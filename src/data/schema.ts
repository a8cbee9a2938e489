/**
 * The IndexedDB schema as a list of versions. Each entry is a Dexie `stores()` map (only the
 * tables it adds or changes) and an optional upgrade that rewrites existing rows. Versions are
 * only ever appended: a released version is never edited, so every device can upgrade from any
 * older one without losing its data or its pending outbox.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

// Index notes: `&` unique, `*` multi-entry, `[a+b]` compound. Synced tables are keyed by UUIDv7
// `id` made on the device (no auto-increment in synced tables).
export const schema: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      settings: 'id',
      staff: 'id, name',
      locations: 'id, name',
      suppliers: 'id, name',
      categories: 'id, name',
      collections: 'id, name',
      products: 'id, title, categoryId, collectionId, supplierId',
      items: 'id, productId, sku, *barcodes, *tokens',
      pieces: 'id, itemId, serial, barcode, status',
      bundles: 'id, itemId',
      photos: 'id, ownerId',
      lots: 'id, itemId, [itemId+receivedAt], supplierId, purchaseOrderId',
      stockEvents: 'id, itemId, [itemId+locationId], pieceId, occurredAt, hlc, type, [source+ref]',
      stockLevels: '[itemId+locationId], itemId, locationId',
      sales: 'id, receiptNumber, shiftId, businessDay, occurredAt, customerId',
      returns: 'id, saleId, shiftId, businessDay',
      shifts: 'id, businessDay, status',
      purchaseOrders: 'id, supplierId, status',
      counts: 'id, status',
      countLines: 'id, countId, [countId+itemId+locationId]',
      customers: 'id, name, email, phone',
      cases: 'id, type, status',
      // Local-only queue (auto-increment is fine: never synced). Mutation identity is
      // (origin device, id): rows carried over from before a re-pairing keep their old device.
      outbox: '++seq, [origin+id], *touches',
      // The local write model (ARCHITECTURE.md §10): confirmed state of records with pending changes.
      shadows: '[table+id]',
      syncState: 'id',
      dailyRollups: '[day+scope+key], day, [scope+key+day]',
    },
  },
  {
    // Catalogue: the price and cost history of every item.
    version: 2,
    stores: { priceChanges: 'id, itemId' },
  },
  {
    // Photos: content-addressed blobs (id = SHA-256 of the full view), found by sync `state`
    // (local → uploaded, wanted → remote; see data/photos.ts). A photo is shared by any number of
    // records, so v1's unused `ownerId` index goes. No rows to rewrite: nothing stored photos before.
    version: 3,
    stores: { photos: 'id, state' },
  },
  {
    // The register: carts parked on this device (local only, never synced) and receipt emails
    // queued for the server to send (synced like any record).
    version: 4,
    stores: { parkedCarts: 'id, parkedAt', receiptEmails: 'id, saleId' },
  },
  {
    // After the sale: store credit and gift cards (accounts and their ledger), cash paid in and
    // out of a drawer, frozen Z reports. Returns, shifts and customers were in v1.
    version: 5,
    stores: {
      credits: 'id, code, customerId',
      creditEntries: 'id, creditId, saleId, returnId',
      cashMovements: 'id, shiftId',
      zReports: 'id, shiftId, businessDay',
    },
  },
  {
    // Stock operations: transfers between locations (sent, in transit, received). Synced like any
    // record; the ledger events they write are in stockEvents.
    version: 6,
    stores: { transfers: 'id, status, itemId' },
  },
  {
    // Low stock: items indexed by their reorder point (kept top-level only when one is set, so the
    // index holds just those items). No rows to rewrite: no item had a reorder point before.
    version: 7,
    stores: { items: 'id, productId, sku, *barcodes, *tokens, reorderPoint' },
  },
  {
    // Insights: each item's ABC class, worked out on this device from its own rollups (local only,
    // never synced: every device derives the same classes from the same synced data, and a
    // 200,000-item catalogue must not become a 200,000-row push). See data/insights/classes.ts.
    version: 8,
    stores: { abcClasses: 'itemId, class' },
  },
];

export const SCHEMA_VERSION = schema.at(-1)!.version;
