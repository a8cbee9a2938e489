import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import { foundStockOversold, refundOversold, resolveCase, substituteOversold } from '../data/commands/cases';
import { listCases, readCase, type CaseView } from '../data/queries/cases';
import type { CaseRecord } from '../domain/cases';

/**
 * The conflicts inbox's state (made by the inbox when it opens, so none of it is in the first
 * download): every case, one case with what it concerns, and the resolutions.
 */
export class CasesState {
  readonly all: Live<CaseRecord[]>;

  constructor(private readonly env: Env = appEnv()) {
    this.all = new Live(() => listCases(env.db), []);
  }

  one(id: string): Live<CaseView | undefined> {
    return new Live(() => readCase(this.env.db, id), undefined);
  }

  resolve(id: string, resolution: string, note: string): Promise<void> {
    return resolveCase(this.env, id, resolution, note);
  }

  refund(
    id: string,
    input: { saleId: string; refundTo: 'original' | 'credit'; note: string; staffId: string | null },
  ): ReturnType<typeof refundOversold> {
    return refundOversold(this.env, id, input);
  }

  substitute(id: string, input: { code: string; note: string }): Promise<void> {
    return substituteOversold(this.env, id, input);
  }

  foundStock(id: string, note: string): Promise<void> {
    return foundStockOversold(this.env, id, note);
  }
}
