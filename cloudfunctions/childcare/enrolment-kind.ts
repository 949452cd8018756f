import { z } from 'zod';
import { PROGRAMME_LIMITS } from '../../types/childcare-labels';
import { conflict } from '../core/errors';
import { defineReviewKind } from '../review/review-kinds';
import { place } from './childcare-rules';
import { enrolments, seats } from './collections';

const payload = z.object({
  enrolmentId: z.string(),
  programmeId: z.string(),
  programmeTitle: z.string(),
  childName: z.string(),
  age: z.number().int(),
});

/**
 * An enrolment in a programme that requires review. Approval places the pending enrolment as a new one would be
 * placed at that moment: a free seat confirms it, otherwise it joins the end of the waitlist (it held no place while
 * pending, so it does not jump ahead of children who enrolled meanwhile). A pending enrolment the guardian cancelled
 * stays cancelled. The child's name is sealed; the title names only the programme.
 */
export const enrolmentKind = defineReviewKind({
  kind: 'enrolment',
  dueHours: 48,
  payload,
  sealed: ['childName'],
  title: (p) => `骑士班报名：${p.programmeTitle}`,
  async onApprove(tx, { now }, _item, p) {
    const enrolment = await tx.get(enrolments, p.enrolmentId);
    if (!enrolment || enrolment.status !== 'pending') return;
    const held = await tx.get(seats, p.programmeId);
    if (!held) return;
    const placed = place(held, enrolment._id, PROGRAMME_LIMITS.waitlistMax);
    if (placed.status === 'full') throw conflict('这个班的候补名额已满，无法通过');
    await tx.set(seats, { _id: held._id, ...placed.seats, waitlist: [...placed.seats.waitlist] });
    await tx.update(enrolments, enrolment._id, {
      status: placed.status,
      ...(placed.status === 'confirmed' ? { confirmedAt: now.toISOString() } : {}),
    });
  },
  /** A rejected enrolment held no place: it ends as cancelled, so the guardian's list no longer shows it waiting. */
  async onReject(tx, _ctx, _item, p) {
    const enrolment = await tx.get(enrolments, p.enrolmentId);
    if (enrolment?.status === 'pending') await tx.update(enrolments, enrolment._id, { status: 'cancelled' });
  },
  approvedNotice: (p) => `「${p.programmeTitle}」的报名审核已通过，请在「我的报名」查看是否已确认或候补的位次。`,
});
