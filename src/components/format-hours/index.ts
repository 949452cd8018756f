import type { HoursRule, MealWindow } from '../../../types/common';

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const dayName = (day: number | undefined) => DAY_NAMES[day ?? 0] ?? '';

/** [1,2,3,4,5] → 周一至周五; [6,7] → 周六、周日; [1,3,5] → 周一、周三、周五; all seven → 每天. */
export function formatDays(days: number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return '每天';
  const runs: number[][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  return runs.map((run) => (run.length >= 3 ? `${dayName(run[0])}至${dayName(run[run.length - 1])}` : run.map(dayName).join('、'))).join('、');
}

/** 08:00–20:00; a close before the open runs past midnight: 22:00–次日06:00; 00:00–24:00 is 全天. */
export function formatSpan(open: string, close: string): string {
  if (open === '00:00' && (close === '24:00' || close === '00:00')) return '全天';
  if (close !== '24:00' && close <= open) return `${open}–次日${close}`;
  return `${open}–${close}`;
}

/** One line per group of days, e.g. ['周一至周五 08:00–20:00', '周六、周日 09:00–12:00、14:00–18:00']. */
export function formatHours(hours: HoursRule[] | undefined): string[] {
  if (!hours || hours.length === 0) return ['全天开放'];
  const groups = new Map<string, { days: number[]; spans: string[] }>();
  for (const rule of hours) {
    const days = [...new Set(rule.days)].sort((a, b) => a - b);
    const key = days.join(',');
    const group = groups.get(key) ?? { days, spans: [] };
    group.spans.push(formatSpan(rule.open, rule.close));
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.days[0] ?? 0) - (b.days[0] ?? 0)).map((g) => `${formatDays(g.days)} ${g.spans.join('、')}`);
}

/** 爱心餐 13:00–13:30 · 每日 50 份. */
export function formatMeal(meal: MealWindow): string {
  const quota = meal.quota !== undefined ? ` · 每日 ${meal.quota} 份` : '';
  return `${formatSpan(meal.start, meal.end)}${quota}`;
}
