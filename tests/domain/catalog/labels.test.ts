import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE128_MODULE, QR_MODULE, code128Modules, qrModules } from '../../../src/domain/catalog/barcode-size';
import {
  LAYOUTS,
  MAX_LABELS,
  MM_PER_INCH,
  clampCopies,
  clampStart,
  labelFace,
  labelText,
  nameLines,
  placeLabels,
  repeatCopies,
  shortTitle,
  slotsPerPage,
  type Box,
  type LabelSource,
} from '../../../src/domain/catalog/labels';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);
const inside = (inner: Box, outer: Box) => {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x - 1e-9);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y - 1e-9);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 1e-9);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 1e-9);
};

describe('label layouts', () => {
  it('A4 holds 3 × 8 labels of 70 × 37 mm, flush side to side and centred top to bottom', () => {
    const a4 = LAYOUTS['a4-24'];
    expect(slotsPerPage(a4)).toBe(24);
    const { labels } = placeLabels(a4, 24);
    const last = labels.at(-1)!;
    expect(last).toMatchObject({ page: 0, row: 7, column: 2, x: 140 });
    close(last.y + a4.label.height, 297 - 0.5);
    close(labels[0]!.y, 0.5);
  });

  it('Letter holds Avery 5160: 30 labels of 2.625 × 1 in with 3/16 in sides, 1/8 in gaps, 1/2 in top', () => {
    const letter = LAYOUTS['letter-30'];
    expect(slotsPerPage(letter)).toBe(30);
    const { labels } = placeLabels(letter, 30);
    const right = labels[2]!;
    close(right.x + letter.label.width, (8.5 - 3 / 16) * MM_PER_INCH);
    close(labels[1]!.x - (labels[0]!.x + letter.label.width), MM_PER_INCH / 8);
    close(labels.at(-1)!.y + letter.label.height, 10.5 * MM_PER_INCH);
  });

  it('every label of every sheet lies on its page, without overlapping its neighbours', () => {
    for (const layout of Object.values(LAYOUTS)) {
      const { labels } = placeLabels(layout, slotsPerPage(layout));
      for (const l of labels) inside({ ...l, ...layout.label }, { x: 0, y: 0, ...layout.page });
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) {
          const apart =
            a.x + layout.label.width <= b.x + 1e-9 ||
            b.x + layout.label.width <= a.x + 1e-9 ||
            a.y + layout.label.height <= b.y + 1e-9 ||
            b.y + layout.label.height <= a.y + 1e-9;
          expect(apart).toBe(true);
        }
      }
    }
  });

  it('a jewelry tag is one 2.2 × 0.5 in page per tag, printed on its head half only', () => {
    const tag = LAYOUTS.tag;
    close(tag.page.width, 2.2 * MM_PER_INCH);
    close(tag.page.height, 0.5 * MM_PER_INCH);
    expect(tag.pageSize).toBe('2.2in 0.5in');
    expect(tag.printable.x + tag.printable.width).toBeLessThanOrEqual(tag.label.width / 2 + 1e-9);
    const plan = placeLabels(tag, 3, 7);
    expect(plan).toMatchObject({ pages: 3, skipped: 0 });
    expect(plan.labels.map((l) => [l.page, l.x, l.y])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [2, 0, 0],
    ]);
  });
});

describe('start position and copies', () => {
  it('starts part-way down a used sheet and carries on to the next', () => {
    const a4 = LAYOUTS['a4-24'];
    const plan = placeLabels(a4, 10, 20);
    expect(plan).toMatchObject({ skipped: 19, pages: 2, omitted: 0 });
    expect(plan.labels[0]).toMatchObject({ page: 0, row: 6, column: 1, x: 70 });
    expect(plan.labels.slice(5).map((l) => l.page)).toEqual([1, 1, 1, 1, 1]);
    expect(plan.labels[5]).toMatchObject({ row: 0, column: 0, x: 0, y: 0.5 });
  });

  it('keeps the start on the sheet and copies within 1…100, whatever was typed', () => {
    const a4 = LAYOUTS['a4-24'];
    expect([0, -3, 2.7, 24, 99, Number.NaN].map((n) => clampStart(a4, n))).toEqual([1, 1, 2, 24, 24, 1]);
    expect(clampStart(LAYOUTS.tag, 5)).toBe(1);
    expect([0, 3, 3.9, 1000, Number.NaN, Infinity].map(clampCopies)).toEqual([1, 3, 3, 100, 1, 1]);
  });

  it('prints each item`s copies side by side, per-item counts allowed', () => {
    expect(repeatCopies(['a', 'b'], 3)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    expect(repeatCopies(['a', 'b'], (x) => (x === 'a' ? 1 : 2))).toEqual(['a', 'b', 'b']);
  });

  it('pages and positions agree for any count and start (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(LAYOUTS)),
        fc.nat({ max: 200 }),
        fc.integer({ min: 1, max: 30 }),
        (layout, count, start) => {
          const plan = placeLabels(layout, count, start);
          const per = slotsPerPage(layout);
          expect(plan.labels).toHaveLength(count);
          expect(plan.pages).toBe(count === 0 ? 0 : Math.ceil((plan.skipped + count) / per));
          const slots = plan.labels.map((l) => l.page * per + l.row * layout.columns + l.column);
          expect(slots).toEqual(slots.map((_, i) => plan.skipped + i));
        },
      ),
    );
  });

  it('leaves out labels beyond one job and says how many', () => {
    const plan = placeLabels(LAYOUTS['letter-30'], MAX_LABELS + 7);
    expect(plan.labels).toHaveLength(MAX_LABELS);
    expect(plan.omitted).toBe(7);
  });
});

