import { shanghaiDayOf, shanghaiMonthOf, toShanghaiIso } from '../../types/time-format';

/*
 * The client's time formatting. Answers carry instants in Shanghai time ("2026-11-21T09:30:00.000+08:00", see
 * types/time-format.ts), so their wall clock can be read off the string.
 */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "…T09:30:00.000+08:00" → "09:30". */
export const clockTime = (iso: string) => iso.slice(11, 16);

/** "2026-11-20T20:00:00.000+08:00" → "11-20 20:00". */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${clockTime(iso)}`;

/** The weekday of a calendar day YYYY-MM-DD, "六". */
export const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay()] ?? '';

/** "2026-11-21" → "11月21日 周六". */
export const dayLabel = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${weekdayOf(date)}`;

/** "2026-11-19T14:00:00.000+08:00" → "11月19日 周四 14:00". */
export const dayTime = (iso: string) => `${dayLabel(iso)} ${clockTime(iso)}`;

/** Today in Shanghai, YYYY-MM-DD. */
export const todayInShanghai = (now = Date.now()) => shanghaiDayOf(now);

/** Shanghai's current month, YYYY-MM. */
export const currentMonth = (now = Date.now()) => shanghaiMonthOf(now);

/** An instant in any offset, in Shanghai time: "05-12 14:30" this year, "2024-05-12 14:30" otherwise. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const local = toShanghaiIso(t);
  const day = shortTime(local);
  return local.slice(0, 4) === toShanghaiIso(now).slice(0, 4) ? day : `${local.slice(0, 4)}-${day}`;
}
