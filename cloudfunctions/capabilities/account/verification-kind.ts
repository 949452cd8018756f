import { z } from 'zod';
import { line } from '../../../types';
import { users } from '../../core/identity';
import { defineReviewKind } from '../review/review-kinds';

const payload = z.object({ realName: z.string(), platform: z.string(), employer: z.string() });

/**
 * A rider asks to be verified as a courier or rider; approval marks the user verified. One open request at a time.
 * The real name and employer are sealed: the title shows only the platform.
 */
export const verificationKind = defineReviewKind({
  kind: 'verification',
  dueHours: 24,
  payload,
  onePerSubmitter: true,
  title: (p) => `骑手认证：${p.platform}`,
  sealed: ['realName', 'employer'],
  amendable: z
    .object({
      realName: line(2, 20),
      platform: line(1, 30),
      employer: line(1, 60),
    })
    .partial(),
  async onApprove(tx, _ctx, item, p) {
    const user = await tx.get(users, item.submitterId);
    if (!user || user.verified) return;
    await tx.update(users, user._id, { verified: true, platform: p.platform });
  },
  approvedNotice: () => '你的骑手认证已通过。',
});
