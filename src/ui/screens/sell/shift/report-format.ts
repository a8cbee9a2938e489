import { formatRate } from '../../../../domain/sale/receipt';
import type { PaymentRow } from '../../../../domain/sale/report';
import type { ZReportRecord } from '../../../../domain/sale/shift-close';
import type { ShiftRecord } from '../../../../domain/sale/types';

/** What heads an X or Z report besides its figures. */
export interface ReportHead {
  kind: 'X' | 'Z';
  registerCode: string;
  businessDay: string;
  openedAt: string;
  openedBy: string | null;
  /** When it closed (Z) or when the X report was read (X). */
  at: string;
  closedBy: string | null;
  /** Z only: the blind count and the difference from expected. */
  countedCash: number | null;
  overShort: number | null;
}

export function zHead(z: ZReportRecord): ReportHead {
  return {
    kind: 'Z',
    registerCode: z.registerCode,
    businessDay: z.businessDay,
    openedAt: z.openedAt,
    openedBy: z.openedBy,
    at: z.closedAt,
    closedBy: z.closedBy,
    countedCash: z.countedCash,
    overShort: z.overShort,
  };
}

export function xHead(shift: ShiftRecord, at: string): ReportHead {
  return {
    kind: 'X',
    registerCode: shift.registerCode,
    businessDay: shift.businessDay,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    at,
    closedBy: null,
    countedCash: null,
    overShort: null,
  };
}

/** "Cash", "Card", an "other" method by its name, "Store credit". */
export function paymentLabel(row: Pick<PaymentRow, 'kind' | 'method'>): string {
  if (row.kind === 'cash') return 'Cash';
  if (row.kind === 'card') return 'Card';
  if (row.kind === 'credit') return 'Store credit / gift card';
  return row.method ?? 'Other';
}

export function rateLabel(rateBp: number | null): string {
  return rateBp === null ? 'Rate not recorded' : formatRate(rateBp);
}

/** "Over", "Short" or "Balanced", for an over/short figure. */
export function overShortLabel(overShort: number): string {
  return overShort > 0 ? 'Over' : overShort < 0 ? 'Short' : 'Balanced';
}
