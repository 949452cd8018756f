/** What runs on a timer: the reminder sweeps of every domain that sends reminders, and the anonymous answers' notices. */
import { remindUpcomingActivities } from '../activities/reminders';
import { remindUpcomingBookings } from '../consult/reminders';
import type { Deps } from '../core/runtime';
import { tellAnonymousAuthors } from '../voice/anonymous-authors';

/** Every sweep, one after the other; answers how many riders were reminded, and how many anonymous authors told. */
export async function runSweeps(deps: Deps, now: Date): Promise<{ reminded: number; toldAnonymous: number }> {
  const bookings = await remindUpcomingBookings(deps, now);
  const activities = await remindUpcomingActivities(deps, now);
  const toldAnonymous = await tellAnonymousAuthors(deps, now);
  return { reminded: bookings + activities, toldAnonymous };
}
