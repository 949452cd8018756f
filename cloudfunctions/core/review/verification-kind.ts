import { z } from 'zod';
import { registerReviewKind } from './review-kinds';

/** A rider asks to be verified as a courier or rider; approval marks the user verified. */
registerReviewKind({
  kind: 'verification',
  label: '骑手认证',
  dueHours: 24,
  title: (p) => `骑手认证：${String(p.platform ?? '')} · ${String(p.employer ?? '')}`,
  amendable: z.object({
    realName: z.string().trim().min(2).max(20),
    platform: z.string().trim().min(1).max(30),
    employer: z.string().trim().min(1).max(60),
  }).partial(),
  async onApprove(tx, _deps, item) {
    const user = await tx.users.get(item.submitterId);
    if (user && !user.verified) {
      await tx.users.update({ ...user, verified: true, platform: String(item.payload.platform ?? user.platform ?? '') });
    }
  },
  approvedNotice: () => '你的骑手认证已通过。',
});
