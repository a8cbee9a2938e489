import { escposBytes } from '../domain/sale/escpos';
import { receiptText, type ReceiptDocument } from '../domain/sale/receipt';

/*
 * Direct printing to an ESC/POS thermal receipt printer, where the browser can reach one: Web
 * Serial (USB-serial and Bluetooth printers; Chromium on desktop) or WebUSB (USB printer class;
 * Chromium — on Windows the system's printer driver often holds the device, so Web Serial or the
 * ordinary print dialog is the way there). Safari has neither: the printable receipt is the
 * fallback everywhere. Neither API has DOM typings in TypeScript's lib, hence the small shapes here.
 */

interface SerialPortLike {
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readonly writable: WritableStream<Uint8Array> | null;
  getInfo?(): { usbVendorId?: number; usbProductId?: number };
}
interface SerialLike {
  requestPort(options?: object): Promise<SerialPortLike>;
  getPorts(): Promise<SerialPortLike[]>;
}
interface UsbEndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: string;
}
interface UsbInterfaceLike {
  interfaceNumber: number;
  alternate: { interfaceClass: number; endpoints: UsbEndpointLike[] };
}
interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  productName?: string;
  opened: boolean;
  configuration: { interfaces: UsbInterfaceLike[] } | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array<ArrayBuffer>): Promise<{ status: string }>;
}
interface UsbLike {
  requestDevice(options: { filters: { classCode?: number }[] }): Promise<UsbDeviceLike>;
  getDevices(): Promise<UsbDeviceLike[]>;
}
type PrinterNavigator = { serial?: SerialLike; usb?: UsbLike };

export type PrinterLink = 'serial' | 'usb';

/** USB class code of printers. */
const USB_PRINTER_CLASS = 7;
/** The usual speed of serial receipt printers; USB-serial adapters built into printers ignore it. */
const BAUD_RATE = 9600;
/** Bytes per write: some printers' USB buffers are small. */
const CHUNK = 4096;
const REMEMBERED = 'trove.thermalPrinter';

interface Remembered {
  link: PrinterLink;
  vendorId?: number;
  productId?: number;
  columns: 48 | 42;
}

/** An open connection that takes bytes. */
interface Sink {
  name: string;
  write(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
}

async function serialSink(port: SerialPortLike): Promise<Sink> {
  if (!port.writable) await port.open({ baudRate: BAUD_RATE });
  return {
    name: 'Serial printer',
    async write(bytes) {
      const writer = port.writable!.getWriter();
      try {
        for (let i = 0; i < bytes.length; i += CHUNK) await writer.write(bytes.subarray(i, i + CHUNK));
      } finally {
        writer.releaseLock();
      }
    },
    close: () => port.close(),
  };
}

async function usbSink(device: UsbDeviceLike): Promise<Sink> {
  if (!device.opened) await device.open();
  if (device.configuration === null) await device.selectConfiguration(1);
  const interfaces = device.configuration?.interfaces ?? [];
  const bulkOut = (i: UsbInterfaceLike) => i.alternate.endpoints.find((e) => e.direction === 'out' && e.type === 'bulk');
  const chosen =
    interfaces.find((i) => i.alternate.interfaceClass === USB_PRINTER_CLASS && bulkOut(i)) ?? interfaces.find((i) => bulkOut(i));
  if (!chosen) throw new Error('This USB device has no way to send it print data');
  await device.claimInterface(chosen.interfaceNumber);
  const endpoint = bulkOut(chosen)!.endpointNumber;
  return {
    name: device.productName || 'USB printer',
    async write(bytes) {
      for (let i = 0; i < bytes.length; i += CHUNK) {
        const result = await device.transferOut(endpoint, bytes.slice(i, i + CHUNK));
        if (result.status !== 'ok') throw new Error(`The printer did not take the data (${result.status})`);
      }
    },
    close: () => device.close(),
  };
}

/**
 * The thermal printer of this session: chosen once (the browser's device picker), remembered for
 * the session (the browser keeps the permission, so it reconnects without asking), and fed
 * `receiptText` lines as ESC/POS bytes.
 */
export class ThermalPrinter {
  status = $state<'none' | 'connecting' | 'ready' | 'printing'>('none');
  name = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Characters per line: 48 on most 80 mm printers, 42 on some. */
  columns = $state<48 | 42>(48);
  /** A printer was chosen this session (it may need reconnecting, which needs no picker). */
  chosen = $state(false);
  #sink: Sink | undefined;

  constructor(
    private readonly nav: PrinterNavigator = (globalThis.navigator ?? {}) as PrinterNavigator,
    private readonly storage: Storage | undefined = globalThis.sessionStorage,
  ) {
    const remembered = this.#remembered();
    if (remembered) {
      this.columns = remembered.columns;
      this.chosen = true;
    }
  }

