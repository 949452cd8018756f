/** The programme's seats as capabilities/seating/seating.ts places them: enrolments are the requests, oldest enrolled first. */
import { PAGES } from '../../../types/pages';
import { PROGRAMME_LIMITS } from '../../../types/childcare-labels';
import { notifyOnce, push, type Notice } from '../../capabilities/inbox/inbox';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { place, type Placed, type SeatsDoc, type SeatsTarget } from '../../capabilities/seating/seating';
import { enrolments, seats, type EnrolmentDoc } from './collections';
import { programmes } from '../../capabilities/programmes/collections';

export const MINE_LINK = PAGES.childcare.mine;

export function programmeSeats(ctx: Ctx, programmeId: string): SeatsTarget {
  return {
    requests: enrolments,
    seats,
    seatsId: programmeId,
    waiting: { programmeId, status: 'requested' },
    orderField: 'enrolledAt',
    waitlistMax: PROGRAMME_LIMITS.waitlistMax,
    promoted: (enrolmentId) => tellPromoted(ctx, enrolmentId),
  };
}

/** The guardian of an enrolment that has just taken a freed seat is told, once. */
async function tellPromoted(ctx: Ctx, enrolmentId: string): Promise<void> {
  const { deps, now } = ctx;
  const e = await deps.store.get(enrolments, enrolmentId);
  if (!e) return;
  const p = await deps.store.get(programmes, e.programmeId);
  const notice: Notice = {
    title: '候补转正',
    body: `有名额空出，你的孩子在「${p?.title ?? '骑士班'}」的候补已转为正式报名。`,
    link: MINE_LINK,
  };
  if (await notifyOnce(deps, now, `promoted:${e.ticket}`, e.guardianId, notice))
    await push(deps, await deps.store.get(users, e.guardianId), notice, 'enrolmentPromoted');
}

/** Places a requested enrolment (and every one enrolled before it that waits); `seen`: the seats as read before. */
export function placeEnrolment(ctx: Ctx, e: Pick<EnrolmentDoc, '_id' | 'programmeId' | 'ticket'>, seen?: SeatsDoc): Promise<Placed> {
  return place(ctx.deps.store, programmeSeats(ctx, e.programmeId), { id: e._id, ticket: e.ticket }, ctx.now, seen);
}