describe('bar code sizes', () => {
  it('counts Code 128 modules with set C for digit pairs (as bwip-js encodes)', () => {
    expect(code128Modules('RNG-R10007')).toBe(134); // 9 data symbols: B "RNG-R1", C "00" "07"
    expect(code128Modules('4006381333931')).toBe(123); // 6 digit pairs + one digit in B
    expect(code128Modules('12')).toBe(46);
    expect(code128Modules('ABC')).toBe(68);
  });

  it('picks the smallest QR version at error correction M', () => {
    expect(qrModules('RNG-R10007')).toBe(21);
    expect(qrModules('BRC-18K-YG-DIA-0.5CT-7IN-SPECIAL')).toBe(25);
    expect(qrModules('a'.repeat(15))).toBe(25); // lower case needs byte mode
    expect(qrModules('1'.repeat(40))).toBe(25);
  });

  it('puts a Code 128 on a tag for a short SKU and a QR for a long one', () => {
    const short = labelFace(LAYOUTS.tag, 'code128', 'RNG-R10007');
    expect(short.symbology).toBe('code128');
    expect(short.barcode.module).toBeGreaterThanOrEqual(CODE128_MODULE.min);
    expect(short.nameLines).toBeGreaterThanOrEqual(1);
    const long = labelFace(LAYOUTS.tag, 'code128', 'BRC-18K-YG-DIA-0.5CT');
    expect(long).toMatchObject({ symbology: 'qr', scannable: true });
  });

  it('keeps bar codes and text on the printable part, modules within limits, for every layout', () => {
    const skus = ['RNG-R10007', '4006381333931', 'BRC-18K-YG-DIA-0.5CT-7IN-SPECIAL', 'ab', 'x'.repeat(64)];
    for (const layout of Object.values(LAYOUTS)) {
      for (const symbology of ['code128', 'qr'] as const) {
        for (const sku of skus) {
          const face = labelFace(layout, symbology, sku);
          inside(face.barcode, layout.printable);
          inside(face.text, layout.printable);
          if (face.skuLine) inside(face.skuLine, layout.printable);
          if (face.symbology === 'code128') {
            expect(face.barcode.module).toBeLessThanOrEqual(CODE128_MODULE.max);
            expect(face.text.y + face.text.height).toBeLessThanOrEqual(face.barcode.y + 1e-9);
          } else {
            expect(face.barcode.module).toBeLessThanOrEqual(QR_MODULE.max);
            expect(face.text.x + face.text.width).toBeLessThanOrEqual(face.barcode.x + 1e-9);
          }
        }
      }
    }
  });

  it('uses a sheet label`s room: a 0.33 mm Code 128 with name and variant above it', () => {
    const face = labelFace(LAYOUTS['a4-24'], 'code128', 'RNG-R10007');
    expect(face.barcode.module).toBe(0.33);
    expect(face.nameLines).toBeGreaterThanOrEqual(2);
  });

  it('flags a code no label can carry legibly (longer than a SKU may be)', () => {
    expect(labelFace(LAYOUTS.tag, 'qr', 'x'.repeat(64)).scannable).toBe(true);
    expect(labelFace(LAYOUTS.tag, 'qr', 'x'.repeat(150)).scannable).toBe(false);
  });
});

describe('the words on a label', () => {
  const source: LabelSource = {
    id: 'i1',
    sku: 'RNG-R10007',
    title: 'Opal stacking ring with hand-set stones',
    optionValues: ['7', 'Sterling silver'],
    attributes: { metal: 'Sterling silver', stone: 'Opal' },
    price: 4_500,
    compareAtPrice: 6_000,
  };

  it('shortens the title at a word boundary, names the variant, keeps price in minor units', () => {
    expect(labelText(source, LAYOUTS.tag)).toEqual({
      sku: 'RNG-R10007',
      title: 'Opal stacking ring with…',
      detail: '7 / Sterling silver',
      price: 4_500,
      wasPrice: 6_000,
    });
    expect(labelText(source, LAYOUTS['a4-24']).title).toBe('Opal stacking ring with hand-set stones');
  });

  it('describes an item without options by what it is made of, and shows no was-price unless marked down', () => {
    const plain = {
      ...source,
      optionValues: [],
      attributes: { purity: '14K', metal: 'gold', stone: 'Garnet', size: '7' },
      compareAtPrice: 4_000,
    };
    expect(labelText(plain, LAYOUTS.tag)).toMatchObject({ detail: '14K gold · Garnet · Size 7', wasPrice: null });
  });

  it('cuts a title without spaces hard, and never leaves a dangling separator', () => {
    expect(shortTitle('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    expect(shortTitle('Ring -  gold  vermeil', 8)).toBe('Ring…');
    expect(shortTitle('  Luna   ring ', 24)).toBe('Luna ring');
  });

  it('joins name and variant when only one line fits', () => {
    const text = labelText(source, LAYOUTS['a4-24']);
    expect(nameLines(text, 2)).toEqual([text.title, '7 / Sterling silver']);
    expect(nameLines(text, 1)).toEqual([`${text.title} · 7 / Sterling silver`]);
    expect(nameLines(text, 0)).toEqual([]);
  });
});
