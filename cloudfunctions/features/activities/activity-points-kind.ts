import { z } from 'zod';
import { isCommitteeCadre } from '../../core/access';
import { forbidden, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import type { Tx } from '../../core/store/docstore.port';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import type { ReviewDoc } from '../../capabilities/review/collections';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { activities } from './collections';

const payload = z.object({ activityId: z.string(), title: z.string(), points: z.number().int().min(0), venue: z.string() });

async function decideOn(tx: Tx, ctx: Ctx, item: ReviewDoc, activityId: string, status: 'approved' | 'rejected'): Promise<void> {
  if (!isCommitteeCadre(ctx.user, await allOrgs(ctx.deps.store), item.orgId)) throw forbidden('只有驿站所属团委的团干部可以审核活动积分');
  const found = await tx.get(activities, activityId);
  if (!found) throw notFound('找不到这个活动');
  await tx.update(activities, found._id, { ...(status === 'approved' ? { pointsApproved: true } : {}), pointsReview: { id: item._id, status } });
}

/**
 * Station staff publish an activity offering more than the check-in credit: until a cadre of the station's committee
 * approves the points, attending it credits at most the check-in credit. Only those cadres decide (not admins: the
 * committee sets its own rules for points).
 */
export const activityPointsKind = defineReviewKind({
  kind: 'activity-points',
  dueHours: 48,
  payload,
  title: (p) => `活动积分：${p.title}（${p.points} 分，${p.venue}）`,
  limit: { perHour: 10, perDay: 20 },
  onApprove: (tx, ctx, item, p) => decideOn(tx, ctx, item, p.activityId, 'approved'),
  onReject: (tx, ctx, item, p) => decideOn(tx, ctx, item, p.activityId, 'rejected'),
  approvedNotice: (p) => `「${p.title}」的 ${p.points} 积分已获批准，之后签到的骑手按此获得积分。`,
});
