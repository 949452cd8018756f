/** Report periods as the picker offers them, as Shanghai calendar days (YYYY-MM-DD). */

export type PeriodKind = 'month' | 'lastMonth' | 'quarter' | 'year' | 'custom';

export interface Period {
  from: string;
  to: string;
}

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  month: '本月',
  lastMonth: '上月',
  quarter: '本季度',
  year: '今年',
  custom: '自选日期',
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Today's date on a Shanghai wall clock. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** Whole calendar periods around today (the month, the quarter and the year run to their last day). */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  if (kind === 'month') return { from: iso(y, m, 1), to: iso(y, m + 1, 0) };
  if (kind === 'lastMonth') return { from: iso(y, m - 1, 1), to: iso(y, m, 0) };
  if (kind === 'quarter') {
    const q = m - (m % 3);
    return { from: iso(y, q, 1), to: iso(y, q + 3, 0) };
  }
  return { from: iso(y, 0, 1), to: iso(y, 11, 31) };
}

/** 2026-11-01 … 2026-11-30 → 2026年11月; otherwise the two days. */
export function periodText({ from, to }: Period): string {
  const whole = periodOf('month', from);
  if (whole.from === from && whole.to === to) return `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`;
  return `${from} 至 ${to}`;
}
