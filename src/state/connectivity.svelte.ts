/** Whether the browser believes it has a network. Sync does not depend on it; staff see it. */
export class Connectivity {
  #online = $state(true);

  constructor(win: Window = window) {
    this.#online = win.navigator.onLine;
    win.addEventListener('online', () => (this.#online = true));
    win.addEventListener('offline', () => (this.#online = false));
  }

  get online(): boolean {
    return this.#online;
  }
}
