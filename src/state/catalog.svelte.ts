import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import { perform } from '../data/commands/perform';
import { createProductWithStock, updateItem, type NewItemDraft } from '../data/commands/catalog';
import {
  findByCode,
  readBundle,
  readItem,
  readPieces,
  searchItems,
  type BundleView,
  type ItemDetail,
  type ItemSummary,
  type PieceView,
} from '../data/queries/catalog';
import type { ItemPatch } from '../domain/catalog/item';
import { readLabelItems, type LabelItems } from '../data/queries/labels';
import { listCategories, listCollections, type GroupView } from '../data/queries/groups';
import { ensureCategory } from '../data/commands/groups';
import type { ProductPatch } from '../domain/catalog/product';
import { PhotoLibrary } from './photos.svelte';
import { listSuppliers, type SupplierView } from '../data/queries/suppliers';

/** The catalogue as the screens use it: live searches, live item pages, and the edits. */
export class CatalogState {
  /** Items picked in the list for a bulk action (labels, bulk edit). */
  selected = $state<string[]>([]);

  constructor(private readonly env: Env = appEnv()) {
    this.categories = new Live(() => listCategories(env.db), []);
    this.collections = new Live(() => listCollections(env.db), []);
  }

  /** The suppliers, for the item page's supplier choice. */
  suppliers(): Live<SupplierView[]> {
    return new Live(() => listSuppliers(this.env.db), []);
  }

  /** A live page of search results (re-made when the query changes; see Catalogue list). */
  search(query: string, page: number): Live<{ items: ItemSummary[]; more: boolean }> {
    return new Live(() => searchItems(this.env.db, query, page), { items: [], more: false });
  }

  /** The chosen items for labels, live: a price edited elsewhere shows before printing. */
  labels(ids: readonly string[]): Live<LabelItems> {
    return new Live(() => readLabelItems(this.env.db, ids), { items: [], missing: [] });
  }

  bundle(itemId: string): Live<BundleView | undefined> {
    return new Live(() => readBundle(this.env.db, itemId), undefined);
  }

  /** The item a typed or scanned SKU/barcode belongs to. */
  lookup(code: string): Promise<ItemSummary | undefined> {
    return findByCode(this.env.db, code);
  }

  /** A category's own tax rate (basis points), or null for the shop's default. */
  setCategoryTaxRate(id: string, taxRateBp: number | null): Promise<unknown> {
    return perform(this.env, 'category.save', { id, taxRateBp });
  }

  saveBundle(itemId: string, components: { itemId: string; quantity: number }[]): Promise<unknown> {
    return perform(this.env, 'bundle.save', { itemId, components });
  }

  pieces(itemId: string): Live<PieceView[]> {
    return new Live(() => readPieces(this.env.db, itemId), []);
  }

  item(id: string): Live<ItemDetail | undefined> {
    return new Live(() => readItem(this.env.db, id), undefined);
  }

  readonly categories: Live<GroupView[]>;
  readonly collections: Live<GroupView[]>;

  create(
    product: ProductPatch & { title: string },
    items: NewItemDraft[],
    groups?: { category?: string; collection?: string },
  ): Promise<string> {
    return createProductWithStock(this.env, product, items, groups);
  }

  /** Moves the chosen items' products into the named category (made on first use). */
  async moveToCategory(itemIds: string[], name: string): Promise<void> {
    const category = await ensureCategory(this.env, name);
    await perform(this.env, 'items.bulkEdit', { itemIds, categoryId: category?.id ?? null });
  }

  saveItem(id: string, patch: ItemPatch): Promise<void> {
    return updateItem(this.env, id, patch);
  }

  /** Photos: add from a file or the camera, show live (made on first use, on this env). */
  get photos(): PhotoLibrary {
    return (this.#photos ??= new PhotoLibrary(this.env));
  }
  #photos: PhotoLibrary | undefined;

  /** An item's photos, in order; only `photoIds` is sent, so a price edited elsewhere survives. */
  setItemPhotos(id: string, photoIds: string[]): Promise<void> {
    return updateItem(this.env, id, { photoIds });
  }

  savePiece(
    id: string,
    patch: { serial?: string; barcode?: string | null; cost?: number | null; certificate?: string; photoIds?: string[] },
  ): Promise<unknown> {
    return perform(this.env, 'piece.save', { id, patch });
  }

  saveProduct(id: string, patch: ProductPatch): Promise<unknown> {
    return perform(this.env, 'product.save', { id, patch });
  }

  bulkEdit(itemIds: string[], change: { price?: number; addTags?: string[]; removeTags?: string[] }): Promise<unknown> {
    return perform(this.env, 'items.bulkEdit', { itemIds, ...change });
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }
}
