/** Where the last moment this device was online is kept, so a reload while offline still knows. */
export const LAST_ONLINE_KEY = 'trove.lastOnlineAt';
/** While online, the moment is written this often (a tablet closed online and opened offline days later). */
const STAMP_EVERY_MS = 60_000;

/** Whether the browser believes it has a network. Sync does not depend on it; staff see it. */
export class Connectivity {
  #online = $state(true);
  /** The last moment this device was known to be online (ms since epoch); undefined: never seen online. */
  #lastOnlineAt: number | undefined;

  constructor(
    win: Window = window,
    private readonly now: () => number = Date.now,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = safeStorage(win),
  ) {
    this.#online = win.navigator.onLine;
    const stored = Number(this.storage?.getItem(LAST_ONLINE_KEY));
    this.#lastOnlineAt = Number.isFinite(stored) && stored > 0 ? stored : undefined;
    if (this.#online) this.#stamp();
    win.addEventListener('online', () => {
      this.#online = true;
      this.#stamp();
    });
    win.addEventListener('offline', () => {
      // The moment it went: we were online until just now.
      this.#stamp();
      this.#online = false;
    });
    win.addEventListener('pagehide', () => this.#online && this.#stamp());
    setInterval(() => this.#online && this.#stamp(), STAMP_EVERY_MS);
  }

  get online(): boolean {
    return this.#online;
  }

  /** The last moment this device was online; now while it is. */
  get lastOnlineAt(): number | undefined {
    return this.#online ? this.now() : this.#lastOnlineAt;
  }

  #stamp(): void {
    this.#lastOnlineAt = this.now();
    try {
      this.storage?.setItem(LAST_ONLINE_KEY, String(this.#lastOnlineAt));
    } catch {
      // Storage full or blocked: the moment is kept in memory for this session.
    }
  }
}

function safeStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}
