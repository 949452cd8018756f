import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

// The +08:00 formatting of answers is shared with the mini-program.
export { toShanghaiIso } from '../../types/time-format';

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

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}
