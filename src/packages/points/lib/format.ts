const REASONS: Record<string, string> = {
  checkin: '签到',
  claim: '积分申领',
  reward: '兑换奖品',
  star: '本月之星',
};

/** A ledger entry's reason in Chinese. */
export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;

/** "2025-03" → "2025年3月". */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export function shiftMonth(month: string, by: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + by;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
