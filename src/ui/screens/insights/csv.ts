import { csvLine } from '../../../domain/catalog/csv/export';

/** A table column: its header, the raw value (sorting, CSV) and how the screen shows it. */
export type Column<T> = {
  label: string;
  value: (row: T) => string | number | null;
  show?: (row: T) => string;
  numeric?: boolean;
  /** A name column: kept wide enough to read. */
  wide?: boolean;
  /** Never wrapped (dates); a line break in the shown text starts a second line. */
  nowrap?: boolean;
};

/** The rows of a table as CSV (formula-safe cells, the catalogue export's escaping), with a header line. */
export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const lines = [csvLine(columns.map((c) => c.label))];
  for (const row of rows) lines.push(csvLine(columns.map((c) => String(c.value(row) ?? ''))));
  return lines.join('');
}

/** Sorts rows by a column (nulls last), stable. */
export function sortRows<T>(rows: readonly T[], column: Column<T> | undefined, dir: 1 | -1): T[] {
  if (!column) return [...rows];
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c * dir || a.i - b.i;
    })
    .map((x) => x.row);
}
