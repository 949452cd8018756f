import { ApiError } from '../../../api/client';

export const errorText = (e: unknown, fallback = '加载失败，请检查网络后重试') => (e instanceof ApiError ? e.message : fallback);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-11-21" → "11月21日 周六". */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** "2026-11-21T09:30:00.000+08:00" (answers are in Shanghai time) → "09:30". */
export const clockTime = (iso: string) => iso.slice(11, 16);

/** "…T20:00:00.000+08:00" → "11-20 20:00". */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

/** Today in Shanghai (UTC+8 all year), YYYY-MM-DD. */
export function todayInShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const programmeUrl = (id: string) => `/packages/childcare/pages/programme/index?id=${encodeURIComponent(id)}`;
export const rosterUrl = (programmeId: string, date: string) =>
  `/packages/childcare/pages/roster/index?programmeId=${encodeURIComponent(programmeId)}&date=${encodeURIComponent(date)}`;
