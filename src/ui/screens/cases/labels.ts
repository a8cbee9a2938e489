import type { CaseType, FieldEdit, OverwrittenField } from '../../../domain/cases';

/** What each kind of case is called in the inbox. */
export const CASE_TITLES: Record<CaseType, string> = {
  'piece-oversold': 'Piece sold twice',
  'credit-overspent': 'Credit spent twice',
  'duplicate-code': 'Code used twice',
  'clock-wrong': 'Device clock wrong',
  'count-flagged': 'Stock moved during a count',
  'edit-overwritten': 'Edited on two devices',
  'return-overlap': 'Refunded twice',
};

/** What happened and what to do, in plain words. */
export const CASE_HELP: Record<CaseType, string> = {
  'piece-oversold':
    'Two registers sold the same one-of-a-kind piece while they were offline. Both sales stand — the money and the customers are real — and the one the server received later is flagged. Decide what happened to the second customer.',
  'credit-overspent':
    'The same store credit or gift card balance was spent on two registers while offline, so the account is below zero. Both sales stand. Collect the difference from the customer, or write it off.',
  'duplicate-code':
    'Two registers gave the same SKU, barcode or gift card code to different things while offline. Both stand; give one of them a new code, then mark this case.',
  'clock-wrong':
    'A device’s date or time is off, so its changes were stamped with the server’s time instead. Set the device’s date and time to automatic, then mark this case.',
  'count-flagged':
    'A sale or another movement of stock happened near a count but reached this shop only after the count was reviewed — from a register that was offline. The count was applied as reviewed. Check those shelves, adjust stock if the count and the sale disagree, then mark this case.',
  'edit-overwritten':
    'The same detail was changed to different values on two devices, one of them offline. The later change was kept everywhere; the other value is shown here so nothing is lost silently. If the other value was the right one, choose “Use the other value”: it is set again as a new change that every device takes.',
  'return-overlap':
    'The same sale was refunded on two registers while they were offline, so more came back (or was refunded) than was sold. Every refund was paid and stands in the books. Ask the customer to settle the difference, or write it off, and check that shelf — stock counts what both registers took back.',
};

/** The button that resolves a case this way. */
export const ACTION_LABELS: Record<string, string> = {
  'clock-fixed': 'Clock fixed',
  'code-changed': 'Code changed',
  collected: 'Difference collected',
  'written-off': 'Write it off',
  refunded: 'Refund one sale',
  substituted: 'Customer took a substitute',
  'special-order': 'Special order',
  'found-stock': 'Found stock — there were two',
  checked: 'Shelves checked',
  kept: 'Keep the later value',
  'use-other': 'Use the other value',
  'changed-by-hand': 'I changed it by hand',
  dismissed: 'Dismiss',
};

/** How a resolved case reads. */
export const RESOLVED_LABELS: Record<string, string> = {
  'clock-fixed': 'Clock fixed',
  'code-changed': 'Code changed',
  collected: 'Difference collected',
  'written-off': 'Written off',
  refunded: 'One sale refunded',
  substituted: 'Customer took a substitute',
  'special-order': 'Special order',
  'found-stock': 'Found stock (there were two)',
  checked: 'Shelves checked',
  kept: 'Later value kept',
  'use-other': 'Other value used',
  'changed-by-hand': 'Changed by hand',
  dismissed: 'Dismissed',
};

/** How a refund was paid out, after its amount: "$120.00 in cash", "$120.00 to store credit". */
const REFUND_WAYS: Record<string, string> = { cash: 'in cash', card: 'to the card', other: 'another way', credit: 'to store credit' };

export function refundWay(kinds: readonly string[]): string {
  return kinds.length === 0 ? '(nothing paid back)' : kinds.map((k) => REFUND_WAYS[k] ?? `by ${k}`).join(' and ');
}

/** What a field is called in an edit-overwritten case ("compareAtPrice" → "Compare-at price"). */
const FIELD_LABELS: Record<string, string> = {
  sku: 'SKU',
  price: 'Price',
  compareAtPrice: 'Compare-at price',
  cost: 'Cost',
  supplierSku: 'Supplier SKU',
  reorderPoint: 'Reorder point',
  reorderQty: 'Reorder quantity',
  taxRateBp: 'Tax rate',
  shopName: 'Shop name',
};
/** Fields that hold money (integer minor units). */
const MONEY_FIELDS = new Set(['price', 'compareAtPrice', 'cost']);

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value in plain words. */
export function fieldValue(field: string, value: unknown, money: (minor: number) => string): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'number' && MONEY_FIELDS.has(field)) return money(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : value.map(String).join(', ');
  // A setting made of parts (a health band, the ABC split): each part by name, never JSON.
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([part, v]) => `${fieldLabel(part)} ${fieldValue(part, v, money)}`)
      .join(', ');
  return String(value);
}

/** The wall-clock time and device of an HLC string (`wall-counter-node`). */
export function editAt(edit: FieldEdit): { at: string; deviceId: string } {
  const [wall, , ...node] = edit.hlc.split('-');
  return { at: new Date(Number(wall)).toISOString(), deviceId: node.join('-') };
}

/**
 * The case in one sentence: "Price of OR-1 was set to 52.00 on Counter tablet at 10:41 and to
 * 48.00 on Stall phone at 10:39; 52.00 was kept (the later edit)."
 */
export function overwrittenSentence(
  o: OverwrittenField,
  words: { money: (minor: number) => string; time: (iso: string) => string; device: (deviceId: string) => string },
): string {
  const value = (v: unknown) => fieldValue(o.field, v, words.money);
  const side = (e: FieldEdit) => {
    const { at, deviceId } = editAt(e);
    return `${value(e.value)} on ${words.device(deviceId)} at ${words.time(at)}`;
  };
  const what = o.table === 'settings' ? `${fieldLabel(o.field)} in the shop settings` : `${fieldLabel(o.field)} of ${o.label}`;
  const lost = o.lost.map((l) => ` and to ${side(l)}`).join('');
  return `${what} was set to ${side(o.kept)}${lost}; ${value(o.kept.value)} was kept (the later edit).`;
}

/** An edit's time: the hour alone when it was today, else the date too. */
export function editTime(iso: string, locale: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString()
    ? at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}
