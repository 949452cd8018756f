/** What runs on a timer: the reminder sweeps of every domain that sends reminders, and the fold of the figures. */
import { remindUpcomingActivities } from '../activities/reminders';
import { remindUpcomingBookings } from '../consult/reminders';
import type { Deps } from '../core/runtime';
import { foldFacts } from '../reports/fold';

/** Every sweep, one after the other; answers how many riders were reminded and how many facts were folded. */
export async function runSweeps(deps: Deps, now: Date): Promise<{ reminded: number; folded: number }> {
  const bookings = await remindUpcomingBookings(deps, now);
  const activities = await remindUpcomingActivities(deps, now);
  const folded = await foldFacts(deps.store, now);
  return { reminded: bookings + activities, folded };
}
