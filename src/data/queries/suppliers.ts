import type { TroveDb } from '../db';
import { SUPPLIER_DEFAULTS, type Supplier, type SupplierRecord } from '../../domain/suppliers';

export interface SupplierView extends Supplier {
  id: string;
}

/** Every supplier, by name (records saved before the contact fields existed get the defaults). */
export async function listSuppliers(db: TroveDb): Promise<SupplierView[]> {
  const rows = (await db.suppliers.orderBy('name').toArray()) as unknown as SupplierRecord[];
  return rows.map((r) => ({ ...SUPPLIER_DEFAULTS, ...r.values, id: r.id }));
}
