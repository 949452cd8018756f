import { LEDGER_REASON_LABELS, type LedgerReason } from '../../../../types/points-labels';

/** A ledger entry's reason in Chinese. */
export const reasonLabel = (reason: string) => LEDGER_REASON_LABELS[reason as LedgerReason] ?? reason;

/** "2025-03" → "2025年3月". */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export function shiftMonth(month: string, by: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + by;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
