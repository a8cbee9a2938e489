import { DomainError } from './errors';
import { canUnlock, type Staff, type StaffRole } from './staff';

/**
 * What each role may do (ARCHITECTURE §10 "Staff PINs are a convenience gate"). The device uses it
 * to hide what a cashier could not do anyway; the boundary is the server, which refuses every
 * `restricted` mutation recorded under a cashier (see `refusalFor`). Sales and returns are never
 * restricted: a sale is a fact, and an unapproved discount on it is flagged, not refused.
 */
export const STAFF_ACTIONS = [
  /** Unit costs, piece costs, margins: on the item page, in exports, in KPIs. */
  'see-costs',
  /** Price, compare-at price and cost of an item (one at a time or in bulk). */
  'edit-prices',
  /** New products and catalogue imports (their items carry a price and a cost). */
  'create-products',
  /** The Stock screen: receiving, adjustments, transfers, purchase-order receipts. */
  'manage-stock',
  /** Reviewing and applying a count (counting itself is open to everyone). */
  'approve-counts',
  /** Insights: KPIs, margins, ABC classes (they are built on costs). */
  'view-insights',
  /** Shop, tax, locations, devices, conflicts and the demo shop in Settings. */
  'change-settings',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Whether `role` may do `action`: owners and managers may do all of them, cashiers none. */
export function roleCan(role: StaffRole, action: StaffAction): boolean {
  return role !== 'cashier' || !(STAFF_ACTIONS as readonly string[]).includes(action);
}

/** The note a cashier sees where a screen or a control is withheld. */
export const NOT_FOR_CASHIERS = 'Not available to cashiers — ask a manager';

/** Who recorded a restricted mutation, as the server finds them. */
export interface RecordedBy {
  /** The envelope's staffId (null: the device named nobody). */
  staffId: string | null;
  /** That staff member's current record, if the shop has one by that id. */
  staff: Pick<Staff, 'name' | 'role' | 'active'> | undefined;
  /** Whether anyone in the shop can unlock a register (active, with a PIN). */
  pinsInUse: boolean;
}

export type Refusal = { reason: 'role-forbidden' | 'staff-required'; message: string };

const WHAT = 'prices, costs, stock or shop settings';

/**
 * The server's verdict on a restricted mutation: null when it may be applied. A shop without PINs
 * works as before (nobody signed in, nobody to check). Once PINs are in use the mutation must name
 * an active owner or manager: naming nobody is refused too, or a forger would leave the field out.
 */
export function refusalFor({ staffId, staff, pinsInUse }: RecordedBy): Refusal | null {
  if (staffId === null) {
    if (!pinsInUse) return null;
    return {
      reason: 'staff-required',
      message: `This shop uses staff PINs, so changes to ${WHAT} must be made by a manager or owner signed in with their PIN`,
    };
  }
  if (staff === undefined || !staff.active) {
    return { reason: 'role-forbidden', message: `Changes to ${WHAT} need an active manager or owner; the person who made this one is not` };
  }
  if (staff.role === 'cashier') {
    return {
      reason: 'role-forbidden',
      message: `${staff.name || 'This person'} is a cashier, and cashiers cannot change ${WHAT} — ask a manager or owner to make it`,
    };
  }
  return null;
}

/** What a restricted change was, for the notice a device shows when the server undoes it. */
const CHANGES: Readonly<Record<string, string>> = {
  'item.save': 'A price or cost change to an item',
  'items.bulkEdit': 'A price change to several items',
  'catalog.createProduct': 'A new product',
  'stock.receive': 'Received stock',
  'piece.receive': 'A received piece',
  'piece.save': 'A piece’s cost change',
  'stock.adjust': 'A stock adjustment',
  'stock.transfer': 'A stock transfer',
  'stock.transferReceive': 'A transfer received',
  'count.open': 'A planned count',
  'count.apply': 'An applied count',
  'count.cancel': 'A cancelled count',
  'location.save': 'A change to the stock locations',
  'category.save': 'A category’s tax rate',
  'settings.update': 'A change to the shop settings',
  'staff.save': 'A staff change',
};

/** The notice for a change the server refused on role grounds: what it was, and why. */
export function roleRefusalNotice(name: string, message: string): string {
  return `${CHANGES[name] ?? 'A change'} was undone. ${message}.`;
}

/** Throws the refusal as a DomainError (the push turns it into a per-mutation rejection). */
export function assertMayRecord(recordedBy: RecordedBy): void {
  const refusal = refusalFor(recordedBy);
  if (refusal) throw new DomainError(refusal.reason, refusal.message, { staffId: recordedBy.staffId });
}

/** Whether the shop's staff list puts PINs in use (anyone active with a PIN), as the device decides it. */
export function pinsInUse(staff: readonly Pick<Staff, 'active' | 'pin'>[]): boolean {
  return staff.some(canUnlock);
}
