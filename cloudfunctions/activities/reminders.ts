/** Reminders before an activity: riders with a confirmed seat hear two hours ahead (inbox, and a subscribe message). */
import { notify, push, type Notice } from '../account/inbox';
import { users } from '../core/identity';
import type { Deps } from '../core/runtime';
import { findAll } from '../core/store/find-all';
import { toShanghaiIso } from '../core/time';
import { activities, signups, type ActivityDoc } from './collections';

const MINE_LINK = '/packages/activities/pages/index/index';
const AHEAD_MS = 2 * 60 * 60_000;

function reminder(a: ActivityDoc): Notice {
  const when = toShanghaiIso(a.start).slice(5, 16).replace('T', ' ');
  return { title: '活动即将开始', body: `「${a.title}」${when} 在 ${a.venue.name}（${a.venue.address}），到场后出示你的签到码即可签到。`, link: MINE_LINK };
}

/**
 * Reminds every confirmed sign-up of activities starting within the next two hours, once: the sign-up records
 * `remindedAt` in the transaction that writes the notice, so concurrent sweeps remind once. Answers how many.
 */
export async function remindUpcomingActivities(deps: Deps, now: Date): Promise<number> {
  const soon = await findAll(deps.store, activities, {
    where: { start: { $gt: now.toISOString(), $lte: new Date(now.getTime() + AHEAD_MS).toISOString() } },
  });
  let reminded = 0;
  for (const a of soon) {
    const notice = reminder(a);
    const confirmed = await findAll(deps.store, signups, { where: { activityId: a._id, status: 'confirmed' } });
    for (const found of confirmed.filter((s) => !s.remindedAt)) {
      const riderId = await deps.store.transaction(async (tx) => {
        const s = await tx.get(signups, found._id);
        if (!s || s.status !== 'confirmed' || s.remindedAt) return null;
        await tx.update(signups, s._id, { remindedAt: now.toISOString() });
        await notify(tx, { deps, now }, s.riderId, notice);
        return s.riderId;
      });
      if (!riderId) continue;
      reminded++;
      await push(deps, await deps.store.get(users, riderId), notice, 'activityReminder');
    }
  }
  return reminded;
}
