import { ApiError } from '../../../api/client';

export const errorText = (e: unknown, fallback = '加载失败，请检查网络后重试') => (e instanceof ApiError ? e.message : fallback);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026-11-21" → "11月21日 周六". */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** "…T19:00:00.000+08:00" (answers are in Shanghai time) → "19:00". */
export const clockTime = (iso: string) => iso.slice(11, 16);
