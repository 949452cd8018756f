/**
 * Free meals' windows (爱心餐): a station's partner restaurant serves them in its meal windows, each with a quota. The
 * station's page reads what is left today; the activities feature books and hands the meals over.
 */
import type { MealWindow, MealWindowView } from '../../../types';
import { defineCollection, type DocReader } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import type { StationDoc } from '../orgs/station-directory';
import type { QuotaDoc } from '../seating/quota';

/**
 * `<stationId>:<day>:<window>`: a meal window's quota (`total`) and meals still to book (`left`), made by the day's
 * first booking and taken one by one (capabilities/seating/quota.ts).
 */
export const mealQuota = defineCollection<QuotaDoc>({ name: 'meal_quota', indexes: [] });

/** A meal window's start and end on a day, as instants (Shanghai wall-clock times, UTC+8 all year). */
export function windowInstants(day: string, w: { start: string; end: string }): { start: Date; end: Date } {
  return { start: new Date(`${day}T${w.start}:00+08:00`), end: new Date(`${day}T${w.end}:00+08:00`) };
}

export function windowState(day: string, w: { start: string; end: string }, now: Date): 'upcoming' | 'open' | 'closed' {
  const { start, end } = windowInstants(day, w);
  if (now < start) return 'upcoming';
  return now > end ? 'closed' : 'open';
}

/**
 * Meals still to be had in a window: quota minus booked while the window has not closed. Bookings not collected by
 * the close are released, so a closed window counts for nothing.
 */
export function mealsLeft(quota: number, booked: number, state: 'upcoming' | 'open' | 'closed'): number {
  return state === 'closed' ? 0 : Math.max(0, quota - booked);
}

/** The quota document of a station's window on a day. */
export const mealQuotaId = (stationId: string, day: string, window: number) => `${stationId}:${day}:${window}`;

/** Windows with a quota are the ones the partner restaurant serves free meals in. */
export function servedWindows(station: StationDoc): { index: number; w: MealWindow & { quota: number } }[] {
  return (station.meals ?? []).flatMap((w, index) => (w.quota !== undefined && w.quota > 0 ? [{ index, w: { ...w, quota: w.quota } }] : []));
}

/** Today's windows of a station with the meals left in each (for the station's page and the map). */
export async function mealsToday(store: DocReader, station: StationDoc, now: Date): Promise<MealWindowView[]> {
  const day = shanghaiDay(now);
  const served = servedWindows(station);
  const held = await Promise.all(served.map(({ index }) => store.get(mealQuota, mealQuotaId(station._id, day, index))));
  return served.map(({ index, w }, i) => {
    const state = windowState(day, w, now);
    const quota = held[i]?.total ?? w.quota;
    return { index, start: w.start, end: w.end, quota, left: mealsLeft(quota, quota - (held[i]?.left ?? quota), state), state };
  });
}

export const MEALS_COLLECTIONS = [mealQuota];
