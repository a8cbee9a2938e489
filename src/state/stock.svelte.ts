import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import {
  adjustStock,
  correctCost,
  receiveTransfer,
  transferStock,
  type AdjustInput,
  type CostCorrectionInput,
  type TransferInput,
} from '../data/commands/stock';
import {
  cancelPurchaseOrder,
  createReorderDrafts,
  receivePurchaseOrder,
  savePurchaseOrder,
  sendPurchaseOrder,
  type DraftInput,
  type ReceiptInput,
} from '../data/commands/purchase-orders';
import {
  lineDefaults,
  listPurchaseOrders,
  readPurchaseOrder,
  type PurchaseOrderSummary,
  type PurchaseOrderView,
} from '../data/queries/purchase-orders';
import {
  listInTransit,
  readItemHistory,
  readLayers,
  readPieceJourneys,
  readStockByLocation,
  type LayerView,
  type HistoryEntry,
  type LocationLevel,
  type PieceJourneyView,
  type TransferView,
} from '../data/queries/stock';
import { findByCode, readItem, readPieces, type ItemDetail, type ItemSummary, type PieceView } from '../data/queries/catalog';
import { listLowStock, type LowStockRow } from '../data/queries/low-stock';
import { listSuppliers, type SupplierView } from '../data/queries/suppliers';
import { readItemClass, type ItemClass } from '../data/queries/abc-classes';
import { perform } from '../data/commands/perform';
import { newId } from '../data/commands/ids';
import type { Supplier } from '../domain/suppliers';

/**
 * The Stock screen's state (made by the screen when it opens, so none of it is in the first
 * download): an item's stock by location and history, transfers in transit, and the changes.
 */
export class StockState {
  readonly inTransit: Live<TransferView[]>;
  readonly lowStock: Live<LowStockRow[]>;
  readonly suppliers: Live<SupplierView[]>;

  constructor(private readonly env: Env = appEnv()) {
    this.inTransit = new Live(() => listInTransit(env.db), []);
    this.lowStock = new Live(() => listLowStock(env.db), []);
    this.suppliers = new Live(() => listSuppliers(env.db), []);
  }

  /** Saves the changed fields of a supplier (a new one when `id` is null); returns its id. */
  async saveSupplier(id: string | null, patch: Partial<Supplier>): Promise<string> {
    const supplierId = id ?? newId(this.env);
    await perform(this.env, 'supplier.save', { id: supplierId, ...patch });
    return supplierId;
  }

  item(id: string): Live<ItemDetail | undefined> {
    return new Live(() => readItem(this.env.db, id), undefined);
  }

  /** The item's ABC class as worked out on this device (Insights; local, never synced), if it was. */
  abcClass(itemId: string): Live<ItemClass | undefined> {
    return new Live(() => readItemClass(this.env.db, itemId), undefined);
  }

  levels(itemId: string): Live<LocationLevel[]> {
    return new Live(() => readStockByLocation(this.env.db, itemId), []);
  }

  history(itemId: string): Live<HistoryEntry[]> {
    return new Live(() => readItemHistory(this.env.db, itemId), []);
  }

  pieces(itemId: string): Live<PieceView[]> {
    return new Live(() => readPieces(this.env.db, itemId), []);
  }

  journeys(itemId: string): Live<PieceJourneyView[]> {
    return new Live(() => readPieceJourneys(this.env.db, itemId), []);
  }

  adjust(input: AdjustInput): Promise<string> {
    return adjustStock(this.env, input);
  }

  transfer(input: TransferInput): Promise<string> {
    return transferStock(this.env, input);
  }

  receive(transferId: string): Promise<void> {
    return receiveTransfer(this.env, transferId);
  }

  layers(itemId: string): Live<LayerView[]> {
    return new Live(() => readLayers(this.env.db, itemId), []);
  }

  correctCost(input: CostCorrectionInput): Promise<string> {
    return correctCost(this.env, input);
  }

  // Purchase orders (made on first use: only the orders screens read them).
  #orders: Live<PurchaseOrderSummary[]> | undefined;
  get orders(): Live<PurchaseOrderSummary[]> {
    return (this.#orders ??= new Live(() => listPurchaseOrders(this.env.db), []));
  }

  order(id: string): Live<PurchaseOrderView | undefined> {
    return new Live(() => readPurchaseOrder(this.env.db, id), undefined);
  }

  lineDefaults(itemId: string): ReturnType<typeof lineDefaults> {
    return lineDefaults(this.env.db, itemId);
  }

  findByCode(code: string): Promise<ItemSummary | undefined> {
    return findByCode(this.env.db, code);
  }

  saveOrder(input: DraftInput): Promise<string> {
    return savePurchaseOrder(this.env, input);
  }

  sendOrder(id: string): Promise<void> {
    return sendPurchaseOrder(this.env, id);
  }

  cancelOrder(id: string): Promise<void> {
    return cancelPurchaseOrder(this.env, id);
  }

  receiveOrder(input: ReceiptInput): Promise<string> {
    return receivePurchaseOrder(this.env, input);
  }

  /** Turns the low-stock list into draft orders, one per supplier. */
  reorder(rows: LowStockRow[]): Promise<{ created: string[]; skipped: string[] }> {
    return createReorderDrafts(this.env, rows);
  }
}
