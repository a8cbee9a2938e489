import { isDomainError } from '../domain/errors';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

/** Messages for staff. Errors all come through `handleError`, so none is ever silent. */
export class Notices {
  list = $state<Notice[]>([]);
  #next = 1;

  show(text: string, tone: Notice['tone'] = 'info'): void {
    const id = this.#next++;
    this.list.push({ id, tone, text });
    // Confirmations fade on their own; errors stay until someone dismisses them.
    if (tone === 'info') setTimeout(() => this.dismiss(id), 4_000);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }

  /** One funnel for failures: says what was being done and why it failed. */
  handleError(error: unknown, doing: string): void {
    const why = isDomainError(error) ? error.message : error instanceof Error ? error.message : String(error);
    console.error(doing, error);
    this.show(`${doing}: ${why}`, 'error');
  }
}
