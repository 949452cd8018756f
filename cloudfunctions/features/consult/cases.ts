/** Cases: a counsellor escalates a consultation to the committee, cadres follow it up and close it, the rider rates it. */
import { OUTCOME_NAMES, RATING_NAMES, type ConsultCase, type OutputOf, type ParsedInputOf } from '../../../types';
import { notify, type Notice } from '../../capabilities/inbox/inbox';
import { scopeOf } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { Where } from '../../core/store/docstore.port';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { countCaseClosed, countCaseOpened, countConsultation } from '../../capabilities/figures/facts';
import { fileReview } from '../../capabilities/review/submit';
import { caseKind, casePageUrl } from './case-kind';
import { bookings, caseCounters, cases, type CaseDoc, type CaseStepDoc } from './collections';
import { caseNumber, isCaseCadre, shanghaiDayOf } from './consult-rules';
import { dropUpcoming, ownBooking } from './bookings';
import { caseSummary, caseView, logAccess, pushTo, seal, type Viewer } from './views';

/**
 * The counsellor escalates a consultation into a case (精准递援) for a committee, before or after it took place (the
 * problem may need the committee rather than a talk): in one transaction the case gets the day's next number, a review
 * item of kind `case` goes into the committee's queue, and the booking is linked to the case. A consultation that has
 * started counts as held; one still ahead stays booked, so it takes place and is completed as usual. The summary is
 * written for the committee and stays on the case: it never becomes the rider's 咨询小结.
 */
export async function escalate(ctx: Ctx, input: ParsedInputOf<'consult', 'escalate'>): Promise<OutputOf<'consult', 'escalate'>> {
  const { user, deps, now } = ctx;
  const summaryEnc = seal(ctx, input.summary);
  const at = now.toISOString();
  const day = shanghaiDayOf(at);
  const out = await deps.store.transaction(async (tx) => {
    const b = await ownBooking(tx, ctx, input.bookingId);
    if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
    if (b.status === 'cancelled') throw conflict('这个预约已经取消了');
    if (b.caseId) throw conflict('这次咨询已经转为个案了');
    if (!b.riderId) throw conflict('骑手已删除这次咨询的记录');
    const n = ((await tx.get(caseCounters, day))?.n ?? 0) + 1;
    await tx.set(caseCounters, { _id: day, n });
    const number = caseNumber(day, n);
    const caseId = deps.newId();
    const reviewId = await fileReview(tx, ctx, user, caseKind, { orgId: input.orgId, payload: { caseId, number, category: b.category } });
    await tx.insert(cases, {
      _id: caseId,
      number,
      bookingId: b._id,
      riderId: b.riderId,
      counsellorId: b.counsellorId,
      counsellorName: b.counsellorName,
      orgId: input.orgId,
      category: b.category,
      status: 'open',
      reviewId,
      anonymous: b.anonymous,
      summaryEnc,
      steps: [{ id: deps.newId(), at, kind: 'escalated', byId: user._id, byName: b.counsellorName, visible: true }],
      openedAt: at,
    });
    await countCaseOpened(tx, caseId, input.orgId, now);
    const held = b.status === 'booked' && Date.parse(b.start) <= now.getTime();
    if (held) {
      await countConsultation(tx, b, now);
      await dropUpcoming(tx, b.riderId, b._id, now);
    }
    await tx.set(bookings, { ...b, caseId, ...(held ? { status: 'completed' as const, completedAt: at } : {}) });
    const notice: Notice = { title: '你的咨询已转为个案', body: `个案编号 ${number}，团委将跟进办理，进展会在这里告诉你。`, link: casePageUrl(caseId) };
    await notify(tx, ctx, b.riderId, notice);
    return { caseId, reviewId, number, riderId: b.riderId, notice };
  });
  await pushTo(ctx, out.riderId, out.notice, 'caseUpdate');
  return { caseId: out.caseId, reviewId: out.reviewId, number: out.number };
}

/** How the caller relates to a case; FORBIDDEN for anyone else (other counsellors, other cadres, admins). */
function viewerOf(user: UserDoc, orgs: Awaited<ReturnType<typeof allOrgs>>, c: CaseDoc): Viewer {
  if (c.riderId && c.riderId === user._id) return 'rider';
  if (c.counsellorId === user._id) return 'counsellor';
  if (isCaseCadre(user, orgs, c.orgId)) return 'cadre';
  throw forbidden('你无权查看这个个案');
}

/** Answers a case as `viewer` sees it; a read by anyone but the rider is logged for the rider first. */
async function answerCase(ctx: Ctx, c: CaseDoc, viewer: Viewer): Promise<{ case: ConsultCase }> {
  if (viewer !== 'rider') {
    const who = viewer === 'counsellor' ? `咨询师${c.counsellorName}` : `团干部${ctx.user.displayName}`;
    await logAccess(ctx, [{ riderId: c.riderId, who, what: `查看了个案 ${c.number} 的咨询内容和办理记录` }]);
  }
  return { case: await caseView(ctx, c, viewer) };
}

export async function getCase(ctx: Ctx, input: ParsedInputOf<'consult', 'case'>): Promise<OutputOf<'consult', 'case'>> {
  const [c, orgs] = await Promise.all([ctx.deps.store.get(cases, input.id), allOrgs(ctx.deps.store)]);
  if (!c) throw notFound('找不到这个个案');
  return answerCase(ctx, c, viewerOf(ctx.user, orgs, c));
}

