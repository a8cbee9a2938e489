import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { DomainError } from './errors';

/**
 * The conflicts inbox: something the system noticed that a person must decide. The server opens
 * cases (it is the one place that sees every device's changes); devices resolve them. Later
 * features add their own types (oversold piece, duplicate SKU, count variance).
 */
export const CASE_TYPES = ['clock-wrong', 'duplicate-code', 'credit-overspent'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export interface CaseRecord {
  [key: string]: unknown;
  id: string;
  type: CaseType;
  /** The records it concerns, as `table/id`. */
  concerns: string[];
  status: 'open' | 'resolved';
  summary: string;
  openedAt: string;
  resolvedAt?: string;
  resolution?: string;
}

export const CASE_RESOLUTIONS: Record<CaseType, readonly string[]> = {
  'clock-wrong': ['clock-fixed', 'dismissed'],
  'duplicate-code': ['code-changed', 'dismissed'],
  'credit-overspent': ['collected', 'written-off', 'dismissed'],
};

/** Two accounts (gift cards sold on two registers offline) with one code: which card is which is for a person to settle. */
export function duplicateCreditCase(code: string, creditIds: string[], saleId: string, openedAt: string): CaseRecord {
  return {
    id: `duplicate-code:${code}`,
    type: 'duplicate-code',
    concerns: [...creditIds.map((id) => `credits/${id}`), `sales/${saleId}`],
    status: 'open',
    summary: `Gift card code ${code} was sold on two registers as ${creditIds.length} different cards. Both sales stand; give one card a new code.`,
    openedAt,
  };
}

/**
 * Store credit spent below zero — the same balance spent on two devices offline (§10). One case per
 * account (its id is derived from the account), however many sales overspent it.
 */
export function creditOverspentCase(
  creditId: string,
  code: string,
  balance: number,
  openedAt: string,
  saleIds: string[],
  kind: 'store-credit' | 'gift-card' = 'store-credit',
): CaseRecord {
  return {
    id: `credit-overspent:${creditId}`,
    type: 'credit-overspent',
    concerns: [`credits/${creditId}`, ...saleIds.map((id) => `sales/${id}`)],
    status: 'open',
    summary: `${kind === 'gift-card' ? 'Gift card' : 'Store credit'} ${code} was spent beyond its balance (now ${balance} in minor units), most likely on two registers while offline.`,
    openedAt,
  };
}

export const resolveCase = defineMutation({
  name: 'case.resolve',
  version: 1,
  tables: ['cases'],
  schema: v.strictObject({
    // Server-made cases have UUIDs; cases a mutation opens have ids derived from what they concern.
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    resolution: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  }),
  async apply(store, { id, resolution }, meta) {
    const current = (await store.get('cases', id)) as CaseRecord | undefined;
    if (!current) throw new DomainError('case-not-found', 'That case does not exist', { id });
    if (!CASE_RESOLUTIONS[current.type].includes(resolution)) {
      throw new DomainError('invalid-resolution', `“${resolution}” does not resolve a ${current.type} case`, { id, resolution });
    }
    if (current.status === 'resolved') return; // resolved twice (two devices): the first one stands
    await store.put('cases', { ...current, status: 'resolved', resolution, resolvedAt: meta.occurredAt });
  },
});

/** A clock-wrong case: a device sent times more than the allowed drift ahead of the server. */
export function clockWrongCase(id: string, deviceId: string, deviceName: string, openedAt: string): CaseRecord {
  return {
    id,
    type: 'clock-wrong',
    concerns: [`devices/${deviceId}`],
    status: 'open',
    summary: `The clock on “${deviceName}” is ahead of the server. Set its date and time to automatic.`,
    openedAt,
  };
}

/**
 * Two items carry the same SKU or barcode (made on two devices offline). The id is derived from
 * the code so every device and the server open the same one case, however often it is detected.
 */
export function duplicateCodeCase(code: string, itemIds: string[], labels: string[], openedAt: string): CaseRecord {
  return {
    id: `duplicate-code:${code}`,
    type: 'duplicate-code',
    concerns: itemIds.map((id) => `items/${id}`),
    status: 'open',
    summary: `${code} is used by ${labels.length} items: ${labels.join(', ')}. Give one of them another code.`,
    openedAt,
  };
}
