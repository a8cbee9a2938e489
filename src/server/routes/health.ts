import { HttpError } from '../http/http-error';
import { sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';

/** GET /healthz: 200 `{ ok: true }` only when the store answers, so a probe sees a dead database. */
export function registerHealthRoutes(router: Router, store: Store): void {
  router.get('/healthz', async ({ res }) => {
    try {
      await store.ping();
    } catch {
      throw new HttpError(503, 'store-unavailable', 'The database is not answering');
    }
    sendJson(res, 200, { ok: true });
  });
}
