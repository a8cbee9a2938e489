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

  constructor(private readonly win: Window = window) {
    this.#path = win.location.pathname;
    win.addEventListener('popstate', () => {
      this.#path = win.location.pathname;
    });
  }

  get screen(): ScreenName {
    return screenFor(this.#path);
  }

  go(path: string): void {
    if (path === this.#path) return;
    this.win.history.pushState({}, '', path);
    this.#path = path;
  }
}
