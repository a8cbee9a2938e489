// The scanning seam: the register and the count talk to a `Scanner`, never to a decoder library,
// so the decoder stays pluggable (html5-qrcode today; a zxing-wasm engine where 1-D codes fail,
// e.g. iPad Safari — STACK.md). Everything here except the types is pure and runs in Node.

/** The symbologies Trove prints and reads; anything else a decoder reports is `other`. */
export type BarcodeFormat = 'code128' | 'ean13' | 'ean8' | 'upca' | 'qr' | 'other';

/** Called once per read that counts (after de-duplication), never once per video frame. */
export type OnRead = (code: string, format: BarcodeFormat) => void;

export interface Scanner {
  /** Whether this device can try at all (a camera API, a secure context, a camera present). */
  available(): Promise<boolean>;
  /**
   * Shows the live camera inside `container` and calls `onRead` for each new code. Resolves when
   * the camera is running; rejects with a `ScanError` when it cannot start.
   */
  start(container: HTMLElement, onRead: OnRead): Promise<void>;
  /** Stops the camera and clears `container`. Safe to call at any time, also during `start`. */
  stop(): Promise<void>;
}

/**
 * Why the camera could not start. `denied`: the person or the browser refused permission;
 * `no-camera`: none found; `in-use`: another app holds it; `unsupported`: no camera API here (an
 * old browser, or plain http on a LAN address); `failed`: anything else.
 */
export type ScanErrorReason = 'denied' | 'no-camera' | 'in-use' | 'unsupported' | 'failed';

export class ScanError extends Error {
  readonly reason: ScanErrorReason;

  constructor(reason: ScanErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanError';
    this.reason = reason;
  }
}

/**
 * Names a camera failure. Decoders report them as DOMExceptions, or (html5-qrcode) as strings that
 * embed the DOMException's name, e.g. "Error getting userMedia, error = NotAllowedError: …".
 */
export function scanErrorFrom(error: unknown): ScanError {
  if (error instanceof ScanError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const reason: ScanErrorReason = /NotAllowedError|PermissionDenied|SecurityError|Permission denied/i.test(text)
    ? 'denied'
    : /NotFoundError|DevicesNotFound|OverconstrainedError|Requested device not found/i.test(text)
      ? 'no-camera'
      : /NotReadableError|TrackStartError|Could not start video source/i.test(text)
        ? 'in-use'
        : /not supported|mediaDevices/i.test(text)
          ? 'unsupported'
          : 'failed';
  return new ScanError(reason, text, { cause: error });
}

export interface FrameDeduperOptions {
  /** A code counts as gone once it has not been seen for this long (ms). Default 600. */
  goneAfterMs?: number;
  /** …or once this many frames in a row came without it (via `frame`). Default: time only. */
  goneAfterFrames?: number;
}

interface Sighting {
  lastSeen: number;
  missedFrames: number;
}

/**
 * Turns "this code is in the picture" (reported on every frame a decoder reads it) into one event
 * per appearance: a code is emitted when it appears, and again only after it has left the frame
 * (absent for `goneAfterMs`, or for `goneAfterFrames` frames) and come back — or on `again()`, the
 * cashier's explicit "+1". Time is passed in, so this is pure and testable without a camera.
 */
export class FrameDeduper {
  readonly #goneAfterMs: number;
  readonly #goneAfterFrames: number;
  readonly #present = new Map<string, Sighting>();
  #last: string | undefined;

  constructor(options: FrameDeduperOptions = {}) {
    this.#goneAfterMs = options.goneAfterMs ?? 600;
    this.#goneAfterFrames = options.goneAfterFrames ?? Number.POSITIVE_INFINITY;
  }

  /**
   * One read of `code` at `now` (ms, any monotonic clock). True when it should be emitted: the code
   * was not in the frame before. For decoders that report one code per callback (html5-qrcode).
   */
  seen(code: string, now: number): boolean {
    this.#expire(now);
    const sighting = this.#present.get(code);
    this.#present.set(code, { lastSeen: now, missedFrames: 0 });
    if (sighting) return false;
    this.#last = code;
    return true;
  }

  /**
   * One decoded frame with every code found in it (possibly none). Returns the codes to emit, in
   * the order given. Codes absent from the frame count a missed frame towards `goneAfterFrames`.
   */
  frame(codes: readonly string[], now: number): string[] {
    const inFrame = new Set(codes);
    for (const [code, sighting] of this.#present) if (!inFrame.has(code)) sighting.missedFrames += 1;
    const out: string[] = [];
    for (const code of inFrame) if (this.seen(code, now)) out.push(code);
    this.#expire(now);
    return out;
  }

  /** The last emitted code, to be emitted once more (the "+1" button); undefined before any read. */
  again(): string | undefined {
    return this.#last;
  }

  /** Whether `code` is currently considered in the frame (as of `now`). */
  isPresent(code: string, now: number): boolean {
    this.#expire(now);
    return this.#present.has(code);
  }

  /** Forgets everything (a new scanning session). */
  reset(): void {
    this.#present.clear();
    this.#last = undefined;
  }

  #expire(now: number): void {
    for (const [code, sighting] of this.#present) {
      if (now - sighting.lastSeen > this.#goneAfterMs || sighting.missedFrames >= this.#goneAfterFrames) this.#present.delete(code);
    }
  }
}
