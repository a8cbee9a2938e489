import { MAX_PUSH_BYTES } from '../../domain/sync/protocol';
import { authenticate } from '../auth/authenticate';
import { readJsonBody, sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';
import type { EventHub } from '../sync/event-hub';
import { parsePull, readPull } from '../sync/pull';
import { parsePush, processPush } from '../sync/push';

const PULL_BODY_LIMIT = 4 * 1024;

/**
 * POST /v1/sync/push, POST /v1/sync/pull, GET /v1/sync/events (ARCHITECTURE §5, §9). `afterPush`
 * runs after a push that changed something has committed and been answered; it must not throw
 * and must not make the device wait (the receipt mailer starts a background run).
 */
export function registerSyncRoutes(router: Router, store: Store, events: EventHub, afterPush: () => void = () => undefined): void {
  router.post('/v1/sync/push', async ({ req, res }) => {
    // Read the body from the first tick, before the token lookup waits on the database: Node
    // throws away the unread body of a request whose client has hung up, and a client that sends
    // a push and goes away at once (its answer is lost) must still have the push applied.
    const body = readJsonBody(req, MAX_PUSH_BYTES);
    body.catch(() => undefined); // when the token is bad, the 401 is the answer
    const device = await authenticate(store, req);
    const push = parsePush(await body);
    // The transaction has committed when this resolves; the answer may still be lost on the way,
    // which is why a resent push is answered `duplicate`.
    const outcome = await processPush(store, device, push);
    sendJson(res, 200, outcome.response);
    if (outcome.changed) {
      events.notify(outcome.version);
      afterPush();
    }
  });

  router.post('/v1/sync/pull', async ({ req, res }) => {
    await authenticate(store, req);
    const pull = parsePull(await readJsonBody(req, PULL_BODY_LIMIT));
    sendJson(res, 200, await readPull(store, pull));
  });

  router.get('/v1/sync/events', async ({ req, res }) => {
    const device = await authenticate(store, req);
    if (req.method === 'HEAD') {
      // The router answers HEAD with this GET handler; a stream with no body would never end.
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' }).end();
      return;
    }
    const shop = await store.db.selectFrom('shop').select('version').executeTakeFirstOrThrow();
    events.open(device.id, res, shop.version);
  });
}
