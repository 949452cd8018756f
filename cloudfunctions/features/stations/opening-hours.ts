import type { HoursRule } from '../../../types/common';
import { inShanghai } from '../../core/time';

const MINUTES_PER_DAY = 24 * 60;

function minutes(clock: string): number {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 60 + m;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
function isoWeekday(day: number): number {
  return day === 0 ? 7 : day;
}

/**
 * Whether weekly hours (Asia/Shanghai wall clock) are open at an instant. A close earlier than open runs past
 * midnight into the next day; "24:00" is the end of the day; open equal to close is open all day; no hours is
 * always open.
 */
export function isOpenAt(hours: HoursRule[] | undefined, at: Date): boolean {
  if (!hours || hours.length === 0) return true;
  const local = inShanghai(at);
  const today = isoWeekday(local.day());
  const yesterday = today === 1 ? 7 : today - 1;
  const now = local.hour() * 60 + local.minute();
  return hours.some((rule) => {
    const open = minutes(rule.open);
    const close = minutes(rule.close);
    if (open === close || (open === 0 && close === MINUTES_PER_DAY)) return rule.days.includes(today);
    if (close > open) return rule.days.includes(today) && now >= open && now < close;
    // Overnight: the evening part belongs to the rule's day, the early-morning part to the day after.
    return (rule.days.includes(today) && now >= open) || (rule.days.includes(yesterday) && now < close);
  });
}
