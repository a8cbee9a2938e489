/**
 * Runs `task` while holding the one sync lock shared by every tab and the service worker (Web
 * Locks). Where the API is missing (old browsers, Node tests) an in-process queue stands in.
 */
let local: Promise<unknown> = Promise.resolve();

export function withSyncLock<T>(task: () => Promise<T>, locks: LockManager | undefined = globalThis.navigator?.locks): Promise<T> {
  if (locks) return locks.request('trove-sync', task);
  const run = local.then(task, task);
  local = run.catch(() => undefined);
  return run;
}
