import { variantLabel } from './variants';
import type { JewelryAttributes } from './fields';
import { CODE128_MODULE, CODE128_QUIET, QR_MODULE, QR_QUIET, code128Modules, qrModules } from './barcode-size';

/**
 * Price labels: the geometry of jewelry tags and label sheets, in millimetres (CSS prints mm
 * exactly, so the screen preview and the printout share these numbers), and the words on a label.
 */

export const MM_PER_INCH = 25.4;
const inch = (n: number): number => n * MM_PER_INCH;

export type LayoutId = 'tag' | 'a4-24' | 'letter-30';
export type Symbology = 'code128' | 'qr';

/** A rectangle in mm from the top-left corner of its label. */
export type Box = { x: number; y: number; width: number; height: number };
type Size = { width: number; height: number };

export interface LabelLayout {
  id: LayoutId;
  name: string;
  description: string;
  /** The CSS `@page { size }` the printer is asked for. */
  pageSize: string;
  page: Size;
  label: Size;
  columns: number;
  rows: number;
  /** Top-left of the first label on the page, and the distance between label origins. */
  origin: { x: number; y: number };
  pitch: { x: number; y: number };
  /** Where ink may go: the tag's head, or a sheet label minus a margin for die-cut tolerance. */
  printable: Box;
  /** Text stays this far inside `printable`; a bar code's own quiet zone does the same job. */
  inset: number;
  /** Cap heights in mm (CSS font-size), chosen for arm's-length reading at the counter. */
  type: { price: number; name: number; small: number };
  barHeight: number;
  maxTitle: number;
  /** A roll of tags always continues at the next tag; sheets can start part-way down. */
  roll: boolean;
}

const TAG: Size = { width: inch(2.2), height: inch(0.5) };

export const LAYOUTS: Record<LayoutId, LabelLayout> = {
  tag: {
    id: 'tag',
    name: 'Jewelry tag',
    description: '2.2 × 0.5 in barbell tag, printed on the head, one per tag on the roll',
    pageSize: '2.2in 0.5in',
    page: TAG,
    label: TAG,
    columns: 1,
    rows: 1,
    origin: { x: 0, y: 0 },
    pitch: { x: TAG.width, y: TAG.height },
    // The printable half of the barbell; the other half is the tail threaded round the piece.
    printable: { x: 0, y: 0.5, width: TAG.width / 2, height: TAG.height - 1 },
    inset: 1.2,
    type: { price: 2.8, name: 2, small: 1.6 },
    barHeight: 4,
    maxTitle: 24,
    roll: true,
  },
  // 70 × 37 mm, 3 × 8 on A4 (210 × 297): no gaps, 0.5 mm over at top and bottom.
  'a4-24': {
    id: 'a4-24',
    name: 'A4 sheet (24)',
    description: '70 × 37 mm labels, 3 across, 8 down on A4',
    pageSize: 'A4',
    page: { width: 210, height: 297 },
    label: { width: 70, height: 37 },
    columns: 3,
    rows: 8,
    origin: { x: 0, y: (297 - 8 * 37) / 2 },
    pitch: { x: 70, y: 37 },
    printable: { x: 2.5, y: 2.5, width: 65, height: 32 },
    inset: 0.5,
    type: { price: 6, name: 3.6, small: 2.6 },
    barHeight: 10,
    maxTitle: 40,
    roll: false,
  },
  // Avery 5160: 2.625 × 1 in, 3 × 10 on Letter; 3/16 in sides, 1/8 in between columns, 1/2 in top.
  'letter-30': {
    id: 'letter-30',
    name: 'Letter sheet (30)',
    description: '2.625 × 1 in labels, 3 across, 10 down on Letter (Avery 5160)',
    pageSize: 'letter',
    page: { width: inch(8.5), height: inch(11) },
    label: { width: inch(2.625), height: inch(1) },
    columns: 3,
    rows: 10,
    origin: { x: inch(3 / 16), y: inch(1 / 2) },
    pitch: { x: inch(2.625 + 1 / 8), y: inch(1) },
    printable: { x: 2, y: 1.8, width: inch(2.625) - 4, height: inch(1) - 3.6 },
    inset: 0.5,
    type: { price: 4.2, name: 2.9, small: 2.2 },
    barHeight: 7,
    maxTitle: 36,
    roll: false,
  },
};

/** Where the parts of one label go, for one SKU, in mm from the label's top-left corner. */
export interface LabelFace {
  symbology: Symbology;
  /** False when even at its smallest module the code does not fit: it would scan badly. */
  scannable: boolean;
  /** The bar code including its quiet zones; `module` is one bar unit in mm. */
  barcode: Box & { module: number };
  text: Box;
  /** The human-readable SKU under a Code 128 (a QR's SKU goes in the text block instead). */
  skuLine: Box | undefined;
  /** How many lines of name and variant fit under the price. */
  nameLines: number;
}

const LINE = 1.15; // line height as a multiple of the font size
const SKU_GAP = 0.3; // mm between the bars and the SKU printed under them

function textLines(layout: LabelLayout, height: number, reserved: number): number {
  return Math.max(0, Math.floor((height - layout.type.price * LINE - reserved) / (layout.type.name * LINE)));
}

function qrFace(layout: LabelLayout, sku: string): LabelFace {
  const p = layout.printable;
  const count = qrModules(sku) + 2 * QR_QUIET;
  const fit = Math.min(p.height, p.width / 2) / count;
  const module = Math.min(QR_MODULE.max, fit);
  const side = module * count;
  const barcode = { x: p.x + p.width - side, y: p.y + (p.height - side) / 2, width: side, height: side, module };
  // The QR's quiet zone already separates it from the text.
  const text = { x: p.x + layout.inset, y: p.y, width: barcode.x - p.x - layout.inset, height: p.height };
  return {
    symbology: 'qr',
    scannable: module >= QR_MODULE.min,
    barcode,
    text,
    skuLine: undefined,
    nameLines: textLines(layout, p.height, layout.type.small * LINE),
  };
}

