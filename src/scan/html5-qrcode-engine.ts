// The camera through html5-qrcode (STACK.md: unmaintained since 2.3.8, so it stays behind the
// `Scanner` interface). The library is 105 KB gzip against an initial JS budget of 120 KB: it is
// imported only when a camera opens, never at start-up (only a type import here, erased at build).
import type * as Html5QrcodeLib from 'html5-qrcode';
import type { Html5Qrcode, Html5QrcodeResult } from 'html5-qrcode';
import { FrameDeduper, ScanError, scanErrorFrom, type BarcodeFormat, type OnRead, type Scanner } from './scanner';

export interface Html5QrcodeScannerOptions {
  /** Decode attempts per second (html5-qrcode's default of 2 feels sluggish at a till). Default 10. */
  fps?: number;
  /**
   * html5-qrcode reports a code on every frame it decodes and never says when it left: a code that
   * has not been read for this long (ms) has left the frame and counts again. Default 600.
   */
  goneAfterMs?: number;
}

interface Running {
  qr: Html5Qrcode;
}

let containerIds = 0;

class Html5QrcodeEngine implements Scanner {
  readonly #fps: number;
  readonly #goneAfterMs: number;
  /** The current (or last) start: resolves to the running camera, or undefined if it never ran. */
  #run: Promise<Running | undefined> | undefined;
  /** Bumped by every start and stop, so a start that finishes after a stop shuts itself down. */
  #generation = 0;

  constructor(options: Html5QrcodeScannerOptions) {
    this.#fps = options.fps ?? 10;
    this.#goneAfterMs = options.goneAfterMs ?? 600;
  }

  async available(): Promise<boolean> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) return false;
    if (!navigator.mediaDevices.enumerateDevices) return true;
    try {
      // Before permission is granted browsers still list a camera's kind (without its label).
      const devices = await navigator.mediaDevices.enumerateDevices();
      return devices.some((d) => d.kind === 'videoinput');
    } catch {
      return true;
    }
  }

  async start(container: HTMLElement, onRead: OnRead): Promise<void> {
    await this.stop();
    const generation = ++this.#generation;
    const run = this.#open(container, onRead, generation);
    this.#run = run.catch(() => undefined);
    await run;
  }

  async stop(): Promise<void> {
    this.#generation += 1;
    const run = this.#run;
    this.#run = undefined;
    const running = await run;
    if (!running) return;
    try {
      if (running.qr.isScanning) await running.qr.stop();
      running.qr.clear();
    } catch {
      // Already stopped (or the container left the page): nothing left to release.
    }
  }

  async #open(container: HTMLElement, onRead: OnRead, generation: number): Promise<Running | undefined> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      throw new ScanError('unsupported', 'This browser offers no camera here (it needs a secure https address).');
    }
    let lib: typeof Html5QrcodeLib;
    try {
      lib = await import('html5-qrcode');
    } catch (error) {
      throw new ScanError('failed', 'The camera scanner could not be loaded.', { cause: error });
    }
    if (generation !== this.#generation) return undefined; // closed while the library loaded
    const F = lib.Html5QrcodeSupportedFormats;
    const formats = new Map<number, BarcodeFormat>([
      [F.CODE_128, 'code128'],
      [F.EAN_13, 'ean13'],
      [F.EAN_8, 'ean8'],
      [F.UPC_A, 'upca'],
      [F.QR_CODE, 'qr'],
    ]);
    // html5-qrcode finds its element by id.
    if (!container.id) container.id = `trove-camera-${(containerIds += 1)}`;
    const qr = new lib.Html5Qrcode(container.id, {
      verbose: false,
      formatsToSupport: [...formats.keys()],
      // The browser's own BarcodeDetector where there is one (faster, and better at 1-D codes).
      experimentalFeatures: { useBarCodeDetectorIfSupported: true },
    });
    const deduper = new FrameDeduper({ goneAfterMs: this.#goneAfterMs });
    const onSuccess = (text: string, result: Html5QrcodeResult): void => {
      if (generation !== this.#generation) return;
      if (!deduper.seen(text, performance.now())) return;
      const format = result.result.format?.format;
      onRead(text, (format !== undefined && formats.get(format)) || 'other');
    };
    try {
      // A frame without a code is reported as an "error" every time: not an error for us.
      await qr.start({ facingMode: 'environment' }, { fps: this.#fps }, onSuccess, () => undefined);
    } catch (error) {
      try {
        qr.clear();
      } catch {
        // Nothing was rendered.
      }
      throw scanErrorFrom(error);
    }
    return { qr };
  }
}

/** A `Scanner` on the device's back camera, decoding Code 128, EAN-13, EAN-8, UPC-A and QR continuously. */
export function html5QrcodeScanner(options: Html5QrcodeScannerOptions = {}): Scanner {
  return new Html5QrcodeEngine(options);
}
