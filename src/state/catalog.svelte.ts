import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import { perform } from '../data/commands/perform';
import { createProductWithStock, updateItem, type NewItemDraft } from '../data/commands/catalog';
import { findByCode, readBundle, readItem, readPieces, searchItems, type BundleView, type ItemDetail, type ItemSummary, type PieceView } from '../data/queries/catalog';
import type { ItemPatch } from '../domain/catalog/item';
import type { ProductPatch } from '../domain/catalog/product';
import { PhotoLibrary } from './photos.svelte';

/** The catalogue as the screens use it: live searches, live item pages, and the edits. */
export class CatalogState {
  /** Items picked in the list for a bulk action (labels, bulk edit). */
  selected = $state<string[]>([]);

  constructor(private readonly env: Env = appEnv()) {}

  /** A live page of search results (re-made when the query changes; see Catalogue list). */
  search(query: string, page: number): Live<{ items: ItemSummary[]; more: boolean }> {
    return new Live(() => searchItems(this.env.db, query, page), { items: [], more: false });
  }

  bundle(itemId: string): Live<BundleView | undefined> {
    return new Live(() => readBundle(this.env.db, itemId), undefined);
  }

  /** The item a typed or scanned SKU/barcode belongs to. */
  lookup(code: string): Promise<ItemSummary | undefined> {
    return findByCode(this.env.db, code);
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

  create(product: ProductPatch & { title: string }, items: NewItemDraft[], category?: string): Promise<string> {
    return createProductWithStock(this.env, product, items, category);
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
