import * as v from 'valibot';
import { DomainError } from '../errors';
import type { MutationDef, MutationMeta, RecordStore } from './mutation';
import { saveLocation } from '../locations';
import { createProduct } from '../catalog/create';
import { saveProduct } from '../catalog/product';
import { saveItem } from '../catalog/item';
import { bulkEditItems } from '../catalog/bulk';
import { saveBundle } from '../catalog/bundle';
import { saveCategory, saveCollection } from '../catalog/groups';
import { saveSupplier } from '../suppliers';
import { saveStaff } from '../staff';
import { receivePiece, savePiece } from '../inventory/pieces';
import { completeSale } from '../sale/sale';
import { openShift } from '../sale/shift';
import { emailReceipt } from '../sale/email';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry; args are validated by each schema
type AnyDef = MutationDef<any>;

/**
 * Every mutation the device may queue and the server will apply. Add new ones here: to `eager`
 * when the register or the catalogue import needs it at once, else to `LAZY` with its module.
 */
const eager: AnyDef[] = [
  saveLocation,
  createProduct,
  saveProduct,
  saveItem,
  bulkEditItems,
  saveBundle,
  saveCategory,
  saveCollection,
  saveSupplier,
  receivePiece,
  savePiece,
  openShift,
  completeSale,
  emailReceipt,
  saveStaff,
];

/**
 * Back-office mutations, by name, with the module that defines them: loaded on first use, so the
 * register's first download does not carry purchase orders, counts or conflict resolution
 * (ARCHITECTURE §8 initial-JS budget). The names are checked against the modules by a test.
 */
const LAZY: readonly { names: readonly string[]; load: () => Promise<AnyDef[]> }[] = [
  { names: ['settings.update'], load: async () => [(await import('../settings-update')).updateSettings] },
  { names: ['stock.receive'], load: async () => [(await import('../inventory/receive')).receiveStock] },
  { names: ['return.create'], load: async () => [(await import('../sale/returns')).createReturn] },
  { names: ['customer.save'], load: async () => [(await import('../customers')).saveCustomer] },
  { names: ['stock.adjust'], load: async () => [(await import('../inventory/adjust')).adjustStock] },
  {
    names: ['stock.transfer', 'stock.transferReceive'],
    load: async () => {
      const m = await import('../inventory/transfer');
      return [m.transferStock, m.receiveTransfer];
    },
  },
  { names: ['stock.costCorrection'], load: async () => [(await import('../inventory/cost-correction')).correctCost] },
  {
    names: ['purchaseOrder.save', 'purchaseOrder.send', 'purchaseOrder.cancel', 'purchaseOrder.receive'],
    load: async () => {
      const m = await import('../inventory/purchase-order');
      return [m.savePurchaseOrder, m.sendPurchaseOrder, m.cancelPurchaseOrder, m.receivePurchaseOrder];
    },
  },
  {
    names: ['count.open', 'count.record', 'count.apply', 'count.cancel'],
    load: async () => {
      const m = await import('../inventory/count');
      return [m.openCountMutation, m.recordCountMutation, m.applyCountMutation, m.cancelCountMutation];
    },
  },
  { names: ['case.resolve'], load: async () => [(await import('../cases/resolve')).resolveCase] },
  {
    names: ['cash.move', 'shift.close'],
    load: async () => {
      const m = await import('../sale/shift-close');
      return [m.moveCash, m.closeShift];
    },
  },
];

const loaded = new Map<string, MutationDef<unknown>>(eager.map((d) => [d.name, d]));
const lazyByName = new Map(LAZY.map((group) => group.names.map((name) => [name, group] as const)).flat());

/** The mutations loaded so far (every eager one; lazy ones after `loadMutations`). */
export const mutations: ReadonlyMap<string, MutationDef<unknown>> = loaded;

/** Every mutation name there is, loaded or not. */
export const MUTATION_NAMES: readonly string[] = [...loaded.keys(), ...lazyByName.keys()];

/** Names among `names` whose definitions are not loaded yet (unknown names are not "missing"). */
export function missingMutations(names: Iterable<string>): string[] {
  return [...new Set(names)].filter((n) => !loaded.has(n) && lazyByName.has(n));
}

/**
 * Loads the modules defining `names` (a no-op for eager or loaded ones). Call it BEFORE opening a
 * database transaction: awaiting a module inside an IndexedDB transaction would end it.
 */
export async function loadMutations(names: Iterable<string>): Promise<void> {
  const groups = new Set(missingMutations(names).map((n) => lazyByName.get(n)!));
  await Promise.all(
    [...groups].map(async (group) => {
      for (const def of await group.load()) loaded.set(def.name, def);
    }),
  );
}

export function loadAllMutations(): Promise<void> {
  return loadMutations(lazyByName.keys());
}

/**
 * Validates a mutation's arguments (upgrading an older version first) and returns the def and
 * the parsed arguments. Throws `unknown-mutation`, `unsupported-version` or `invalid-args`.
 */
export function prepare(name: string, args: unknown, version?: number): { def: MutationDef<unknown>; args: unknown } {
  const def = loaded.get(name);
  if (!def && lazyByName.has(name))
    throw new DomainError('mutation-not-loaded', `${name} is used before loadMutations() loaded it`, { name });
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
  await loadMutations([name]);
  const prepared = prepare(name, args, version);
  await prepared.def.apply(store, prepared.args, meta);
}
