import { appEnv } from '../data/env';
import type { Env } from '../data/commands/perform';
import type { ImportSummary } from '../data/commands/import-catalog';
import type { ImportPlan } from '../domain/catalog/csv/types';
import type { Notices } from './notices.svelte';

// The CSV code (and Papa Parse) loads when an import or export starts, not with the register
// (ARCHITECTURE.md §8: initial JS budget); the service worker precaches the chunks for offline.
const csvReader = () => import('../domain/catalog/csv/reader');
const importer = () => import('../data/commands/import-catalog');
const exporter = () => import('../data/queries/export-catalog');

export type ImportStep = 'choose' | 'reading' | 'preview' | 'writing' | 'done';

/** Lets the page paint (the progress bar) between chunks of work. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * CSV import as steps: choose a file → read it into a plan (nothing written) → preview → the
 * user confirms → write with progress → summary. Kept in AppState so leaving the page during a
 * long import does not lose it.
 */
export class CatalogImport {
  step = $state<ImportStep>('choose');
  /** 0–1, for the current reading or writing step. */
  progress = $state(0);
  fileName = $state('');
  plan = $state.raw<ImportPlan | null>(null);
  summary = $state.raw<ImportSummary | null>(null);
  exporting = $state(false);

  constructor(
    private readonly notices: Notices,
    private readonly env: Env = appEnv(),
  ) {}

  async read(file: File, currencyDigits: number): Promise<void> {
    this.step = 'reading';
    this.progress = 0;
    this.fileName = file.name;
    this.plan = null;
    this.summary = null;
    try {
      const [{ readCatalogCsv }, { importContext }] = await Promise.all([csvReader(), exporter()]);
      const [text, context] = await Promise.all([file.text(), importContext(this.env.db)]);
      this.plan = await readCatalogCsv(
        text,
        { ...context, currencyDigits },
        { chunkSize: 128 * 1024, pause: nextTask, onProgress: (f) => (this.progress = f) },
      );
      this.step = 'preview';
    } catch (e) {
      this.step = 'choose';
      this.notices.handleError(e, `Reading ${file.name} failed`);
    }
  }

  /** Writes the plan the user saw and confirmed (valid rows only; problem rows were never in it). */
  async confirm(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.step !== 'preview') return;
    this.step = 'writing';
    this.progress = 0;
    try {
      const { importCatalog } = await importer();
      this.summary = await importCatalog(this.env, plan, {
        source: this.fileName,
        pause: nextTask,
        onProgress: (done, total) => (this.progress = total === 0 ? 1 : done / total),
      });
      this.step = 'done';
    } catch (e) {
      this.step = 'preview';
      this.notices.handleError(e, 'Importing failed');
    }
  }

  cancel(): void {
    if (this.step === 'writing') return;
    this.step = 'choose';
    this.plan = null;
    this.summary = null;
    this.progress = 0;
  }

  /** The whole catalogue as Trove CSV, read page by page. */
  async exportCsv(currencyDigits: number): Promise<{ blob: Blob; name: string } | null> {
    this.exporting = true;
    try {
      const { exportCatalogLines, exportFileName } = await exporter();
      const parts: string[] = [];
      for await (const line of exportCatalogLines(this.env.db, currencyDigits)) parts.push(line);
      return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), name: exportFileName(Date.now()) };
    } catch (e) {
      this.notices.handleError(e, 'Exporting the catalogue failed');
      return null;
    } finally {
      this.exporting = false;
    }
  }
}
