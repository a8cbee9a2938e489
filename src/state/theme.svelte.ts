export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'trove.theme';

/**
 * Light or dark, or follow the device. A per-device preference (a dim stall at dusk vs a bright
 * shop), so it lives in localStorage rather than in the synced settings. The resolved theme is
 * always written to `data-theme`, so the CSS has one dark palette, not two copies of it.
 */
export class Theme {
  #choice = $state<ThemeChoice>('system');
  readonly #media: MediaQueryList | undefined;

  constructor(private readonly root: HTMLElement = document.documentElement) {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') this.#choice = saved;
    this.#media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    this.#media?.addEventListener('change', () => this.#apply());
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  set choice(value: ThemeChoice) {
    this.#choice = value;
    if (value === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, value);
    this.#apply();
  }

  #apply(): void {
    const dark = this.#choice === 'dark' || (this.#choice === 'system' && this.#media?.matches === true);
    this.root.dataset['theme'] = dark ? 'dark' : 'light';
  }
}
