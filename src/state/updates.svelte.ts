import { Workbox } from 'workbox-window';

/** What the update prompt needs to know about an open sale. */
export interface SaleGuard {
  readonly inProgress: boolean;
}

/** The part of workbox-window's Workbox that Updates uses (tests pass a fake). */
export interface WorkerRegistrar {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  register(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/**
 * Registers the service worker and offers a new version when one is waiting. Nothing reloads by
 * itself: the update is applied only when the user accepts and no sale is in progress.
 */
export class Updates {
  #waiting = $state(false);
  #applying = $state(false);
  #registrar: WorkerRegistrar | undefined;

  constructor(
    private readonly sale: SaleGuard,
    private readonly makeRegistrar: (url: string) => WorkerRegistrar = (url) => new Workbox(url, { type: 'classic' }),
    private readonly reload: () => void = () => window.location.reload(),
  ) {}

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
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    const registrar = this.makeRegistrar(url);
    this.#registrar = registrar;
    registrar.addEventListener('waiting', () => (this.#waiting = true));
    await registrar.register();
  }

  /** Applies the waiting version; returns false (and does nothing) while a sale is open. */
  apply(): boolean {
    if (!this.#waiting || this.sale.inProgress || !this.#registrar) return false;
    this.#applying = true;
    this.#registrar.addEventListener('controlling', () => this.reload());
    this.#registrar.messageSkipWaiting();
    return true;
  }
}
