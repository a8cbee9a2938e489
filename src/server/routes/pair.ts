import * as v from 'valibot';
import { pairRequestSchema } from '../../domain/sync/protocol';
import { redeemPairingCode } from '../auth/pairing';
import type { FailureLimiter } from '../auth/rate-limit';
import { HttpError } from '../http/http-error';
import { readJsonBody, sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';

const PAIR_BODY_LIMIT = 4 * 1024;

/**
 * POST /v1/pair `{ code, deviceName }` → `{ deviceId, token, registerCode, role }`. Failed codes
 * count against the caller's address; past the limit every attempt is 429 until the window passes,
 * so an 8-character code can't be guessed by brute force.
 */
export function registerPairRoutes(router: Router, store: Store, limiter: FailureLimiter): void {
  router.post('/v1/pair', async ({ req, res }) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.retryAfterSeconds(address);
    if (wait > 0) {
      req.resume();
      throw new HttpError(429, 'too-many-attempts', `Too many wrong pairing codes; try again in ${wait} seconds`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
    const parsed = v.safeParse(pairRequestSchema, await readJsonBody(req, PAIR_BODY_LIMIT));
    if (!parsed.success) throw new HttpError(400, 'invalid-pair-request', parsed.issues[0].message);
    const paired = await redeemPairingCode(store.db, parsed.output.code, parsed.output.deviceName);
    if (paired === undefined) {
      limiter.fail(address);
      throw new HttpError(401, 'invalid-pairing-code', 'That pairing code is wrong, used or expired — ask the owner for a new one');
    }
    sendJson(res, 200, paired);
  });
}