/**
 * Lays out one label: a Code 128 across the bottom with the SKU under it, or a QR on the right.
 * A Code 128 too long for the label at its smallest module becomes a QR.
 */
export function labelFace(layout: LabelLayout, requested: Symbology, sku: string): LabelFace {
  if (requested === 'qr') return qrFace(layout, sku);
  const p = layout.printable;
  const count = code128Modules(sku) + 2 * CODE128_QUIET;
  const fit = p.width / count;
  if (fit < CODE128_MODULE.min) return qrFace(layout, sku);
  const module = Math.min(CODE128_MODULE.max, fit);
  const width = module * count;
  const skuHeight = layout.type.small * LINE;
  const skuLine = { x: p.x + layout.inset, y: p.y + p.height - skuHeight, width: p.width - 2 * layout.inset, height: skuHeight };
  const barcode = { x: p.x + (p.width - width) / 2, y: skuLine.y - SKU_GAP - layout.barHeight, width, height: layout.barHeight, module };
  const text = { x: p.x + layout.inset, y: p.y, width: p.width - 2 * layout.inset, height: barcode.y - p.y };
  return { symbology: 'code128', scannable: true, barcode, text, skuLine, nameLines: textLines(layout, text.height, 0) };
}

export const MAX_COPIES = 100;
/** One print job; more is a batch for another day (and would make the preview crawl). */
export const MAX_LABELS = 1000;

export function slotsPerPage(layout: LabelLayout): number {
  return layout.columns * layout.rows;
}

/** A whole number in 1…max, whatever was typed ("", "0", "2.5", "-3"). */
function wholeIn(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : 1;
}

export const clampCopies = (copies: number): number => wholeIn(copies, MAX_COPIES);
export const clampStart = (layout: LabelLayout, start: number): number => (layout.roll ? 1 : wholeIn(start, slotsPerPage(layout)));

/** Each item `copies` times, an item's copies side by side (how they are stuck on the tray). */
export function repeatCopies<T>(items: readonly T[], copies: number | ((item: T) => number)): T[] {
  return items.flatMap((item) => Array.from({ length: clampCopies(typeof copies === 'number' ? copies : copies(item)) }, () => item));
}

export interface PlacedLabel {
  /** Which label of the run this is (0-based), to pair it with its item. */
  index: number;
  page: number;
  row: number;
  column: number;
  /** The label's top-left corner on its page, in mm. */
  x: number;
  y: number;
}

export interface LabelPlan {
  labels: PlacedLabel[];
  pages: number;
  /** Used positions skipped on the first sheet. */
  skipped: number;
  /** Labels beyond MAX_LABELS, left out. */
  omitted: number;
}

/** Positions `count` labels left to right, top to bottom, from label `start` (1-based) of sheet one. */
export function placeLabels(layout: LabelLayout, count: number, start = 1): LabelPlan {
  const perPage = slotsPerPage(layout);
  const skipped = clampStart(layout, start) - 1;
  const shown = Math.max(0, Math.min(count, MAX_LABELS));
  const labels = Array.from({ length: shown }, (_, index): PlacedLabel => {
    const slot = skipped + index;
    const within = slot % perPage;
    const row = Math.floor(within / layout.columns);
    const column = within % layout.columns;
    return {
      index,
      page: Math.floor(slot / perPage),
      row,
      column,
      x: layout.origin.x + column * layout.pitch.x,
      y: layout.origin.y + row * layout.pitch.y,
    };
  });
  return { labels, pages: shown === 0 ? 0 : Math.ceil((skipped + shown) / perPage), skipped, omitted: Math.max(0, count - shown) };
}

/** What the label data query hands over: one item with its product's title. */
export interface LabelSource {
  id: string;
  sku: string;
  title: string;
  optionValues: readonly string[];
  attributes: JewelryAttributes;
  price: number;
  compareAtPrice: number | null;
}

export interface LabelText {
  sku: string;
  title: string;
  detail: string;
  /** Minor units; formatting is the UI's job. */
  price: number;
  /** The old price when the item is marked down, else null. */
  wasPrice: number | null;
}

/** The title cut at a word boundary to `max` characters, with an ellipsis when cut. */
export function shortTitle(title: string, max: number): string {
  const clean = title.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Keep the last word when it ended exactly at the cut; drop a half word unless it is most of the title.
  const words = clean[max - 1] === ' ' || space <= max / 2 ? cut : cut.slice(0, space);
  return `${words.replace(/[\s,.;:–-]+$/, '')}…`;
}

/** The variant ("7 / Silver"), or for an item without options what it is made of ("14K gold · Opal"). */
function detailOf(source: LabelSource): string {
  const variant = variantLabel(source.optionValues);
  if (variant) return variant;
  const { purity, metal, stone, size } = source.attributes;
  return [[purity, metal].filter(Boolean).join(' '), stone, size ? `Size ${size}` : ''].filter(Boolean).join(' · ');
}

export function labelText(source: LabelSource, layout: LabelLayout): LabelText {
  const wasPrice = source.compareAtPrice !== null && source.compareAtPrice > source.price ? source.compareAtPrice : null;
  return { sku: source.sku, title: shortTitle(source.title, layout.maxTitle), detail: detailOf(source), price: source.price, wasPrice };
}

/** Name and variant in the lines a face has room for: on one line when there is only one. */
export function nameLines(text: LabelText, lines: number): string[] {
  const all = [text.title, text.detail].filter(Boolean);
  if (lines <= 0) return [];
  return lines >= all.length ? all : [all.join(' · ')];
}
