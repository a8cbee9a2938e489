import * as v from 'valibot';
import { DomainError } from '../errors';
import type { MutationDef, MutationMeta, RecordStore } from './mutation';
import { updateSettings } from '../settings';
import { saveLocation } from '../locations';
import { resolveCase } from '../cases';
import { createProduct } from '../catalog/create';
import { saveProduct } from '../catalog/product';
import { saveItem } from '../catalog/item';
import { bulkEditItems } from '../catalog/bulk';
import { saveBundle } from '../catalog/bundle';
import { saveCategory, saveCollection } from '../catalog/groups';
import { saveSupplier } from '../suppliers';
import { saveStaff } from '../staff';
import { receiveStock } from '../inventory/receive';
import { receivePiece, savePiece } from '../inventory/pieces';
import { adjustStock } from '../inventory/adjust';
import { receiveTransfer, transferStock } from '../inventory/transfer';
import { completeSale } from '../sale/sale';
import { openShift } from '../sale/shift';
import { closeShift, moveCash } from '../sale/shift-close';
import { emailReceipt } from '../sale/email';
import { createReturn } from '../sale/returns';
import { saveCustomer } from '../customers';

/** Every mutation the device may queue and the server will apply. Add new ones here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry; args are validated by each schema
const all: MutationDef<any>[] = [
  updateSettings,
  saveLocation,
  resolveCase,
  createProduct,
  saveProduct,
  saveItem,
  bulkEditItems,
  saveBundle,
  saveCategory,
  saveCollection,
  saveSupplier,
  receiveStock,
  receivePiece,
  savePiece,
  adjustStock,
  transferStock,
  receiveTransfer,
  openShift,
  completeSale,
  emailReceipt,
  createReturn,
  saveStaff,
  saveCustomer,
  moveCash,
  closeShift,
];

export const mutations: ReadonlyMap<string, MutationDef<unknown>> = new Map(all.map((d) => [d.name, d]));

/**
 * Validates a mutation's arguments (upgrading an older version first) and returns the def and
 * the parsed arguments. Throws `unknown-mutation`, `unsupported-version` or `invalid-args`.
 */
export function prepare(name: string, args: unknown, version?: number): { def: MutationDef<unknown>; args: unknown } {
  const def = mutations.get(name);
  if (!def) throw new DomainError('unknown-mutation', `No mutation named "${name}"`, { name });
  version ??= def.version;
  if (!Number.isSafeInteger(version) || version < 1 || version > def.version) {
    throw new DomainError('unsupported-version', `${name} has no version ${version}`, { name, version });
  }
  const current = version < def.version && def.upgrade ? def.upgrade(args, version) : args;
  const parsed = v.safeParse(def.schema, current);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new DomainError('invalid-args', issue.message, { name, path });
  }
  return { def, args: parsed.output };
}

/**
 * Whether a mutation with these (prepared) arguments is refused when recorded under a cashier
 * (MutationDef.restricted; ARCHITECTURE §10).
 */
export function isRestricted(def: MutationDef<unknown>, args: unknown): boolean {
  const restricted = def.restricted;
  return typeof restricted === 'function' ? restricted(args) : restricted === true;
}

export async function applyMutation(store: RecordStore, name: string, version: number, args: unknown, meta: MutationMeta): Promise<void> {
  const prepared = prepare(name, args, version);
  await prepared.def.apply(store, prepared.args, meta);
}
