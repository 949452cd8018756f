import { z } from 'zod';
import { PROGRAMME_LIMITS } from '../../../types/childcare-labels';
import { conflict } from '../../core/errors';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { isFull, newTicket } from '../../capabilities/seating/seating';
import { enrolments, seats } from './collections';
import { placeEnrolment } from './seating';

const payload = z.object({
  enrolmentId: z.string(),
  programmeId: z.string(),
  programmeTitle: z.string(),
  childName: z.string(),
  age: z.number().int(),
});

/**
 * An enrolment in a programme that requires review. Approval makes the pending enrolment a new request at that
 * moment, with a new ticket, and places it after the decision commits (childcare/seating.ts): a free seat confirms
 * it, otherwise it joins the end of the waitlist (it held no place while pending, so it does not jump ahead of
 * children who enrolled meanwhile). An approval while seats and waitlist are full is refused. A pending enrolment the
 * guardian cancelled stays cancelled. The child's name is sealed; the title names only the programme.
 */
export const enrolmentKind = defineReviewKind({
  kind: 'enrolment',
  dueHours: 48,
  payload,
  sealed: ['childName'],
  title: (p) => `骑士班报名：${p.programmeTitle}`,
  async onApprove(tx, { deps, now }, _item, p) {
    const enrolment = await tx.get(enrolments, p.enrolmentId);
    if (!enrolment || enrolment.status !== 'pending') return;
    const held = await tx.get(seats, p.programmeId);
    if (!held) return;
    if (isFull(held, PROGRAMME_LIMITS.waitlistMax)) throw conflict('这个班的候补名额已满，无法通过');
    await tx.update(enrolments, enrolment._id, { status: 'requested', ticket: newTicket(enrolment._id, deps.newId()), enrolledAt: now.toISOString() });
  },
  async afterApprove(ctx, _item, p) {
    const enrolment = await ctx.deps.store.get(enrolments, p.enrolmentId);
    // Left requested if this stops short: the guardian's next look at their enrolments places it.
    if (enrolment?.status === 'requested') await placeEnrolment(ctx, enrolment);
  },
  /** A rejected enrolment held no place: it ends as cancelled, so the guardian's list no longer shows it waiting. */
  async onReject(tx, _ctx, _item, p) {
    const enrolment = await tx.get(enrolments, p.enrolmentId);
    if (enrolment?.status === 'pending') await tx.update(enrolments, enrolment._id, { status: 'cancelled' });
  },
  approvedNotice: (p) => `「${p.programmeTitle}」的报名审核已通过，请在「我的报名」查看是否已确认或候补的位次。`,
});
