/** Reminders before an activity: riders with a confirmed seat hear two hours ahead (inbox, and a subscribe message). */
import { notifyOnce, push, type Notice } from '../../capabilities/inbox/inbox';
import { users } from '../../core/identity';
import type { Deps } from '../../core/runtime';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { activities, signups, type ActivityDoc } from './collections';
import { MINE_LINK, seatedSignups } from './seating';
const AHEAD_MS = 2 * 60 * 60_000;

function reminder(a: ActivityDoc): Notice {
  const when = toShanghaiIso(a.start).slice(5, 16).replace('T', ' ');
  return { title: '活动即将开始', body: `「${a.title}」${when} 在 ${a.venue.name}（${a.venue.address}），到场后出示你的签到码即可签到。`, link: MINE_LINK };
}

/**
 * Reminds every sign-up holding a seat of activities starting within the next two hours, once: one conditional
 * update records `remindedAt` (only one sweep gets it), and the notice is keyed by the sign-up's ticket. Answers how
 * many.
 */
export async function remindUpcomingActivities(deps: Deps, now: Date): Promise<number> {
  const soon = await findAll(deps.store, activities, {
    where: { start: { $gt: now.toISOString(), $lte: new Date(now.getTime() + AHEAD_MS).toISOString() } },
  });
  let reminded = 0;
  for (const a of soon) {
    const notice = reminder(a);
    for (const s of (await seatedSignups(deps.store, a._id)).filter((x) => !x.remindedAt)) {
      const first = await deps.store.updateIf(
        signups,
        s._id,
        { ticket: s.ticket, status: { $ne: 'cancelled' }, remindedAt: { $exists: false } },
        {
          set: { remindedAt: now.toISOString() },
        },
      );
      if (!first || !(await notifyOnce(deps, now, `remind:${s.ticket}`, s.riderId, notice))) continue;
      reminded++;
      await push(deps, await deps.store.get(users, s.riderId), notice, 'activityReminder');
    }
  }
  return reminded;
}
