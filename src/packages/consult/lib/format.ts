import { todayInShanghai, weekdayOf } from '../../../lib/time-format';

export interface StripDay {
  /** YYYY-MM-DD in Shanghai. */
  day: string;
  label: string;
  weekday: string;
}

/** The next `count` Shanghai days from `now`, for the day strip. */
export function nextDays(now: number, count: number): StripDay[] {
  return Array.from({ length: count }, (_, i) => {
    const day = todayInShanghai(now + i * 86_400_000);
    const weekday = i === 0 ? '今天' : i === 1 ? '明天' : `周${weekdayOf(day)}`;
    return { day, label: `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`, weekday };
  });
}

/** The instants bounding a Shanghai day, for a `slots` query. */
export const dayRange = (day: string) => ({
  from: new Date(`${day}T00:00:00+08:00`).toISOString(),
  to: new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString(),
});
