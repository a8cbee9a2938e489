import { getContext } from 'svelte';
import type { AppState } from '../state/app.svelte';

const KEY = Symbol('trove-app');

/** The context map to mount a component tree with (`mount(App, { context: appContext(app) })`). */
export function appContext(app: AppState): Map<unknown, unknown> {
  return new Map([[KEY, app]]);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside <App>');
  return app;
}
