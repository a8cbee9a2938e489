import { DomainError } from '../../domain/errors';
import { generateSku, DEFAULT_SKU_PATTERN, normaliseCode, checkBarcode } from '../../domain/catalog/sku';
import type { ItemPatch } from '../../domain/catalog/item';
import type { ProductPatch } from '../../domain/catalog/product';
import { codeOwner, nextSkuSequence } from '../queries/catalog';
import { readSettings } from '../queries/settings';
import { ensureDefaultLocation } from './locations';
import { ensureCategory, ensureCollection } from './groups';
import { newId } from './ids';
import { perform, type Env } from './perform';

export interface NewItemDraft extends ItemPatch {
  sku?: string;
  price: number;
  /** Units on hand now (received at `cost`); 0 for none. */
  quantity: number;
}

/** Refuses a SKU or barcode another item already uses, naming that item (§ "uniqueness"). */
async function assertCodesFree(env: Env, codes: string[], itemId?: string): Promise<void> {
  const seen = new Set<string>();
  for (const code of codes) {
    const normal = normaliseCode(code);
    if (seen.has(normal)) throw new DomainError('code-repeated', `${code} is listed twice`, { code });
    seen.add(normal);
    const barcode = checkBarcode(normal);
    if (!barcode.ok) throw new DomainError('barcode-invalid', barcode.message, { code });
    const other = await codeOwner(env.db, normal, itemId);
    if (other)
      throw new DomainError(
        'code-taken',
        `${code} is already used by ${other.title}${other.variant ? ` (${other.variant})` : ''}, SKU ${other.sku}`,
        { code, itemId: other.id },
      );
  }
}

/** Generated SKUs for items typed without one: category code + this device's register + sequence. */
async function fillSkus(env: Env, items: NewItemDraft[], category: string): Promise<string[]> {
  const register = (await env.db.syncState.get('device'))?.registerCode ?? 'R0';
  const pattern = (await readSettings(env.db)).skuPattern || DEFAULT_SKU_PATTERN;
  let sequence = await nextSkuSequence(env.db);
  return items.map((item) => (item.sku?.trim() ? item.sku.trim() : generateSku(pattern, { category, register, sequence: sequence++ })));
}

/**
 * Creates a product with its variants (one mutation), then receives any opening stock. Category
 * and collection come by name and are made on first use.
 */
export async function createProductWithStock(
  env: Env,
  product: ProductPatch & { title: string },
  items: NewItemDraft[],
  groups: { category?: string; collection?: string } = {},
): Promise<string> {
  const category = await ensureCategory(env, groups.category ?? '');
  const collectionId = await ensureCollection(env, groups.collection ?? '');
  if (category) product = { ...product, categoryId: category.id };
  if (collectionId) product = { ...product, collectionId };
  const skus = await fillSkus(env, items, category?.code ?? '');
  await assertCodesFree(env, [...skus, ...items.flatMap((i) => i.barcodes ?? [])]);
  const productId = newId(env);
  const withIds = items.map(({ quantity: _q, ...item }, i) => ({ ...item, id: newId(env), sku: skus[i]! }));
  await perform(env, 'catalog.createProduct', { product: { id: productId, ...product }, items: withIds });
  const stocked = items.map((item, i) => ({ item, id: withIds[i]!.id, sku: skus[i]! })).filter(({ item }) => item.quantity > 0);
  if (stocked.length > 0) {
    const locationId = await ensureDefaultLocation(env);
    for (const { item, id, sku } of stocked) {
      if (item.tracking === 'piece') {
        // Each unit of a piece-tracked item is its own piece, serial SKU-1, SKU-2…, at its own cost.
        for (let n = 1; n <= item.quantity; n += 1) {
          const serial = `${sku}-${n}`;
          if (await env.db.pieces.where('serial').equals(normaliseCode(serial)).count())
            throw new DomainError('code-taken', `Serial ${serial} is already used by another piece`, { serial });
          await perform(env, 'piece.receive', {
            pieceId: newId(env),
            eventId: newId(env),
            itemId: id,
            locationId,
            serial,
            cost: item.cost ?? null,
            source: 'manual',
          });
        }
      } else {
        await perform(env, 'stock.receive', {
          eventId: newId(env),
          lotId: newId(env),
          itemId: id,
          locationId,
          quantity: item.quantity,
          unitCost: item.cost ?? null,
          supplierId: null,
          source: 'manual',
        });
      }
    }
  }
  return productId;
}

/** Saves an item's edited fields (checking a changed SKU or barcode is not someone else's). */
export async function updateItem(env: Env, itemId: string, patch: ItemPatch): Promise<void> {
  await assertCodesFree(env, [...(patch.sku ? [patch.sku] : []), ...(patch.barcodes ?? [])], itemId);
  await perform(env, 'item.save', { id: itemId, patch });
}