  /** The ways this browser can reach a printer (empty: print through the dialog instead). */
  get links(): PrinterLink[] {
    return [...(this.nav.serial ? (['serial'] as const) : []), ...(this.nav.usb ? (['usb'] as const) : [])];
  }

  get supported(): boolean {
    return this.links.length > 0;
  }

  /** Asks the person to pick a printer (must run from a click) and opens it. */
  async connect(link: PrinterLink): Promise<void> {
    this.error = null;
    this.status = 'connecting';
    try {
      // The picker first: it needs the click's user activation, which later awaits could outlast.
      const picked =
        link === 'serial' ? this.nav.serial!.requestPort() : this.nav.usb!.requestDevice({ filters: [{ classCode: USB_PRINTER_CLASS }] });
      const chosen = await picked;
      await this.#sink?.close().catch(() => undefined);
      this.#sink = undefined;
      let remembered: Remembered;
      if (link === 'serial') {
        const port = chosen as SerialPortLike;
        this.#sink = await serialSink(port);
        const info = port.getInfo?.() ?? {};
        remembered = { link, vendorId: info.usbVendorId, productId: info.usbProductId, columns: this.columns };
      } else {
        const device = chosen as UsbDeviceLike;
        this.#sink = await usbSink(device);
        remembered = { link, vendorId: device.vendorId, productId: device.productId, columns: this.columns };
      }
      this.storage?.setItem(REMEMBERED, JSON.stringify(remembered));
      this.chosen = true;
      this.name = this.#sink.name;
      this.status = 'ready';
    } catch (error) {
      this.#sink = undefined;
      this.status = 'none';
      // Closing the picker without choosing is not an error worth a message.
      if (!(error instanceof DOMException && error.name === 'NotFoundError')) this.error = describe(error);
      throw error;
    }
  }

  setColumns(columns: 48 | 42): void {
    this.columns = columns;
    const remembered = this.#remembered();
    if (remembered) this.storage?.setItem(REMEMBERED, JSON.stringify({ ...remembered, columns }));
  }

  /** Prints a receipt: its text at this printer's width, its QR code, a cut. */
  printReceipt(doc: ReceiptDocument): Promise<void> {
    return this.printLines(receiptText(doc, this.columns), doc.barcode);
  }

  async printLines(lines: readonly string[], qr?: string): Promise<void> {
    this.error = null;
    const sink = this.#sink ?? (await this.#reconnect());
    if (!sink) {
      const message = 'Choose the thermal printer first';
      this.error = message;
      throw new Error(message);
    }
    this.status = 'printing';
    try {
      await sink.write(escposBytes(lines, { columns: this.columns, qr }));
      this.status = 'ready';
    } catch (error) {
      // A printer unplugged mid-session: forget the connection, keep the choice for a retry.
      this.#sink = undefined;
      this.status = 'none';
      this.error = describe(error);
      throw error;
    }
  }

  async forget(): Promise<void> {
    await this.#sink?.close().catch(() => undefined);
    this.#sink = undefined;
    this.storage?.removeItem(REMEMBERED);
    this.chosen = false;
    this.name = null;
    this.status = 'none';
  }

  #remembered(): Remembered | undefined {
    try {
      const raw = this.storage?.getItem(REMEMBERED);
      return raw ? (JSON.parse(raw) as Remembered) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The printer chosen earlier this session, without a picker (the permission is still granted). */
  async #reconnect(): Promise<Sink | undefined> {
    const r = this.#remembered();
    if (!r) return undefined;
    const same = (vendorId?: number, productId?: number) =>
      r.vendorId === undefined || (vendorId === r.vendorId && productId === r.productId);
    if (r.link === 'serial' && this.nav.serial) {
      const port = (await this.nav.serial.getPorts()).find((p) => same(p.getInfo?.().usbVendorId, p.getInfo?.().usbProductId));
      if (port) this.#sink = await serialSink(port);
    } else if (r.link === 'usb' && this.nav.usb) {
      const device = (await this.nav.usb.getDevices()).find((d) => same(d.vendorId, d.productId));
      if (device) this.#sink = await usbSink(device);
    }
    if (this.#sink) {
      this.name = this.#sink.name;
      this.status = 'ready';
    }
    return this.#sink;
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The thermal printer could not be used: ${message}`;
}

let shared: ThermalPrinter | undefined;

/** The page's one printer connection, kept for the session. */
export function thermalPrinter(): ThermalPrinter {
  shared ??= new ThermalPrinter();
  return shared;
}
