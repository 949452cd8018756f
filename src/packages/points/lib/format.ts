import { ApiError } from '../../../api/client';

const REASONS: Record<string, string> = {
  checkin: '签到',
  claim: '积分申领',
  reward: '兑换奖品',
  star: '本月之星',
};

/** A ledger entry's reason in Chinese. */
export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;

/** "2025-03-08T13:05:00+08:00" → "03-08 13:05" (answers are already in Shanghai time). */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

export const errorText = (e: unknown, fallback = '加载失败，请检查网络后重试') =>
  e instanceof ApiError ? e.message : fallback;

/** "2025-03" → "2025年3月". */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Shanghai's current month as YYYY-MM (UTC+8 all year). */
export function currentMonth(now = Date.now()): string {
  const d = new Date(now + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + by;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
