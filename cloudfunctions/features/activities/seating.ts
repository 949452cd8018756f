/** An activity's seats as capabilities/seating/seating.ts places them: sign-ups are the requests, oldest first. */
import { PAGES } from '../../../types/pages';
import { ACTIVITY_LIMITS } from '../../../types/activities-labels';
import { notifyOnce, push, type Notice } from '../../capabilities/inbox/inbox';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { place, requestStanding, type Placed, type SeatsDoc, type SeatsTarget } from '../../capabilities/seating/seating';
import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { activities, activitySeats, signups, type SignupDoc } from './collections';

export const MINE_LINK = PAGES.activities.index;

const LIVE: SignupDoc['status'][] = ['requested', 'confirmed', 'waitlisted'];

export function activitySeatsOf(ctx: Ctx, activityId: string): SeatsTarget {
  return {
    requests: signups,
    seats: activitySeats,
    seatsId: activityId,
    waiting: { activityId, status: 'requested' },
    orderField: 'requestedAt',
    waitlistMax: ACTIVITY_LIMITS.waitlistMax,
    promoted: (signupId) => tellPromoted(ctx, signupId),
  };
}

/** The rider whose waitlisted sign-up has just taken a freed seat is told, once. */
async function tellPromoted(ctx: Ctx, signupId: string): Promise<void> {
  const { deps, now } = ctx;
  const s = await deps.store.get(signups, signupId);
  if (!s) return;
  const a = await deps.store.get(activities, s.activityId);
  const notice: Notice = { title: '候补转正', body: `有名额空出，你在「${a?.title ?? '活动'}」的候补已转为正式报名。`, link: MINE_LINK };
  if (await notifyOnce(deps, now, `promoted:${s.ticket}`, s.riderId, notice))
    await push(deps, await deps.store.get(users, s.riderId), notice, 'activityPromoted');
}

/** Places a requested sign-up (and every older one that waits); `seen`: the seats as read before. */
export function placeSignup(ctx: Ctx, s: Pick<SignupDoc, '_id' | 'activityId' | 'ticket'>, seen?: SeatsDoc): Promise<Placed> {
  return place(ctx.deps.store, activitySeatsOf(ctx, s.activityId), { id: s._id, ticket: s.ticket }, ctx.now, seen);
}

/** The sign-ups that hold a seat or wait for one, oldest first, with the seats that say which (stored statuses may lag). */
export async function liveSignups(store: DocReader, activityId: string): Promise<{ held: SeatsDoc | null; live: SignupDoc[] }> {
  const [held, live] = await Promise.all([
    store.get(activitySeats, activityId),
    findAll(store, signups, { where: { activityId, status: { $in: LIVE } }, orderBy: [['requestedAt', 'asc']] }),
  ]);
  return { held, live };
}

/** The sign-ups holding a seat. */
export async function seatedSignups(store: DocReader, activityId: string): Promise<SignupDoc[]> {
  const { held, live } = await liveSignups(store, activityId);
  return live.filter((s) => requestStanding(s, held).status === 'confirmed');
}
