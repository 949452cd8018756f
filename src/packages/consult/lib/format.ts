import { ApiError } from '../../../api/client';

export const errorText = (e: unknown, fallback = '加载失败，请检查网络后重试') => (e instanceof ApiError ? e.message : fallback);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Answers are in +08:00: "2026-11-19T14:00:00.000+08:00" → "14:00". */
export const clock = (iso: string) => iso.slice(11, 16);

/** "11月19日 周四 14:00". */
export function when(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 周${WEEKDAYS[day.getUTCDay()]} ${clock(iso)}`;
}

export interface StripDay {
  /** YYYY-MM-DD in Shanghai. */
  day: string;
  label: string;
  weekday: string;
}

/** The next `count` Shanghai days from `now`, for the day strip. */
export function nextDays(now: number, count: number): StripDay[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(now + 8 * 3_600_000 + i * 86_400_000);
    const day = d.toISOString().slice(0, 10);
    const weekday = i === 0 ? '今天' : i === 1 ? '明天' : `周${WEEKDAYS[d.getUTCDay()]}`;
    return { day, label: `${d.getUTCMonth() + 1}/${d.getUTCDate()}`, weekday };
  });
}

/** The instants bounding a Shanghai day, for a `slots` query. */
export const dayRange = (day: string) => ({
  from: new Date(`${day}T00:00:00+08:00`).toISOString(),
  to: new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString(),
});
