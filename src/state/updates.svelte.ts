import { Workbox } from 'workbox-window';

/** What the update prompt needs to know about an open sale. */
export interface SaleGuard {
  readonly inProgress: boolean;
}

/**
 * Registers the service worker and offers a new version when one is waiting. Nothing reloads by
 * itself: the update is applied only when the user accepts and no sale is in progress.
 */
export class Updates {
  #waiting = $state(false);
  #applying = $state(false);
  #workbox: Workbox | undefined;

  constructor(private readonly sale: SaleGuard) {}

  get available(): boolean {
    return this.#waiting;
  }

  get blockedBySale(): boolean {
    return this.sale.inProgress;
  }

  get applying(): boolean {
    return this.#applying;
  }

  async register(url = '/sw.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const wb = new Workbox(url, { type: 'classic' });
    this.#workbox = wb;
    wb.addEventListener('waiting', () => (this.#waiting = true));
    await wb.register();
  }

  /** Applies the waiting version; returns false (and does nothing) while a sale is open. */
  apply(): boolean {
    if (!this.#waiting || this.sale.inProgress || !this.#workbox) return false;
    this.#applying = true;
    this.#workbox.addEventListener('controlling', () => window.location.reload());
    this.#workbox.messageSkipWaiting();
    return true;
  }
}
