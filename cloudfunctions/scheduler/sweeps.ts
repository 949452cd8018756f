/**
 * What runs on a timer: the reminder sweeps of every domain that sends reminders, the fold of the figures, the
 * notices to anonymous authors of answered opinions, and then every subscribe message queued since the last tick.
 */
import { sendQueuedPushes } from '../account/send-pushes';
import { remindUpcomingActivities } from '../activities/reminders';
import { remindUpcomingBookings } from '../consult/reminders';
import type { Deps } from '../core/runtime';
import { foldFacts } from '../reports/fold';
import { tellAnonymousAuthors } from '../voice/anonymous-authors';

/** Every sweep, one after the other; answers how many riders were reminded, facts folded, anonymous authors told and messages pushed. */
export async function runSweeps(deps: Deps, now: Date): Promise<{ reminded: number; folded: number; toldAnonymous: number; pushed: number }> {
  const bookings = await remindUpcomingBookings(deps, now);
  const activities = await remindUpcomingActivities(deps, now);
  const folded = await foldFacts(deps.store, now);
  const toldAnonymous = await tellAnonymousAuthors(deps, now);
  const pushed = await sendQueuedPushes(deps, now);
  return { reminded: bookings + activities, folded, toldAnonymous, pushed };
}
