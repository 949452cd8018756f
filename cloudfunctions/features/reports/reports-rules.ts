/** Pure rules of the reports: the buckets that tile a period, months, ages and rounding. */

const DAY_MS = 86_400_000;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(dayMs(day) + n * DAY_MS);

/** The last day of the month of a day. */
function monthEnd(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return dayOf(Date.UTC(y, m, 0));
}

/**
 * The fewest day, month and year buckets that tile from…to (inclusive days): whole years as years, whole months as
 * months, the rest as days. A calendar month or year is one bucket; two odd half-months are at most ~60 day buckets.
 */
export function periodBuckets(from: string, to: string): string[] {
  const buckets: string[] = [];
  for (let day = from; day <= to;) {
    const yearEnd = `${day.slice(0, 4)}-12-31`;
    if (day.slice(5) === '01-01' && yearEnd <= to) {
      buckets.push(day.slice(0, 4));
      day = addDays(yearEnd, 1);
    } else if (day.slice(8) === '01' && monthEnd(day) <= to) {
      buckets.push(day.slice(0, 7));
      day = addDays(monthEnd(day), 1);
    } else {
      buckets.push(day);
      day = addDays(day, 1);
    }
  }
  return buckets;
}

/** The whole months within from…to, and the day ranges (at most two) left at its ends. */
export function splitPeriod(from: string, to: string): { months: string[]; days: [from: string, to: string][] } {
  const months: string[] = [];
  const days: [string, string][] = [];
  let day = from;
  while (day <= to) {
    if (day.slice(8) === '01' && monthEnd(day) <= to) {
      months.push(day.slice(0, 7));
      day = addDays(monthEnd(day), 1);
      continue;
    }
    // The rest of this month, or up to `to`, or up to the first whole month.
    const end = monthEnd(day) < to ? monthEnd(day) : to;
    const last = days[days.length - 1];
    if (last && addDays(last[1], 1) === day) last[1] = end;
    else days.push([day, end]);
    day = addDays(end, 1);
  }
  return { months, days };
}

/** Every month (YYYY-MM) the period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let day = `${from.slice(0, 7)}-01`; day <= to; day = addDays(monthEnd(day), 1)) months.push(day.slice(0, 7));
  return months;
}

/** Riders aged 35 or under in the given year, by the year of birth alone (the registry keeps no birthdays). */
export function countUnder35(birthYears: readonly { year: number; riders: number }[], year: number): number {
  return birthYears.filter((y) => year - y.year <= 35).reduce((n, y) => n + y.riders, 0);
}

/** Hours to one decimal. */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

export const roundTenth = (n: number) => Math.round(n * 10) / 10;
