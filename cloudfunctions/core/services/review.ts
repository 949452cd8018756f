import type {
  Decision,
  ParsedInputOf,
  QueueStats,
  ReviewItem,
  ReviewItemWithHistory,
  ReviewStatus,
  ReviewStep,
} from '../../../types';
import { REVIEW_STATUSES } from '../../../types';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { reviewKind, reviewKinds, type ReviewKind } from '../review';
import type { Ctx } from '../runtime';
import type { OrgRecord, Repos, ReviewRecord, UserRecord } from '../store/store.port';
import { addHours, monthRange, shanghaiMonth, toShanghaiIso } from '../time';
import { notify, push, type Notice } from './inbox';
import { scopeOf } from './orgs';
import { submitReview } from './review-submit';

/** Statuses still waiting for someone: the queue's default and what can be overdue. */
export const OPEN_STATUSES: ReviewStatus[] = ['pending', 'needs-info'];
const FINAL_STATUSES: ReviewStatus[] = ['approved', 'rejected'];

const DECIDED: Record<Decision, { status: ReviewStatus; step: ReviewStep['action']; title: string }> = {
  approve: { status: 'approved', step: 'approved', title: '申请已通过' },
  reject: { status: 'rejected', step: 'rejected', title: '申请未通过' },
  'needs-info': { status: 'needs-info', step: 'needs-info', title: '申请需要补充材料' },
};

// ---------------------------------------------------------------------------------------------------------------
// Pure rules

/** Open and past its due time, seen at `now`. */
export function isOverdue(item: Pick<ReviewRecord, 'status' | 'dueAt'>, now: Date): boolean {
  return OPEN_STATUSES.includes(item.status) && Date.parse(item.dueAt) < now.getTime();
}

/** Median of the numbers, rounded to one decimal; null for none. */
export function medianHours(hours: readonly number[]): number | null {
  const sorted = hours.filter((h) => Number.isFinite(h)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(median * 10) / 10;
}

/**
 * Whether a decision may be taken on an item in `status`. Approve and reject are final. A cadre may still approve or
 * reject an item that waits for information (the submitter may have answered by phone, or never will); asking for
 * information again while the item already waits for it is a conflict.
 */
export function mayDecide(status: ReviewStatus, decision: Decision): boolean {
  if (FINAL_STATUSES.includes(status)) return false;
  return decision !== 'needs-info' || status === 'pending';
}

/** The submitter's amendments, as far as the kind allows them; invalid values are refused before anything is written. */
export function mergeResponse(
  kind: ReviewKind,
  payload: Record<string, unknown>,
  changes: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!changes || !kind.amendable) return payload;
  const parsed = kind.amendable.safeParse(changes);
  if (!parsed.success) throw invalid('补充的内容有误，请检查后再试');
  return { ...payload, ...parsed.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Views

function isAdmin(user: UserRecord): boolean {
  return user.roles.includes('admin');
}

/** The org ids a user may review: undefined for admin (all), the cadre's subtrees, or none. */
function reviewScope(user: UserRecord, orgs: OrgRecord[]): Set<string> | undefined {
  if (isAdmin(user)) return undefined;
  if (!user.roles.includes('cadre')) return new Set();
  return scopeOf(orgs, user.cadreOrgIds);
}

function inScope(scope: Set<string> | undefined, orgId: string): boolean {
  return scope === undefined || scope.has(orgId);
}

function toItem(r: ReviewRecord, orgs: Map<string, string>, names: Map<string, string>, now: Date): ReviewItem {
  const item: ReviewItem = {
    id: r.id,
    kind: r.kind,
    status: r.status,
    orgId: r.orgId,
    title: r.title,
    submitterId: r.submitterId,
    submitterName: names.get(r.submitterId) ?? r.history.find((s) => s.action === 'submitted')?.byName ?? '',
    submittedAt: toShanghaiIso(r.submittedAt),
    dueAt: toShanghaiIso(r.dueAt),
    overdue: isOverdue(r, now),
    payload: r.payload,
  };
  const orgName = orgs.get(r.orgId);
  if (orgName) item.orgName = orgName;
  if (r.decidedAt) item.decidedAt = toShanghaiIso(r.decidedAt);
  return item;
}

function withHistory(r: ReviewRecord, orgs: Map<string, string>, names: Map<string, string>, now: Date): ReviewItemWithHistory {
  return {
    ...toItem(r, orgs, names, now),
    history: r.history.map((s) => ({ ...s, at: toShanghaiIso(s.at) })),
  };
}

function orgNames(orgs: OrgRecord[]): Map<string, string> {
  return new Map(orgs.map((o) => [o.id, o.name]));
}

async function submitterNames(repos: Repos, items: ReviewRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.map((i) => i.submitterId))];
  return new Map((await repos.users.getMany(ids)).map((u) => [u.id, u.displayName]));
}

