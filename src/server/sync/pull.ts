import type { Selectable } from 'kysely';
import * as v from 'valibot';
import type { StoredRecord } from '../../domain/sync/mutation';
import { EVENT_TABLES, PULL_PAGE_SIZE, pullRequestSchema } from '../../domain/sync/protocol';
import type { PullRequest, PullResponse, SyncedRecord } from '../../domain/sync/protocol';
import { HttpError } from '../http/http-error';
import type { Store } from '../store/open-store';
import type { RecordsTable } from '../store/schema';

/** Before the first applied mutation: sorts before every real HLC. */
export const ZERO_HLC = '000000000000000-0000-server';

export function parsePull(body: unknown): PullRequest {
  const parsed = v.safeParse(pullRequestSchema, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    throw new HttpError(400, 'invalid-pull', path === '' ? issue.message : `${path}: ${issue.message}`);
  }
  return parsed.output;
}

type RecordRow = Selectable<RecordsTable>;

/**
 * One page of everything written after `cursor`, in version order. Reads happen in this order on
 * purpose, without a transaction: device ids first, then the shop version, then rows up to that
 * version. Each push commits its rows, its device's last id and the shop version together, so
 * every mutation counted in `lastMutationIds` has its rows at or below the version read after it.
 */
export async function readPull(store: Store, request: PullRequest, now: number = Date.now()): Promise<PullResponse> {
  const { db } = store;
  const devices = await db.selectFrom('devices').select(['id', 'last_mutation_id']).execute();
  const shop = await db.selectFrom('shop').select(['version', 'max_hlc']).executeTakeFirstOrThrow();
  const limit = request.limit ?? PULL_PAGE_SIZE;
  const newer = (after: number) =>
    db
      .selectFrom('records')
      .selectAll()
      .where('version', '>', after)
      .where('version', '<=', shop.version)
      .orderBy('version')
      .orderBy('tbl')
      .orderBy('id');

  let rows: RecordRow[] = await newer(request.cursor)
    .limit(limit + 1)
    .execute();
  let hasMore = rows.length > limit;
  if (hasMore) {
    const lastIncluded = rows[limit - 1]?.version ?? 0;
    const split = rows[limit]?.version === lastIncluded;
    rows = rows.slice(0, limit);
    // A version is all or nothing on a page, or a device could see half of one mutation.
    if (split && rows[0]?.version === lastIncluded) {
      // One version larger than a page: send it whole rather than never moving on.
      rows = await newer(lastIncluded - 1)
        .where('version', '=', lastIncluded)
        .execute();
      hasMore = (await newer(lastIncluded).select('version').limit(1).executeTakeFirst()) !== undefined;
    } else if (split) {
      rows = rows.filter((row) => row.version < lastIncluded);
    }
  }

  const events: SyncedRecord[] = [];
  const records: SyncedRecord[] = [];
  for (const row of rows) {
    const record: SyncedRecord = { table: row.tbl, id: row.id, version: row.version, data: JSON.parse(row.data) as StoredRecord };
    (EVENT_TABLES.has(row.tbl) ? events : records).push(record);
  }
  return {
    // Without more to come, everything up to the shop version is covered (versions may be empty).
    cursor: hasMore ? (rows.at(-1)?.version ?? request.cursor) : shop.version,
    hasMore,
    events,
    records,
    lastMutationIds: Object.fromEntries(devices.map((device) => [device.id, device.last_mutation_id])),
    hlc: shop.max_hlc ?? ZERO_HLC,
    serverTime: now,
  };
}
