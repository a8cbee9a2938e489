import { FailureLimiter } from '../auth/rate-limit';
import { Router } from '../http/router';
import type { Store } from '../store/open-store';
import type { EventHub } from '../sync/event-hub';
import { registerBlobRoutes } from './blobs';
import { registerDeviceRoutes } from './devices';
import { registerHealthRoutes } from './health';
import { registerPairRoutes } from './pair';
import { ReservationBook, registerReservationRoutes } from './reservations';
import { registerSyncRoutes } from './sync';

export interface RouteDeps {
  readonly store: Store;
  /** Open event streams: pushes notify them, revoking a device ends its own. */
  readonly events: EventHub;
  /** Work that follows a committed push without holding up its answer (receipt e-mails). */
  readonly afterPush?: () => void;
  /** Pieces held in carts (in memory); tests pass one with their own clock. */
  readonly reservations?: ReservationBook;
}

/** Failed pairing attempts allowed per remote address in PAIR_WINDOW_MS. */
export const PAIR_FAILURES_ALLOWED = 10;
export const PAIR_WINDOW_MS = 10 * 60 * 1000;

/** Every API route, in one place. */
export function createApiRouter(deps: RouteDeps): Router {
  const router = new Router();
  registerHealthRoutes(router, deps.store);
  registerPairRoutes(router, deps.store, new FailureLimiter(PAIR_FAILURES_ALLOWED, PAIR_WINDOW_MS));
  registerDeviceRoutes(router, deps.store, deps.events);
  registerSyncRoutes(router, deps.store, deps.events, deps.afterPush);
  registerBlobRoutes(router, deps.store);
  registerReservationRoutes(router, deps.store, deps.events, deps.reservations ?? new ReservationBook());
  return router;
}
