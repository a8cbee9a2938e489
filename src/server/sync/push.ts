import * as v from 'valibot';
import { pushRequestSchema } from '../../domain/sync/protocol';
import type { MutationResult, PushRequest, PushResponse } from '../../domain/sync/protocol';
import type { DeviceRow } from '../auth/authenticate';
import { lockShop } from '../auth/pairing';
import { HttpError } from '../http/http-error';
import type { Store } from '../store/open-store';
import { PushApplier } from './apply';
import { mutationHash } from './hash';

export interface PushOutcome {
  response: PushResponse;
  /** The shop version after the push, and whether the push processed anything new. */
  version: number;
  changed: boolean;
}

/** Validates a push body: 400 `invalid-push` naming the first offending field. */
export function parsePush(body: unknown): PushRequest {
  const parsed = v.safeParse(pushRequestSchema, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    throw new HttpError(400, 'invalid-push', path === '' ? issue.message : `${path}: ${issue.message}`);
  }
  const { mutations } = parsed.output;
  const first = mutations[0]?.id ?? 0;
  const broken = mutations.findIndex((mutation, i) => mutation.id !== first + i);
  if (broken >= 0) {
    throw new HttpError(400, 'invalid-push', `mutations.${broken}.id: ids in one push must be consecutive (expected ${first + broken})`);
  }
  return parsed.output;
}

/**
 * Applies one push in ONE transaction (ARCHITECTURE §5, §10 "Mutation identity"): ids the server
 * has seen are answered `duplicate` (or the whole push is refused with 409 `mutation-conflict`
 * when the payload differs), an id that skips ahead is 409 `mutation-gap`, new ones are applied in
 * order. `relayer` is the authenticated device; `push.deviceId` may name another device of the
 * shop whose mutations it carries.
 */
export async function processPush(store: Store, relayer: DeviceRow, push: PushRequest, now: number = Date.now()): Promise<PushOutcome> {
  const hashes = push.mutations.map((mutation) => mutationHash(mutation));
  return store.db.transaction().execute(async (trx) => {
    const shop = await lockShop(trx);
    const origin = await trx.selectFrom('devices').selectAll().where('id', '=', push.deviceId).executeTakeFirst();
    if (origin === undefined) {
      throw new HttpError(403, 'unknown-device', `Device ${push.deviceId} was never paired with this shop`);
    }
    const last = origin.last_mutation_id;
    const first = push.mutations[0]?.id ?? last + 1;
    if (first > last + 1) {
      throw new HttpError(409, 'mutation-gap', `Mutation ${first} skips ahead: the server expects ${last + 1} next`, {
        extra: { expected: last + 1 },
      });
    }

    const results: MutationResult[] = [];
    const seen = push.mutations.filter((mutation) => mutation.id <= last);
    if (seen.length > 0) {
      const stored = await trx
        .selectFrom('mutations')
        .select(['id', 'hash', 'status', 'reason', 'message'])
        .where('device_id', '=', origin.id)
        .where('id', '>=', first)
        .where('id', '<=', first + seen.length - 1)
        .execute();
      const byId = new Map(stored.map((row) => [row.id, row]));
      for (const [i, mutation] of seen.entries()) {
        const row = byId.get(mutation.id);
        if (row === undefined) throw new Error(`No stored mutation ${origin.id}/${mutation.id} below the device's last id`);
        if (row.hash !== hashes[i]) {
          throw new HttpError(
            409,
            'mutation-conflict',
            `Mutation ${mutation.id} of this device was already received with a different payload`,
            {
              extra: { id: mutation.id },
            },
          );
        }
        results.push({
          id: mutation.id,
          status: 'duplicate',
          original: row.status,
          ...(row.reason === null ? {} : { reason: row.reason }),
          ...(row.message === null ? {} : { message: row.message }),
        });
      }
    }

    const applier = new PushApplier(trx, shop, origin, relayer, now);
    for (const [i, mutation] of push.mutations.entries()) {
      if (i < seen.length) continue;
      results.push(await applier.apply(mutation, hashes[i] ?? ''));
    }
    const lastMutationId = Math.max(last, push.mutations.at(-1)?.id ?? 0);
    await applier.finish(lastMutationId);
    return { response: { lastMutationId, results }, version: applier.version, changed: lastMutationId > last };
  });
}
