/** Pure rules of activities, care packs and free meals (`now` passed in). */
import { ACTIVITY_LIMITS, type MealBookingStatus } from '../../../types/activities-labels';
import { CHECKIN_POINTS } from '../../capabilities/codes/checkin-rules';
import { windowInstants, windowState } from '../../capabilities/meals/meal-windows';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What "this week" shows: not yet ended, starting within the next seven days. */
export function inWeek(a: { start: string; end: string }, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(a.end) >= t && Date.parse(a.start) < t + ACTIVITY_LIMITS.weekDays * DAY_MS;
}

/** Sign-ups and cancellations close when the activity starts. */
export function signupOpen(a: { start: string }, now: Date): boolean {
  return now.getTime() < Date.parse(a.start);
}

/** Staff scan riders in from an hour before the start until an hour after the end. */
export function scanOpen(a: { start: string; end: string }, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(a.start) - HOUR_MS && t <= Date.parse(a.end) + HOUR_MS;
}

/** The restaurant hands a booked meal over from a little before the window opens until it closes. */
export function mayCollectMeal(day: string, w: { start: string; end: string }, now: Date): boolean {
  const { start, end } = windowInstants(day, w);
  return now.getTime() >= start.getTime() - ACTIVITY_LIMITS.mealEarlyMinutes * 60_000 && now <= end;
}

/** A booking as the rider sees it (a requested one, being placed, counts as booked). */
export function mealStatus(b: { status: string; day: string; start: string; end: string }, collected: boolean, now: Date): MealBookingStatus {
  if (collected) return 'collected';
  if (b.status === 'cancelled') return 'cancelled';
  return windowState(b.day, b, now) === 'closed' ? 'lapsed' : 'booked';
}

/** A rider may book again today when the earlier booking was cancelled, or lapsed uncollected. */
export function mayReplaceMeal(existing: MealBookingStatus | undefined): boolean {
  return existing === undefined || existing === 'cancelled' || existing === 'lapsed';
}

/** Points a rider may earn from activities in one Shanghai day, however many they attend. */
export const ACTIVITY_DAILY_POINTS_CAP = 100;

/**
 * What attending an activity credits: its points once a cadre set or approved them, otherwise at most the
 * check-in credit (station staff publish activities without review); and never past the day's cap.
 */
export function activityCredit(offered: { points: number; approved: boolean }, creditedToday: number): number {
  const allowed = offered.approved ? offered.points : Math.min(offered.points, CHECKIN_POINTS);
  return Math.max(0, Math.min(allowed, ACTIVITY_DAILY_POINTS_CAP - creditedToday));
}
