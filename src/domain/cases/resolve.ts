import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { DomainError } from '../errors';
import { text, uuid } from '../catalog/fields';
import { createReturn, stampKnownReturns, refundFor, refundsToTenders, returnArgsSchema, type ReturnArgs } from '../sale/returns';
import { adjustArgsSchema, adjustStock } from '../inventory/adjust';
import type { ReturnRecord, SaleRecord } from '../sale/types';
import { CASE_RESOLUTIONS, type CaseRecord } from '../cases';
import { saveItem } from '../catalog/item';
import { saveProduct } from '../catalog/product';
import { saveCategory, saveCollection } from '../catalog/groups';
import { saveSupplier } from '../suppliers';
import { saveCustomer } from '../customers';
import { savePiece } from '../inventory/pieces';
import { saveLocation } from '../locations';
import type { MutationDef, MutationMeta, RecordStore } from '../sync/mutation';

/**
 * Resolving a case (the conflicts inbox): kept apart from cases.ts, which the sale and the
 * catalogue import to open cases, because settling a piece sold twice makes a return or stock
 * adjustments in the same mutation.
 */

const resolveSchema = v.strictObject({
  // Server-made cases have UUIDs; cases a mutation opens have ids derived from what they concern.
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  resolution: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  // Added after v1 (optional, so a v1 payload is still a valid one):
  note: v.optional(text('Note', 500)),
  /** "refunded": the return (or void) of the piece's line of one of the sales, made in the same mutation. */
  refund: v.optional(returnArgsSchema),
  /** "substituted" / "found-stock": the stock adjustments that put the ledger right, made in the same mutation. */
  adjustments: v.optional(v.pipe(v.array(adjustArgsSchema), v.maxLength(2))),
  /** "substituted": what the customer took instead. */
  substitute: v.optional(v.strictObject({ itemId: uuid('Item id'), pieceId: v.nullable(uuid('Piece id')) })),
  /** "use-other" (edit-overwritten): the HLC of the lost edit to bring back (default: the latest lost one). */
  use: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
type ResolveArgs = v.InferOutput<typeof resolveSchema>;

const concerned = (c: CaseRecord, table: string): string[] =>
  c.concerns.filter((k) => k.startsWith(`${table}/`)).map((k) => k.slice(table.length + 1));

/**
 * What a piece-oversold resolution must carry, checked before anything is written: a refund
 * returns that piece from one of the case's sales; a substitute puts the piece back (+1) and
 * takes out what the customer took instead (−1); found stock brings the piece back once.
 */
function checkOversold(current: CaseRecord, args: ResolveArgs): void {
  const [pieceId] = concerned(current, 'pieces');
  const bad = (message: string) => new DomainError('invalid-resolution', message, { id: current.id });
  const adjustments = args.adjustments ?? [];
  const piecePlusOne = (a: (typeof adjustments)[number]) => a.pieceId === pieceId && a.quantity === 1;
  switch (args.resolution) {
    case 'refunded':
      if (!args.refund || !args.refund.saleId || !concerned(current, 'sales').includes(args.refund.saleId))
        throw bad('A refund takes the piece back from one of the two sales');
      if (!args.refund.lines.some((l) => l.pieceId === pieceId)) throw bad('The refund must take back the piece sold twice');
      break;
    case 'substituted':
      if (!args.substitute || adjustments.length !== 2 || !piecePlusOne(adjustments[0]!))
        throw bad('A substitute puts the piece back and takes out what the customer took instead');
      if (
        adjustments[1]!.itemId !== args.substitute.itemId ||
        adjustments[1]!.pieceId !== args.substitute.pieceId ||
        adjustments[1]!.quantity !== -1
      )
        throw bad('The second adjustment takes out the substitute');
      break;
    case 'found-stock':
      if (adjustments.length !== 1 || !piecePlusOne(adjustments[0]!) || adjustments[0]!.reason !== 'found')
        throw bad('Found stock brings the piece back once');
      break;
    default:
      if (args.refund || adjustments.length > 0) throw bad('This resolution makes no refund and no adjustment');
  }
}

/**
 * "use-other" on an edit-overwritten case: the lost value is applied again as a NEW edit (this
 * mutation's HLC, so it wins) through the record's own save mutation — item history, search words
 * and indexes follow as for any edit. Shop settings are left out: they are the owner's alone.
 */
const SAVES: Record<
  string,
  { def: Pick<MutationDef<never>, 'tables' | 'apply'>; args: (id: string, patch: Record<string, unknown>) => unknown }
> = {
  items: { def: saveItem, args: (id, patch) => ({ id, patch }) },
  products: { def: saveProduct, args: (id, patch) => ({ id, patch }) },
  pieces: { def: savePiece, args: (id, patch) => ({ id, patch }) },
  categories: { def: saveCategory, args: (id, patch) => ({ id, ...patch }) },
  collections: { def: saveCollection, args: (id, patch) => ({ id, ...patch }) },
  suppliers: { def: saveSupplier, args: (id, patch) => ({ id, ...patch }) },
  customers: { def: saveCustomer, args: (id, patch) => ({ id, ...patch }) },
  locations: { def: saveLocation, args: (id, patch) => ({ id, ...patch }) },
};

async function useOtherValue(store: RecordStore, current: CaseRecord, use: string | undefined, meta: MutationMeta): Promise<string> {
  const o = current.overwritten;
  const save = o ? SAVES[o.table] : undefined;
  const lost = o ? (use === undefined ? o.lost.at(-1) : o.lost.find((l) => l.hlc === use)) : undefined;
  if (!o || !save || !lost)
    throw new DomainError('invalid-resolution', 'That value cannot be brought back here; edit the record itself', { id: current.id });
  await save.def.apply(store, save.args(o.id, { [o.field]: lost.value }) as never, meta);
  return `${o.table}/${o.id}`;
}

/**
 * A person settles a case: a recorded event (who, when, what, a note and the records it made).
 * v1 payloads (id and resolution only) still resolve any case without writing anything else.
 */
export const resolveCase = defineMutation({
  name: 'case.resolve',
  version: 1,
  // Adjusting stock is a manager's (§10); a refund is not (returns never are).
  restricted: (args: ResolveArgs) => (args.adjustments?.length ?? 0) > 0 || args.resolution === 'use-other',
  tables: [...new Set(['cases', ...createReturn.tables, ...adjustStock.tables, ...Object.values(SAVES).flatMap((s) => s.def.tables)])],
  schema: resolveSchema,
  stamp: async (store, args) => (args.refund ? { ...args, refund: await stampKnownReturns(store, args.refund) } : args),
  async apply(store, args, meta) {
    const { id, resolution } = args;
    const current = (await store.get('cases', id)) as CaseRecord | undefined;
    if (!current) throw new DomainError('case-not-found', 'That case does not exist', { id });
    if (!CASE_RESOLUTIONS[current.type].includes(resolution)) {
      throw new DomainError('invalid-resolution', `“${resolution}” does not resolve a ${current.type} case`, { id, resolution });
    }
    if (current.status === 'resolved') return; // resolved twice (two devices): the first one stands
    if (current.type === 'piece-oversold') checkOversold(current, args);
    else if (args.refund || args.adjustments?.length)
      throw new DomainError('invalid-resolution', 'Only a piece sold twice is settled with a refund or an adjustment', { id });
    const records: string[] = [];
    if (args.refund) {
      await createReturn.apply(store, args.refund, meta);
      records.push(`returns/${args.refund.returnId}`);
    }
    for (const a of args.adjustments ?? []) {
      await adjustStock.apply(store, a, meta);
      records.push(`stockEvents/${a.eventId}`);
    }
    if (resolution === 'use-other') records.push(await useOtherValue(store, current, args.use, meta));
    const resolved: CaseRecord = {
      ...current,
      status: 'resolved',
      resolution,
      resolvedAt: meta.occurredAt,
      resolvedBy: meta.staffId ?? null,
      note: args.note ?? '',
      records,
    };
    if (args.substitute) resolved.substitute = args.substitute;
    await store.put('cases', resolved);
  },
});

/**
 * The return that settles a piece sold twice by refunding one sale: only the piece's line, back to
 * where it was sold, paid to the sale's own tenders or to new store credit. The piece's ledger
 * then reads +1 −1 −1 +1: on hand 0, held by the one sale that stands.
 */
export function pieceRefund(
  sale: SaleRecord,
  previous: readonly ReturnRecord[],
  pieceId: string,
  ids: { returnId: string; eventId: string; creditId?: string; creditCode?: string },
  context: { shiftId: string; businessDay: string; staffId: string | null; reason: string },
): ReturnArgs {
  const line = sale.lines.find((l) => l.pieceId === pieceId);
  if (!line) throw new DomainError('line-not-in-sale', `Sale ${sale.receiptNumber} did not sell that piece`);
  const amount = refundFor(sale, previous, [{ saleLineId: line.lineId, quantity: 1 }]);
  const toCredit = ids.creditId !== undefined && ids.creditCode !== undefined;
  return {
    returnId: ids.returnId,
    kind: 'return',
    saleId: sale.id,
    shiftId: context.shiftId,
    businessDay: context.businessDay,
    staffId: context.staffId,
    approvedBy: null,
    customerId: sale.customerId,
    reason: context.reason,
    taxMode: sale.taxMode,
    lines: [{ saleLineId: line.lineId, itemId: line.itemId, pieceId, quantity: 1, locationId: sale.locationId, eventIds: [ids.eventId] }],
    refunds: toCredit
      ? [{ kind: 'credit', amount, method: null, reference: null, creditId: ids.creditId! }]
      : refundsToTenders(sale, amount).map((r) => ({ ...r, creditId: r.creditId ?? null })),
    newCredit: toCredit ? { id: ids.creditId!, code: ids.creditCode! } : null,
  };
}