/** The rider's own cases, or a cadre's committee cases; numbers and statuses only (no confidential fields). */
export async function listCases(ctx: Ctx, input: ParsedInputOf<'consult', 'cases'>): Promise<OutputOf<'consult', 'cases'>> {
  const { user, deps } = ctx;
  const orgs = await allOrgs(deps.store);
  if (input.scope === 'committee' && !user.roles.includes('cadre')) throw forbidden('只有团干部可以查看团委的个案');
  const where: Where = input.scope === 'mine' ? { riderId: user._id } : { orgId: { $in: [...scopeOf(orgs, user.cadreOrgIds)] } };
  const page = await deps.store.find(cases, {
    where,
    orderBy: [['openedAt', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const names = new Map(orgs.map((o) => [o._id, o.name]));
  return { cases: page.items.map((c) => caseSummary(c, names)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Runs a cadre's change to a taken case in one transaction; tells the rider (inbox now, subscribe message after). */
async function cadreChange(ctx: Ctx, caseId: string, change: (c: CaseDoc) => { next: Partial<CaseDoc>; notice?: Notice }): Promise<{ case: ConsultCase }> {
  const orgs = await allOrgs(ctx.deps.store);
  const { doc, notice } = await ctx.deps.store.transaction(async (tx) => {
    const c = await tx.get(cases, caseId);
    if (!c) throw notFound('找不到这个个案');
    if (!isCaseCadre(ctx.user, orgs, c.orgId)) throw forbidden('只有该团委的团干部可以办理这个个案');
    if (c.status === 'open') throw conflict('请先在审核队列中接办这个个案');
    if (c.status === 'closed') throw conflict('这个个案已经办结了');
    const { next, notice } = change(c);
    await tx.update(cases, c._id, next);
    if (next.status === 'closed') await countCaseClosed(tx, c._id, c.orgId, ctx.now);
    if (notice && c.riderId) await notify(tx, ctx, c.riderId, notice);
    return { doc: { ...c, ...next }, notice };
  });
  if (notice) await pushTo(ctx, doc.riderId, notice, 'caseUpdate');
  return answerCase(ctx, doc, 'cadre');
}

function step(ctx: Ctx, kind: CaseStepDoc['kind'], visible: boolean, note?: string): CaseStepDoc {
  return {
    id: ctx.deps.newId(),
    at: ctx.now.toISOString(),
    kind,
    byId: ctx.user._id,
    byName: ctx.user.displayName,
    visible,
    ...(note ? { noteEnc: seal(ctx, note) } : {}),
  };
}

/** A cadre adds a step: visible to the rider (who is told) or internal. */
export async function addStep(ctx: Ctx, input: ParsedInputOf<'consult', 'addStep'>): Promise<OutputOf<'consult', 'addStep'>> {
  return cadreChange(ctx, input.caseId, (c) => ({
    next: { steps: [...c.steps, step(ctx, 'note', input.visible, input.note)] },
    ...(input.visible ? { notice: { title: '你的个案有新进展', body: `个案 ${c.number} 有新的办理进展，点开查看。`, link: casePageUrl(c._id) } } : {}),
  }));
}

/** A cadre closes a taken case with an outcome; the rider is told and asked to rate the help. */
export async function closeCase(ctx: Ctx, input: ParsedInputOf<'consult', 'closeCase'>): Promise<OutputOf<'consult', 'closeCase'>> {
  return cadreChange(ctx, input.caseId, (c) => ({
    next: {
      status: 'closed',
      outcome: input.outcome,
      closedAt: ctx.now.toISOString(),
      steps: [...c.steps, step(ctx, 'closed', true, `${OUTCOME_NAMES[input.outcome]}：${input.note}`)],
    },
    notice: { title: '你的个案已办结', body: `个案 ${c.number} 已办结（${OUTCOME_NAMES[input.outcome]}），欢迎评价这次帮助。`, link: casePageUrl(c._id) },
  }));
}

/** The rider rates a closed case once. */
export async function rate(ctx: Ctx, input: ParsedInputOf<'consult', 'rate'>): Promise<OutputOf<'consult', 'rate'>> {
  const { user, deps, now } = ctx;
  const rated = await deps.store.transaction(async (tx) => {
    const c = await tx.get(cases, input.caseId);
    if (!c) throw notFound('找不到这个个案');
    if (!c.riderId || c.riderId !== user._id) throw forbidden('只有求助的骑手可以评价');
    if (c.status !== 'closed') throw conflict('个案办结后才能评价');
    if (c.rating) throw conflict('已经评价过了');
    const comment = input.comment?.trim();
    const rating = { score: input.score, at: now.toISOString(), ...(comment ? { commentEnc: seal(ctx, comment) } : {}) };
    const steps = [...c.steps, step(ctx, 'rated', true, comment ? `${RATING_NAMES[input.score]}：${comment}` : RATING_NAMES[input.score])];
    await tx.update(cases, c._id, { rating, steps });
    return { ...c, rating, steps };
  });
  return { case: await caseView(ctx, rated, 'rider') };
}
