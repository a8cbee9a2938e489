import Papa from 'papaparse';
import { detectFormat, mapColumns } from './columns';
import { addToDraft, buildProduct, keyOf, type Draft } from './group';
import { finishPlan } from './plan';
import { isBlankRecord, LineCounter, mapRecord } from './rows';
import type { ColumnMapping, CsvFormat, ImportPlan, PlanContext, RowProblem } from './types';

export interface ParseError {
  /** Index of the record in the pushed batch. */
  row?: number;
  message: string;
}

/**
 * Reads a catalogue CSV record by record, as the parser hands them over in chunks: the first
 * non-empty record is the header; every other one is mapped and grouped by product straight away,
 * so a 100,000-row file is never held as raw text rows. `finish` turns it into the plan.
 */
export class CatalogCsvReader {
  #lines = new LineCounter();
  #columns: ColumnMapping[] | null = null;
  #format: CsvFormat = detectFormat([]);
  #drafts = new Map<string, Draft>();
  #problems: RowProblem[] = [];
  #records = 0;
  #canGroup = false;

  get format(): CsvFormat {
    return this.#format;
  }

  get columns(): ColumnMapping[] {
    return this.#columns ?? [];
  }

  get records(): number {
    return this.#records;
  }

  push(records: readonly (readonly string[])[], errors: readonly ParseError[] = []): void {
    const broken = new Map(errors.flatMap((e) => (e.row === undefined ? [] : [[e.row, e.message] as const])));
    records.forEach((record, i) => {
      const line = this.#lines.take(record);
      if (isBlankRecord(record)) return;
      if (!this.#columns) {
        this.#header(record);
        return;
      }
      this.#records += 1;
      const broke = broken.get(i);
      if (broke !== undefined) {
        this.#problems.push({ line, code: 'bad-csv', message: `The row cannot be read: ${broke}` });
        return;
      }
      if (!this.#canGroup) return;
      const row = mapRecord(record, line, this.#columns, this.#format);
      const key = keyOf(row);
      if (!key) {
        this.#problems.push({ line, code: 'missing-title', message: 'No title' });
        return;
      }
      let draft = this.#drafts.get(key);
      if (!draft) {
        draft = { rows: [], variantRows: [], imageRows: [] };
        this.#drafts.set(key, draft);
      }
      addToDraft(draft, row);
    });
  }

  #header(record: readonly string[]): void {
    this.#format = detectFormat(record);
    this.#columns = mapColumns(record, this.#format);
    const fields = new Set(this.#columns.flatMap((c) => (c.target?.kind === 'field' ? [c.target.field] : [])));
    this.#canGroup = fields.has('title') || fields.has('handle');
    if (!this.#canGroup) {
      this.#problems.push({
        line: 1,
        code: 'no-columns',
        message: 'No column names the products (expected Title, Item Name, Name or Handle)',
      });
    }
  }

  finish(ctx: PlanContext): ImportPlan {
    const problems = [...this.#problems];
    if (!this.#columns) problems.push({ line: 1, code: 'no-columns', message: 'The file is empty' });
    const opts = {
      format: this.#format,
      digits: ctx.currencyDigits ?? 2,
      hasSupplierColumn: this.columns.some((c) => c.target?.kind === 'field' && c.target.field === 'supplier'),
    };
    const built = [...this.#drafts.values()].flatMap((d) => buildProduct(d, opts, problems) ?? []);
    return finishPlan({ format: this.#format, columns: this.columns, built, problems, records: this.#records }, ctx);
  }
}

/**
 * The record separator: the first line break outside quotes. Papa Parse guesses it from its first
 * chunk only, which a long header can outgrow; a wrong guess leaves \r in cells and miscounts lines.
 */
export function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
    else if (!quoted && ch === '\n') return '\n';
  }
  return '\n';
}

export interface ReadHooks {
  /** Fraction of the text read so far (0–1). */
  onProgress?: (fraction: number) => void;
  /** Called between chunks; the page passes a yield to the event loop so the progress bar paints. */
  pause?: () => Promise<void>;
  chunkSize?: number;
}

/**
 * Streams CSV text through Papa Parse in chunks (header-less: the alias map reads the header) and
 * returns the plan. Delimiter (comma, semicolon, tab) and line endings are detected; a BOM is dropped.
 */
export function readCatalogCsv(text: string, ctx: PlanContext, hooks: ReadHooks = {}): Promise<ImportPlan> {
  const reader = new CatalogCsvReader();
  const total = Math.max(text.length, 1);
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: false,
      newline: lineBreakOf(text),
      chunkSize: hooks.chunkSize ?? 256 * 1024,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        const errors = results.errors
          .filter((e: Papa.ParseError) => e.type === 'Quotes')
          .map((e: Papa.ParseError) => ({ row: e.row, message: e.message }));
        reader.push(results.data, errors);
        hooks.onProgress?.(Math.min(results.meta.cursor / total, 1));
        if (!hooks.pause) return;
        parser.pause();
        hooks.pause().then(
          () => parser.resume(),
          (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
        );
      },
      complete() {
        try {
          hooks.onProgress?.(1);
          resolve(reader.finish(ctx));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
      error(e: Error) {
        reject(e);
      },
    });
  });
}
