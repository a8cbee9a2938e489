import type { Symbology } from '../../domain/catalog/labels';
import type * as Bwip from './bwip';

type Encoder = typeof Bwip;

let encoder: Promise<Encoder> | undefined;
const drawn = new Map<string, string>();

/** bwip-js loads with the screens that draw codes (labels, receipts), never with the app shell (initial JS budget, §8). */
export function loadEncoder(): Promise<Encoder> {
  encoder ??= import('./bwip').catch((error: unknown) => {
    encoder = undefined; // a failed chunk load (offline before the worker cached it) is retried next time
    throw error;
  });
  return encoder;
}

/** The SVG markup of a code; each distinct code is drawn once however many copies are printed. */
export async function barcodeSvg(symbology: Symbology, text: string): Promise<string> {
  const key = `${symbology}:${text}`;
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  const svg = (await loadEncoder()).encode(symbology, text);
  drawn.set(key, svg);
  return svg;
}

/**
 * The markup as an element of this document, stretched to its box: a Code 128's box is exactly
 * its modules wide (labels.ts sized it), so stretching only sets the module width in mm.
 */
export function svgElement(markup: string): Element {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  const svg = document.importNode(parsed, true);
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}
