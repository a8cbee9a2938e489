import { describe, expect, it } from 'vitest';
import { sortRows, toCsv, type Column } from '../../src/ui/screens/insights/csv';

type Row = { title: string; value: number | null };
const columns: Column<Row>[] = [
  { label: 'Item', value: (r) => r.title },
  { label: 'Sales', value: (r) => r.value, numeric: true },
];

describe('insights tables: sorting and CSV export', () => {
  it('exports a header and one line per row, escaped like the catalogue export (quotes, commas, formulas)', () => {
    const csv = toCsv(columns, [
      { title: 'Ring, "gold"', value: 1200 },
      { title: '=HYPERLINK("x")', value: null },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Item,Sales');
    expect(lines[1]).toBe('"Ring, ""gold""",1200');
    expect(lines[2]!.startsWith('"\'=HYPERLINK') || lines[2]!.startsWith("'=HYPERLINK")).toBe(true);
    expect(lines[3]).toBe('');
  });

  it('sorts numbers numerically, text alphabetically, empty values last in both directions', () => {
    const rows: Row[] = [
      { title: 'b', value: 10 },
      { title: 'a', value: null },
      { title: 'c', value: 9 },
    ];
    expect(sortRows(rows, columns[1], -1).map((r) => r.title)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, columns[1], 1).map((r) => r.title)).toEqual(['c', 'b', 'a']);
    expect(sortRows(rows, columns[0], 1).map((r) => r.title)).toEqual(['a', 'b', 'c']);
  });
});
