/** What runs on a timer: the reminder sweeps of every domain that sends reminders. */
import { remindUpcomingActivities } from '../activities/reminders';
import { remindUpcomingBookings } from '../consult/reminders';
import type { Deps } from '../core/runtime';

/** Both sweeps, one after the other; answers how many riders were reminded. */
export async function runSweeps(deps: Deps, now: Date): Promise<{ reminded: number }> {
  const bookings = await remindUpcomingBookings(deps, now);
  const activities = await remindUpcomingActivities(deps, now);
  return { reminded: bookings + activities };
}
