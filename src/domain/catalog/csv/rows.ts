import { restoreFormula, splitList } from './cells';
import type { ColumnMapping, CsvFormat, MappedRow } from './types';

const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * Physical line numbers of parsed records. A record whose quoted cells hold line breaks spans
 * several lines of the file; errors name the line it starts on, as a text editor shows it.
 * Empty lines come through the parser as one empty cell and still count.
 */
export class LineCounter {
  #next = 1;

  /** The line `record` starts on; advances past it. */
  take(record: readonly string[]): number {
    const line = this.#next;
    let breaks = 0;
    for (const cell of record) breaks += cell.match(LINE_BREAK)?.length ?? 0;
    this.#next += 1 + breaks;
    return line;
  }
}

export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((c) => c.trim() === '');
}

/** One record through the column map: trimmed texts by field, options and per-location quantities. */
export function mapRecord(record: readonly string[], line: number, columns: readonly ColumnMapping[], format: CsvFormat): MappedRow {
  const row: MappedRow = {
    line,
    fields: {},
    barcodes: [],
    optionNames: new Map(),
    optionValues: new Map(),
    declaredValues: new Map(),
    locationQuantities: new Map(),
  };
  for (const { column, target } of columns) {
    if (!target) continue;
    const raw = record[column] ?? '';
    // Line breaks inside cells become \n whatever the file used (CRLF from Excel, CR from old Macs).
    const text = (format.unescapesFormulas ? restoreFormula(raw.trim()) : raw).trim().replace(/\r\n?/g, '\n');
    if (text === '') continue;
    switch (target.kind) {
      case 'field':
        if (target.field === 'barcode') row.barcodes.push(...splitList(text, format.listSeparator));
        else row.fields[target.field] ??= text;
        break;
      case 'optionName':
        row.optionNames.set(target.index, text);
        break;
      case 'optionValue':
        row.optionValues.set(target.index, text);
        break;
      case 'optionValues':
        row.declaredValues.set(target.index, text);
        break;
      case 'locationQuantity':
        row.locationQuantities.set(target.location, text);
        break;
    }
  }
  return row;
}

/** Anything that makes a row a variant rather than extra images for its product. */
export function hasVariantData(row: MappedRow): boolean {
  const f = row.fields;
  return (
    row.optionValues.size > 0 ||
    row.barcodes.length > 0 ||
    row.locationQuantities.size > 0 ||
    [f.price, f.compareAtPrice, f.cost, f.sku, f.quantity, f.variationName].some((v) => v !== undefined)
  );
}
