import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

/** The instant seen on a Shanghai wall clock. */
export function inShanghai(at: Date | string) {
  return dayjs(at).tz(ZONE);
}

/** Calendar day in Shanghai, YYYY-MM-DD. */
export function shanghaiDay(at: Date | string): string {
  return inShanghai(at).format('YYYY-MM-DD');
}

/** YYYY-MM of the Shanghai month. */
export function shanghaiMonth(at: Date | string): string {
  return inShanghai(at).format('YYYY-MM');
}

/** First instant of a Shanghai month (YYYY-MM) and of the next, as ISO strings in UTC. */
export function monthRange(month: string): { from: string; to: string } {
  const start = dayjs.tz(`${month}-01 00:00`, ZONE);
  return { from: start.toISOString(), to: start.add(1, 'month').toISOString() };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant as the contract answers it: ISO 8601 with +08:00. Asia/Shanghai has kept a fixed +08:00 offset without
 * daylight saving since 1991, so plain arithmetic answers what dayjs's timezone plugin would, at a fraction of the
 * cost (~0.3 ms a call there; a queue page formats 40+ instants).
 */
export function toShanghaiIso(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}
