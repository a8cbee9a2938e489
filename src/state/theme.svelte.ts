export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'trove.theme';

/**
 * Light or dark, or follow the device. A per-device preference (a dim stall at dusk vs a bright
 * shop), so it lives in localStorage rather than in the synced settings.
 */
export class Theme {
  #choice = $state<ThemeChoice>('system');

  constructor(private readonly root: HTMLElement = document.documentElement) {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') this.#choice = saved;
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
    if (this.#choice === 'system') delete this.root.dataset['theme'];
    else this.root.dataset['theme'] = this.#choice;
  }
}