async function view(repos: Repos, orgs: OrgRecord[], r: ReviewRecord, now: Date): Promise<ReviewItemWithHistory> {
  return withHistory(r, orgNames(orgs), await submitterNames(repos, [r]), now);
}

async function listPage(
  ctx: Ctx,
  orgs: OrgRecord[],
  page: { items: ReviewRecord[]; cursor?: string },
): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const names = await submitterNames(ctx.deps.store, page.items);
  const byOrg = orgNames(orgs);
  return {
    items: page.items.map((r) => toItem(r, byOrg, names, ctx.now)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

function link(id: string): string {
  return `/packages/review/pages/detail/index?id=${encodeURIComponent(id)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

/** A cadre's queue: open items (or the given status) in their committee subtree; overdue first, then oldest. */
export async function queue(ctx: Ctx, input: ParsedInputOf<'review', 'queue'>): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const { user, deps, now } = ctx;
  const orgs = await deps.store.orgs.all();
  const scope = reviewScope(user, orgs);
  if (scope && scope.size === 0) return { items: [] };
  const page = await deps.store.reviews.list({
    orgIds: scope ? [...scope] : undefined,
    ...(input.status ? { status: input.status } : { statuses: OPEN_STATUSES }),
    kind: input.kind,
    now: now.toISOString(),
    cursor: input.cursor,
    limit: input.limit,
  });
  return listPage(ctx, orgs, page);
}

/** One item with its history: for a cadre in scope, an admin, or the submitter. */
export async function get({ user, deps, now }: Ctx, input: ParsedInputOf<'review', 'get'>): Promise<{ item: ReviewItemWithHistory }> {
  const [record, orgs] = await Promise.all([deps.store.reviews.get(input.id), deps.store.orgs.all()]);
  if (!record) throw notFound('找不到这条申请');
  const reviewer = inScope(reviewScope(user, orgs), record.orgId);
  if (record.submitterId !== user.id && !reviewer) throw forbidden('你无权查看这条申请');
  const item = await view(deps.store, orgs, record, now);
  // Possible duplicates (hazard reports nearby), for reviewers only: they name other riders' reports.
  const kind = reviewKind(record.kind);
  const related = reviewer && kind.related ? await kind.related(deps.store, record) : [];
  if (related.length) item.related = related;
  return { item };
}

/**
 * Approve, reject or ask for more information, in one transaction: the status moves by compare-and-set (a second or
 * concurrent decision answers CONFLICT), the kind's approval effect runs, the history and the audit log grow, and
 * the submitter's inbox gets a message. The subscribe message is pushed after commit.
 */
export async function decide({ user, deps, now }: Ctx, input: ParsedInputOf<'review', 'decide'>): Promise<{ item: ReviewItemWithHistory }> {
  const orgs = await deps.store.orgs.all();
  const scope = reviewScope(user, orgs);
  const outcome = DECIDED[input.decision];
  const at = now.toISOString();

  const { updated, notice } = await deps.store.transaction(async (tx) => {
    const item = await tx.reviews.get(input.id);
    if (!item) throw notFound('找不到这条申请');
    if (!inScope(scope, item.orgId)) throw forbidden('这条申请不在你的管辖范围内');
    if (item.submitterId === user.id) throw forbidden('不能审核自己提交的申请');
    if (!mayDecide(item.status, input.decision)) {
      throw conflict(FINAL_STATUSES.includes(item.status) ? '这条申请已经处理过了' : '已在等待申请人补充材料');
    }
    const kind = reviewKind(item.kind);
    const final = input.decision !== 'needs-info';
    const next: ReviewRecord = {
      ...item,
      status: outcome.status,
      ...(final ? { decidedAt: at, decidedBy: user.id } : {}),
      history: [
        ...item.history,
        { at, byId: user.id, byName: user.displayName, action: outcome.step, ...(input.note ? { note: input.note } : {}) },
      ],
    };
    if (!(await tx.reviews.update(next, item.status))) throw conflict('这条申请已经处理过了');
    if (input.decision === 'approve') await kind.onApprove(tx, deps, next);
    await tx.audit.append({
      id: deps.newId(),
      at,
      actorId: user.id,
      action: `review.${input.decision}`,
      targetId: item.id,
      ...(input.note ? { note: input.note } : {}),
    });
    const body =
      input.decision === 'approve'
        ? (kind.approvedNotice?.(next) ?? `「${item.title}」已通过审核。`)
        : input.decision === 'reject'
          ? `「${item.title}」未通过审核。`
          : `「${item.title}」需要补充材料，请在“我的申请”中补充。`;
    const notice: Notice = {
      title: outcome.title,
      body: input.note ? `${body}说明：${input.note}` : body,
      link: link(item.id),
    };
    await notify(tx, deps, item.submitterId, notice);
    return { updated: next, notice };
  });

  const submitter = await deps.store.users.get(updated.submitterId);
  await push(deps, submitter, notice);
  return { item: await view(deps.store, orgs, updated, now) };
}

/** The submitter answers a request for information: the item is pending again, due afresh from now. */
export async function respond({ user, deps, now }: Ctx, input: ParsedInputOf<'review', 'respond'>): Promise<{ item: ReviewItemWithHistory }> {
  const orgs = await deps.store.orgs.all();
  const at = now.toISOString();
  const updated = await deps.store.transaction(async (tx) => {
    const item = await tx.reviews.get(input.id);
    if (!item) throw notFound('找不到这条申请');
    if (item.submitterId !== user.id) throw forbidden('只有申请人可以补充材料');
    if (item.status !== 'needs-info') throw conflict('这条申请现在不需要补充材料');
    const kind = reviewKind(item.kind);
    const payload = mergeResponse(kind, item.payload, input.payload);
    const next: ReviewRecord = {
      ...item,
      status: 'pending',
      payload,
      title: kind.title(payload),
      dueAt: addHours(now, kind.dueHours).toISOString(),
      history: [...item.history, { at, byId: user.id, byName: user.displayName, action: 'info-added', note: input.note }],
    };
    if (!(await tx.reviews.update(next, 'needs-info'))) throw conflict('这条申请现在不需要补充材料');
    return next;
  });
  return { item: await view(deps.store, orgs, updated, now) };
}

/** The caller's own requests, every status. */
export async function mine(ctx: Ctx, input: ParsedInputOf<'review', 'mine'>): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const { user, deps, now } = ctx;
  const [orgs, page] = await Promise.all([
    deps.store.orgs.all(),
    deps.store.reviews.list({
      submitterId: user.id,
      status: input.status,
      now: now.toISOString(),
      cursor: input.cursor,
      limit: input.limit,
    }),
  ]);
  return listPage(ctx, orgs, page);
}

/** The cadre home: counts in scope, overdue, and the median hours to a decision this month (Asia/Shanghai). */
export async function stats({ user, deps, now }: Ctx): Promise<{ stats: QueueStats }> {
  const orgs = await deps.store.orgs.all();
  const scope = reviewScope(user, orgs);
  const { from } = monthRange(shanghaiMonth(now));
  const raw = await deps.store.reviews.stats(scope ? [...scope] : undefined, now.toISOString(), from);
  const byStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, raw.byStatus[s] ?? 0])) as Record<ReviewStatus, number>;
  const byKind: Record<string, number> = Object.fromEntries(reviewKinds().map((k) => [k.kind, 0]));
  for (const [kind, n] of Object.entries(raw.byKind)) byKind[kind] = n;
  return {
    stats: {
      byStatus,
      byKind,
      overdue: raw.overdue,
      medianDecisionHours: medianHours(raw.decisionHours),
      decidedThisMonth: raw.decisionHours.length,
    },
  };
}

/** A rider asks to be verified as a courier; the item goes to their home committee (or the one they name). */
export async function applyVerification(
  { user, deps }: Ctx,
  input: ParsedInputOf<'review', 'applyVerification'>,
): Promise<{ reviewId: string }> {
  const orgId = input.orgId ?? user.orgId;
  if (!orgId) throw invalid('请先选择所属团委');
  if (!(await deps.store.orgs.get(orgId))) throw notFound('团委不存在');
  return deps.store.transaction(async (tx) => {
    const current = await tx.users.get(user.id);
    if ((current ?? user).verified) throw conflict('你已经通过骑手认证');
    const open = await tx.reviews.list({
      submitterId: user.id,
      statuses: OPEN_STATUSES,
      kind: 'verification',
      now: deps.now().toISOString(),
      limit: 1,
    });
    if (open.items.length > 0) throw conflict('你已有一份认证申请正在审核中');
    const reviewId = await submitReview(tx, deps, user, {
      kind: 'verification',
      orgId,
      payload: { realName: input.realName, platform: input.platform, employer: input.employer },
      note: input.note,
    });
    return { reviewId };
  });
}
