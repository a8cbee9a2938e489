import { Router } from '../http/router';
import type { Store } from '../store/open-store';
import { registerHealthRoutes } from './health';

export interface RouteDeps {
  readonly store: Store;
}

/** Every API route, in one place. New areas (pairing, sync, devices, blobs) register here. */
export function createApiRouter(deps: RouteDeps): Router {
  const router = new Router();
  registerHealthRoutes(router, deps.store);
  return router;
}
