import { clockOffset, type Clock } from '../domain/clock';
import type { RandomSource } from '../domain/ids';
import { PUSH_CHUNK_BYTES, type PullResponse, type PushResponse } from '../domain/sync/protocol';
import type { TroveDb } from '../data/db';
import type { OutboxRow } from '../data/records';
import { SCHEMA_VERSION } from '../data/schema';
import { applyPullPage, dropRejected, readOutboxBatch, readSyncState, updateSyncState } from '../data/sync-store';
import { SyncHttpError, type Transport } from './http';
import { photoIdsIn } from '../domain/photos';
import { wantPhotos } from '../data/photos';
import type { PhotoCodec } from '../data/photo-codec';
import { downloadPhotos, uploadPhotos, type PhotoTransfer } from './blobs';

export interface SyncDeps {
  db: TroveDb;
  clock: Clock;
  random: RandomSource;
  transport: Transport;
  /** Target size of one push (tests raise it to provoke the server's 413 and the split). */
  pushChunkBytes?: number;
  /** Makes thumbnails of downloaded photos (the browser's canvas unless a test passes a fake). */
  photoCodec?: PhotoCodec;
}

export interface Rejection {
  row: OutboxRow;
  reason: string;
  message: string;
}

export interface SyncOutcome {
  pushed: number;
  pulledRecords: number;
  rejected: Rejection[];
}

/** What one run did, photos included (page notices only read the SyncOutcome part). */
export type SyncRunOutcome = SyncOutcome & { photos: PhotoTransfer };

const MAX_PULL_PAGES = 10_000;
/** Records per pull page: bigger pages mean fewer round trips and transactions (server max 5,000). */
const CLIENT_PULL_PAGE = 2_000;

/**
 * One full sync: push the whole outbox (in size-limited chunks, oldest first), then pull until
 * the server has nothing newer. Safe to repeat at any point: the server dedupes by (device, id),
 * so a push whose response was lost is simply answered "duplicate" the next time.
 */
export async function syncOnce(deps: SyncDeps): Promise<SyncRunOutcome> {
  const { db, random, clock } = deps;
  const state = await readSyncState(db, random);
  if (!state.token || !state.deviceId) throw new SyncHttpError(0, 'not-paired', 'This device is not paired with a sync server yet');
  const token = state.token;
  const outcome: SyncRunOutcome = { pushed: 0, pulledRecords: 0, rejected: [], photos: { uploaded: 0, downloaded: 0, failed: [] } };
  try {
    // Photos go up before the mutations that name them, so other devices usually find them at
    // once. A refused photo is marked failed and a dropped upload waits: neither holds the outbox.
    await uploadPhotos(deps, token, outcome.photos);
    await pushAll(deps, token, outcome);
    outcome.pulledRecords = await pullAll(deps, token);
    // Then the photos pulled records name and this device lacks; one not uploaded yet waits.
    await downloadPhotos(deps, token, outcome.photos);
    await updateSyncState(db, random, { lastSyncAt: new Date(clock.now()).toISOString(), lastError: undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const revoked = error instanceof SyncHttpError && error.status === 401;
    await updateSyncState(
      db,
      random,
      revoked ? { lastError: 'This device was removed from the shop. Pair it again to sync.', token: undefined } : { lastError: message },
    );
    throw error;
  }
  return outcome;
}

async function pushAll(deps: SyncDeps, token: string, outcome: SyncOutcome): Promise<void> {
  const { db, transport } = deps;
  let chunkBytes = deps.pushChunkBytes ?? PUSH_CHUNK_BYTES;
  let gapRetried = false;
  let afterSeq = 0;
  for (;;) {
    const batch = await readOutboxBatch(db, chunkBytes, afterSeq);
    if (batch.length === 0) return;
    const origin = batch[0]!.origin!;
    // Rows queued before the app stamped who recorded them have no staffId: they go as null.
    const mutations = batch.map(({ id, name, v, args, hlc, occurredAt, staffId }) => ({
      id,
      name,
      v,
      args,
      hlc,
      occurredAt,
      staffId: staffId ?? null,
    }));
    let response: PushResponse;
    try {
      response = await transport.request<PushResponse>(
        'POST',
        '/v1/sync/push',
        { deviceId: origin, schemaVersion: SCHEMA_VERSION, mutations },
        token,
      );
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 413 && batch.length > 1) {
        chunkBytes = Math.max(1, Math.floor(chunkBytes / 2)); // split and try again
        continue;
      }
      if (error instanceof SyncHttpError && error.reason === 'mutation-gap' && !gapRetried) {
        // The server is ahead of what we hold (a lost response): a pull drops what it has.
        gapRetried = true;
        await pullAll(deps, token);
        continue;
      }
      throw error;
    }
    gapRetried = false;
    afterSeq = batch.at(-1)!.seq!;
    outcome.pushed += batch.length;
    const refused = response.results.filter((r) => r.status === 'rejected' || (r.status === 'duplicate' && r.original === 'rejected'));
    if (refused.length > 0) {
      const rows = await dropRejected(
        db,
        origin,
        refused.map((r) => r.id),
      );
      for (const row of rows) {
        const result = refused.find((r) => r.id === row.id)!;
        outcome.rejected.push({ row, reason: result.reason ?? 'rejected', message: result.message ?? 'The server refused this change' });
      }
    }
    // Applied rows stay queued (shown as pending) until the pull brings back their confirmed
    // records and acknowledges them, so the screen never flickers back to the old state.
  }
}

async function pullAll(deps: SyncDeps, token: string): Promise<number> {
  const { db, random, transport, clock } = deps;
  let records = 0;
  const deferred = new Set<string>();
  for (let page = 0; page < MAX_PULL_PAGES; page += 1) {
    const { cursor } = await readSyncState(db, random);
    const sentAt = clock.now();
    const response = await transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor, limit: CLIENT_PULL_PAGE }, token);
    if (page === 0 && response.serverTime !== undefined)
      await updateSyncState(db, random, { clockOffsetMs: clockOffset(response.serverTime, sentAt, clock.now()) });
    // Note the photos this page names BEFORE the cursor moves past it (re-noting one is harmless).
    await wantPhotos(db, photoIdsIn(response.records), clock.now());
    await applyPullPage(db, random, response, clock.now(), deferred);
    records += response.records.length + response.events.length;
    if (!response.hasMore) return records;
  }
  throw new SyncHttpError(0, 'pull-runaway', 'The server kept sending more pages than expected');
}
