import { PAGES, pageLink } from '../../../types/pages';
import { z } from 'zod';
import { CATEGORY_NAMES, CONSULT_CATEGORIES } from '../../../types';
import { notify } from '../../capabilities/inbox/inbox';
import { sealField } from '../../core/crypto';
import { conflict, forbidden, notFound } from '../../core/errors';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { countCaseClosed } from '../../capabilities/figures/facts';
import { defineReviewKind, latestNote } from '../../capabilities/review/review-kinds';
import { cases } from './collections';
import { CASE_DUE_HOURS, isCaseCadre } from './consult-rules';

/** Only the case's reference travels in the review item: its notes stay sealed on the case, for its cadres. */
const payload = z.object({ caseId: z.string(), number: z.string(), category: z.enum(CONSULT_CATEGORIES) });

export const casePageUrl = (caseId: string) => pageLink(PAGES.consult.case, { id: caseId });

/**
 * A consultation escalated into a case (精准递援), in the chosen committee's queue. Approving the item is the cadre
 * taking the case: the case becomes theirs to follow, and the rider is told. Only a cadre of the committee may take
 * it (an admin deciding would hold a case whose notes they may not read).
 */
export const caseKind = defineReviewKind({
  kind: 'case',
  dueHours: CASE_DUE_HOURS,
  payload,
  title: (p) => `精准递援 ${p.number}（${CATEGORY_NAMES[p.category]}）`,
  async onApprove(tx, ctx, item, p) {
    if (!isCaseCadre(ctx.user, await allOrgs(ctx.deps.store), item.orgId)) throw forbidden('只有该团委的团干部可以接办个案');
    const found = await tx.get(cases, p.caseId);
    if (!found) throw notFound('找不到这个个案');
    if (found.status !== 'open') throw conflict('这个个案已经有人接办了');
    const at = ctx.now.toISOString();
    await tx.update(cases, found._id, {
      status: 'taken',
      cadreId: ctx.user._id,
      steps: [...found.steps, { id: ctx.deps.newId(), at, kind: 'taken', byId: ctx.user._id, byName: ctx.user.displayName, visible: true }],
    });
    if (found.riderId) {
      await notify(tx, ctx, found.riderId, {
        title: '你的个案已由团委接办',
        body: `个案 ${found.number} 已由团委接办，办理进展会在这里告诉你。`,
        link: casePageUrl(found._id),
      });
    }
  },
  /**
   * A committee that will not take the case closes it, so the rider is not left waiting on it. Closing is for the
   * committee's cadres alone: an admin may not close a case through the queue.
   */
  async onReject(tx, ctx, item, p) {
    if (!isCaseCadre(ctx.user, await allOrgs(ctx.deps.store), item.orgId)) throw forbidden('只有该团委的团干部可以处理个案');
    const found = await tx.get(cases, p.caseId);
    if (!found || found.status !== 'open') return;
    const note = latestNote(ctx, item);
    await countCaseClosed(tx, found._id, found.orgId, ctx.now);
    await tx.update(cases, found._id, {
      status: 'closed',
      closedAt: ctx.now.toISOString(),
      steps: [
        ...found.steps,
        {
          id: ctx.deps.newId(),
          at: ctx.now.toISOString(),
          kind: 'closed',
          byId: ctx.user._id,
          byName: ctx.user.displayName,
          visible: true,
          ...(note ? { noteEnc: sealField(`团委未接办：${note}`, ctx.deps.secrets.fieldKey) } : {}),
        },
      ],
    });
  },
  approvedNotice: (p) => `个案 ${p.number} 已由团委接办。`,
});
