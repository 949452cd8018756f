import { z } from 'zod';
import { WISH_FOR } from '../../../types/voice-labels';
import { conflict, notFound } from '../../core/errors';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { wishes } from './collections';
import { shorten, WISH_DUE_HOURS } from './voice-rules';

const payload = z.object({ wishId: z.string(), forWhom: z.enum(WISH_FOR), text: z.string(), photo: z.string().optional() });

/**
 * A rider's 微心愿 in their home committee's queue (the item names the rider, for the committee's cadres only).
 * Approving publishes the wish on the wall, without the rider's name.
 */
export const wishKind = defineReviewKind({
  kind: 'wish',
  dueHours: WISH_DUE_HOURS,
  payload,
  title: (p) => `微心愿：${shorten(p.text)}`,
  async onApprove(tx, { now }, _item, p) {
    const wish = await tx.get(wishes, p.wishId);
    if (!wish) throw notFound('找不到这个心愿');
    if (wish.status !== 'pending') throw conflict('这个心愿已经发布了');
    await tx.update(wishes, wish._id, { status: 'published', publishedAt: now.toISOString() });
  },
  limit: { perHour: 3, perDay: 5 },
  approvedNotice: () => '你的微心愿已发布到心愿墙，墙上不会显示你的名字。',
});
