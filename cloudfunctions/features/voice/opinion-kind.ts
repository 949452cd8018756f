import { PAGES } from '../../../types/pages';
import { z } from 'zod';
import { OPINION_AREA_NAMES, OPINION_AREAS } from '../../../types/voice-labels';
import { conflict, invalid, notFound } from '../../core/errors';
import { shanghaiDay } from '../../core/time';
import type { Ctx } from '../../core/runtime';
import type { Tx } from '../../core/store/docstore.port';
import { defineReviewKind, latestNote } from '../../capabilities/review/review-kinds';
import { opinionDays, opinions } from './collections';
import { countAnswered, emptyDay, hoursBetween, OPINION_DUE_HOURS, opinionDayId } from './voice-rules';

const payload = z.object({ opinionId: z.string(), area: z.enum(OPINION_AREAS), text: z.string(), anonymous: z.boolean() });

export const OPINIONS_PAGE = PAGES.voice.opinions;

/**
 * A rider's 团团递语 in their committee's queue, due within the SLA. The text is sealed (a rider may write about
 * themselves); an anonymous one is filed under a stand-in submitter, so neither the queue nor the stored item names
 * the rider. Approving is answering: the decision's note is the answer, stored on the opinion with the day's figures.
 */
/**
 * Stores the answer with the day's figures. A named author hears from the queue; an anonymous one is told later, by
 * the hourly sweep (anonymous-authors.ts), so nothing written here points at them.
 */
async function answerWith(tx: Tx, ctx: Ctx, opinionId: string, answer: string): Promise<void> {
  const opinion = await tx.get(opinions, opinionId);
  if (!opinion) throw notFound('找不到这条递语');
  if (opinion.status !== 'open') throw conflict('这条递语已经答复过了');
  const at = ctx.now.toISOString();
  await tx.update(opinions, opinion._id, { status: 'answered', answer, answeredAt: at, ...(opinion.anonymous ? { tellAuthor: true } : {}) });
  const dayId = opinionDayId(opinion.orgId, shanghaiDay(ctx.now));
  const day = (await tx.get(opinionDays, dayId)) ?? { _id: dayId, orgId: opinion.orgId, day: shanghaiDay(ctx.now), ...emptyDay() };
  await tx.set(opinionDays, { ...day, ...countAnswered(day, hoursBetween(opinion.at, at)) });
}

export const opinionKind = defineReviewKind({
  kind: 'opinion',
  dueHours: OPINION_DUE_HOURS,
  payload,
  sealed: ['text'],
  limit: { perHour: 5, perDay: 10 },
  title: (p) => `团团递语·${OPINION_AREA_NAMES[p.area]}${p.anonymous ? '（匿名）' : ''}`,
  async onApprove(tx, ctx, item, p) {
    const answer = latestNote(ctx, item)?.trim();
    if (!answer) throw invalid('答复团团递语时，请在说明里写下答复内容');
    await answerWith(tx, ctx, p.opinionId, answer);
  },
  /** Not taken up is an answer too: the rider reads why, and the figures count it as answered. */
  async onReject(tx, ctx, item, p) {
    const reason = latestNote(ctx, item)?.trim();
    await answerWith(tx, ctx, p.opinionId, reason ? `未受理：${reason}` : '未受理，请通过其他渠道反映。');
  },
  approvedNotice: (p) => `你关于「${OPINION_AREA_NAMES[p.area]}」的团团递语已有答复。`,
});
