import { z } from 'zod';
import { users } from '../../core/identity';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { volunteers } from '../../capabilities/programmes/collections';

const payload = z.object({ name: z.string(), skills: z.string(), certificates: z.string() });

/**
 * Someone asks to volunteer; approval gives the role `volunteer` and marks their record approved. One open
 * application at a time. The name and the certificates (as a readable line) are sealed; the title shows the skills.
 */
export const volunteerKind = defineReviewKind({
  kind: 'volunteer',
  dueHours: 72,
  payload,
  onePerSubmitter: true,
  sealed: ['name', 'certificates'],
  title: (p) => `志愿者申请：${p.skills.length > 24 ? `${p.skills.slice(0, 24)}…` : p.skills}`,
  async onApprove(tx, { now }, item) {
    const user = await tx.get(users, item.submitterId);
    if (user && !user.roles.includes('volunteer')) await tx.update(users, user._id, { roles: [...user.roles, 'volunteer'] });
    const record = await tx.get(volunteers, item.submitterId);
    if (record && record.reviewId === item._id) await tx.update(volunteers, record._id, { status: 'approved', approvedAt: now.toISOString() });
  },
  approvedNotice: () => '你的志愿者申请已通过，现在可以报名骑士班的志愿服务了。',
});
