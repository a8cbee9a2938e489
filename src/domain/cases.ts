import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { DomainError } from './errors';

/**
 * The conflicts inbox: something the system noticed that a person must decide. The server opens
 * cases (it is the one place that sees every device's changes); devices resolve them. Later
 * features add their own types (oversold piece, duplicate SKU, count variance).
 */
export const CASE_TYPES = ['clock-wrong'] as const;
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
};

export const resolveCase = defineMutation({
  name: 'case.resolve',
  version: 1,
  tables: ['cases'],
  schema: v.strictObject({
    id: v.pipe(v.string(), v.uuid('Case id must be a UUID')),
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
