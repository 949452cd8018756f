/**
 * What runs on a timer: the reminder sweeps of every domain that sends reminders, the fold of the figures, and the
 * notices to anonymous authors of answered opinions.
 */
import { remindUpcomingActivities } from '../../features/activities/reminders';
import { remindUpcomingBookings } from '../../features/consult/reminders';
import type { Deps } from '../../core/runtime';
import { foldFacts } from '../../capabilities/figures/fold';
import { tellAnonymousAuthors } from '../../features/voice/anonymous-authors';

/** Every sweep, one after the other; answers how many riders were reminded, facts folded and anonymous authors told. */
export async function runSweeps(deps: Deps, now: Date): Promise<{ reminded: number; folded: number; toldAnonymous: number }> {
  const bookings = await remindUpcomingBookings(deps, now);
  const activities = await remindUpcomingActivities(deps, now);
  const folded = await foldFacts(deps.store, now);
  const toldAnonymous = await tellAnonymousAuthors(deps, now);
  return { reminded: bookings + activities, folded, toldAnonymous };
}
