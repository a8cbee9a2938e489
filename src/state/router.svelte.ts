/** The app's screens, in navigation order. Their names are what staff see and tests click. */
export const SCREENS = [
  { path: '/sell', name: 'Sell' },
  { path: '/catalogue', name: 'Catalogue' },
  { path: '/stock', name: 'Stock' },
  { path: '/count', name: 'Count' },
  { path: '/insights', name: 'Insights' },
  { path: '/settings', name: 'Settings' },
] as const;

export type ScreenName = (typeof SCREENS)[number]['name'];

function screenFor(pathname: string): ScreenName {
  return SCREENS.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`))?.name ?? 'Sell';
}

/** Path-based routing over the History API (the service worker serves the shell for every path). */
export class Router {
  #path = $state('/sell');
  #search = $state('');

  constructor(private readonly win: Window = window) {
    this.#path = win.location.pathname;
    this.#search = win.location.search;
    win.addEventListener('popstate', () => {
      this.#path = win.location.pathname;
      this.#search = win.location.search;
    });
  }

  /** The query string's parameters (e.g. /catalogue/labels?items=a,b). */
  get query(): URLSearchParams {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh read-only copy per access; reactivity comes from #search
    return new URLSearchParams(this.#search);
  }

  /** The whole path, for screens with pages of their own (/catalogue/items/<id>). */
  get path(): string {
    return this.#path;
  }

  get screen(): ScreenName {
    return screenFor(this.#path);
  }

  go(target: string): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- parsed once here, never kept or mutated
    const url = new URL(target, this.win.location.origin);
    if (url.pathname === this.#path && url.search === this.#search) return;
    this.win.history.pushState({}, '', url.pathname + url.search);
    this.#path = url.pathname;
    this.#search = url.search;
  }
}
