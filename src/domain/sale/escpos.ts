/*
 * A small ESC/POS encoder: receipt text lines → the bytes a thermal receipt printer understands
 * (Epson TM series and the many printers that copy its command set). Only what a receipt needs:
 * reset, a code page, text, a QR code of the sale, feed and cut. Pure, so the exact bytes are
 * unit-tested; the page sends them over Web Serial or WebUSB (state/printer.svelte.ts).
 *
 * Commands (Epson ESC/POS reference): ESC @ initialise · ESC t n code page (19 = PC858, Latin-1
 * letters plus €) · LF print and feed a line · ESC a n justify (0 left, 1 centre) · GS ( k QR code
 * (function 165 model, 167 module size, 169 error correction, 180 store, 181 print) · ESC d n feed
 * n lines · GS V m cut (0 full, 1 partial).
 */

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** ESC t 19: code page PC858 (PC850 with € at 0xD5). */
export const CODE_PAGE_PC858 = 19;

/** Bytes 0x80–0xFF of code page 858, in order. */
const PC858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const PC858 = new Map([...PC858_HIGH].map((ch, i) => [ch, 0x80 + i]));

/**
 * Characters the code page lacks, as the nearest ASCII. Spaces of every kind become a plain space
 * (Intl puts a narrow no-break space in "12,00 €"). Most are one character so a laid-out line keeps
 * its width; the few longer ones are absorbed by `fitLine`.
 */
const FALLBACK: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\t': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2026': '.',
  '\u2022': '*',
  '\u00ad': '',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u20b9': 'Rs',
  '\u20a9': 'W',
  '\u20aa': 'NIS',
  '\u20bd': 'RUB',
  '\u20ba': 'TL',
  '\u20b4': 'UAH',
  '\u20b1': 'P',
  '\u20a6': 'N',
  '\u0e3f': 'B',
};

function byteOf(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return code;
  return PC858.get(ch);
}

/**
 * `text` as the printer will print it: every character either in code page 858 or replaced by its
 * ASCII fallback (accents dropped when the accented letter is missing: ő → o), else "?".
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    if (Object.hasOwn(FALLBACK, ch)) out += FALLBACK[ch];
    else if (byteOf(ch) !== undefined) out += ch;
    else {
      // Decompose (ő → o + ˝) and keep the letters the code page has.
      const base = [...ch.normalize('NFD')].filter((c) => !/\p{M}/u.test(c) && byteOf(c) !== undefined).join('');
      out += base || (/\p{C}/u.test(ch) ? '' : '?');
    }
  }
  return out;
}

/**
 * A line made no wider than `columns` by narrowing its widest run of spaces, so a fallback that
 * printed wider than the original character (₹ → Rs) doesn't make the printer wrap the line.
 */
export function fitLine(line: string, columns: number): string {
  let out = line;
  while ([...out].length > columns) {
    const runs = [...out.matchAll(/ {2,}/g)];
    if (runs.length === 0) break;
    const widest = runs.reduce((a, b) => (b[0].length > a[0].length ? b : a));
    out = out.slice(0, widest.index) + out.slice(widest.index + 1);
  }
  return out;
}

function encodeText(text: string): number[] {
  return [...printable(text)].map((ch) => byteOf(ch) ?? 0x3f);
}

/** GS ( k: a QR code (model 2, error correction M) of `data`, centred. Its data must be ASCII. */
export function qrCommands(data: string, moduleDots = 6): number[] {
  const bytes = [...data].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code > 0x7e) throw new RangeError('QR data for the printer must be printable ASCII');
    return code;
  });
  const stored = bytes.length + 3;
  return [
    ...[ESC, 0x61, 1],
    ...[GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00], // fn 165: model 2
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleDots], // fn 167: module size in dots
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31], // fn 169: error correction M
    ...[GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30, ...bytes], // fn 180: store
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // fn 181: print
    LF,
    ...[ESC, 0x61, 0],
  ];
}

export interface EscPosOptions {
  /** Printer width in characters (48 on 80 mm paper with font A; some models 42). */
  columns?: number;
  /** Text of a QR code printed after the lines (the receipt's code); none when undefined. */
  qr?: string;
  /** Lines fed before the cut so the last text clears the cutter. */
  feed?: number;
  /** Partial cut leaves a hinge (the usual for receipts); full cuts through. */
  cut?: 'partial' | 'full';
}

/** The bytes of a receipt: initialise, code page 858, each line + LF, optional QR, feed, cut. */
export function escposBytes(lines: readonly string[], options: EscPosOptions = {}): Uint8Array<ArrayBuffer> {
  const { columns = 48, qr, feed = 4, cut = 'partial' } = options;
  const bytes: number[] = [ESC, 0x40, ESC, 0x74, CODE_PAGE_PC858];
  for (const line of lines) bytes.push(...encodeText(fitLine(printable(line), columns)), LF);
  if (qr !== undefined) bytes.push(...qrCommands(qr));
  bytes.push(ESC, 0x64, feed, GS, 0x56, cut === 'full' ? 0 : 1);
  return Uint8Array.from(bytes);
}
