import { PAGES, pageLink } from '../../../types/pages';
import type { Decision, ParsedInputOf, QueueStats, ReviewItem, ReviewItemWithHistory, ReviewStatus, ReviewStep } from '../../../types';
import { REVIEW_STATUSES } from '../../../types';
import { inOversight, oversight } from '../../core/access';
import { openField } from '../../core/crypto';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import { users, usersById } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { DocReader, Where } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { addHours, monthRange, shanghaiMonth, toShanghaiIso } from '../../core/time';
import { notify, push, type Notice } from '../inbox/inbox';
import { allOrgs } from '../orgs/orgs.service';
import type { OrgDoc } from '../orgs/collections';
import { audit, openItems, reviews, type ReviewDoc } from './collections';
import type { ReviewKinds } from './kinds';
import { sealedNote } from './review-kinds';
import { isAnonymousSubmitter, openItemId } from './submit';

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
export function isOverdue(item: Pick<ReviewDoc, 'status' | 'dueAt'>, now: Date): boolean {
  return OPEN_STATUSES.includes(item.status) && Date.parse(item.dueAt) < now.getTime();
}

/** Median of the numbers, rounded to one decimal; null for none. */
export function medianHours(hours: readonly number[]): number | null {
  const sorted = hours.filter((h) => Number.isFinite(h)).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  const lower = sorted.length % 2 === 1 ? upper : sorted[mid - 1];
  if (upper === undefined || lower === undefined) return null;
  return Math.round(((lower + upper) / 2) * 10) / 10;
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

// ---------------------------------------------------------------------------------------------------------------
// Views

function toItem(r: ReviewDoc, orgs: Map<string, string>, names: Map<string, string>, now: Date): ReviewItem {
  const item: ReviewItem = {
    id: r._id,
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

function orgNames(orgs: OrgDoc[]): Map<string, string> {
  return new Map(orgs.map((o) => [o._id, o.name]));
}

async function submitterNames(store: DocReader, items: ReviewDoc[]): Promise<Map<string, string>> {
  const found = await usersById(
    store,
    items.map((i) => i.submitterId),
  );
  return new Map([...found.values()].map((u) => [u._id, u.displayName]));
}

/** An item in clear, for its submitter and its reviewers only. */
async function view(ctx: Ctx, kinds: ReviewKinds, orgs: OrgDoc[], r: ReviewDoc): Promise<ReviewItemWithHistory> {
  const clear = { ...r, payload: kinds.of(r.kind).open(r.payload, ctx.deps.secrets.fieldKey) };
  return {
    ...toItem(clear, orgNames(orgs), await submitterNames(ctx.deps.store, [r]), ctx.now),
    history: r.history.map(({ noteEnc, ...s }) => ({
      ...s,
      at: toShanghaiIso(s.at),
      ...(noteEnc ? { note: openField(noteEnc, ctx.deps.secrets.fieldKey) } : {}),
    })),
  };
}

function link(id: string): string {
  return pageLink(PAGES.reviewItem.detail, { id });
}

interface ListCursor {
  /** 0: overdue items; 1: the rest. */
  phase: number;
  inner?: string;
}

function readCursor(cursor: string | undefined): ListCursor {
  if (!cursor) return { phase: 0 };
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && (value[0] === 0 || value[0] === 1) && (value[1] === undefined || typeof value[1] === 'string')) {
      return { phase: value[0], ...(value[1] ? { inner: value[1] } : {}) };
    }
  } catch {
    // refused below
  }
  throw invalid('翻页参数无效，请从第一页重新加载');
}

function writeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.phase, c.inner])).toString('base64url');
}

/**
 * A page of items matching `where`: overdue ones first, then the rest, each oldest submitted first. Two index-served
 * queries in turn (due before now, due from now), with a cursor that says which one a page continues.
 */
async function listItems(store: DocReader, where: Where, now: Date, cursor: string | undefined, limit: number) {
  const phases: Where[] = [{ dueAt: { $lt: now.toISOString() } }, { dueAt: { $gte: now.toISOString() } }];
  const items: ReviewDoc[] = [];
  let at = readCursor(cursor);
  while (items.length < limit) {
    const phase = phases[at.phase];
    if (!phase) return { items };
    const page = await store.find(reviews, {
      where: { ...where, ...phase },
      orderBy: [['submittedAt', 'asc']],
      limit: limit - items.length,
      ...(at.inner ? { cursor: at.inner } : {}),
    });
    items.push(...page.items);
    at = page.cursor ? { phase: at.phase, inner: page.cursor } : { phase: at.phase + 1 };
  }
  return { items, ...(at.phase < phases.length ? { cursor: writeCursor(at) } : {}) };
}

async function listPage(ctx: Ctx, kinds: ReviewKinds, orgs: OrgDoc[], where: Where, cursor: string | undefined, limit: number) {
  const page = await listItems(ctx.deps.store, where, ctx.now, cursor, limit);
  const names = await submitterNames(ctx.deps.store, page.items);
  const byOrg = orgNames(orgs);
  const masked = page.items.map((r) => ({ ...r, payload: kinds.of(r.kind).mask(r.payload, ctx.deps.secrets.fieldKey) }));
  return { items: masked.map((r) => toItem(r, byOrg, names, ctx.now)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

function statusWhere(status: ReviewStatus | undefined): Where {
  return status ? { status } : { status: { $in: OPEN_STATUSES } };
}

function scopeWhere(scope: Set<string> | undefined): Where {
  return scope ? { orgId: { $in: [...scope] } } : {};
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

/** A cadre's queue: open items (or the given status) in their committee subtree; overdue first, then oldest. */
export async function queue(ctx: Ctx, kinds: ReviewKinds, input: ParsedInputOf<'review', 'queue'>): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const orgs = await allOrgs(ctx.deps.store);
  const scope = oversight(ctx.user, orgs);
  if (scope && scope.size === 0) return { items: [] };
  const where: Where = { ...scopeWhere(scope), ...statusWhere(input.status), ...(input.kind ? { kind: input.kind } : {}) };
  return listPage(ctx, kinds, orgs, where, input.cursor, input.limit);
}

/** One item with its history: for a cadre in scope, an admin, or the submitter. */
export async function get(ctx: Ctx, kinds: ReviewKinds, input: ParsedInputOf<'review', 'get'>): Promise<{ item: ReviewItemWithHistory }> {
  const { user, deps } = ctx;
  const [record, orgs] = await Promise.all([deps.store.get(reviews, input.id), allOrgs(deps.store)]);
  if (!record) throw notFound('找不到这条申请');
  const reviewer = inOversight(oversight(user, orgs), record.orgId);
  if (record.submitterId !== user._id && !reviewer) throw forbidden('你无权查看这条申请');
  const item = await view(ctx, kinds, orgs, record);
  // Possible duplicates (hazard reports nearby), for reviewers only: they name other riders' reports.
  const kind = kinds.of(record.kind);
  const related = reviewer && kind.related ? await kind.related(deps.store, record) : [];
  if (related.length) item.related = related;
  return { item };
}

/**
 * Approve, reject or ask for more information, in one transaction: the status moves by compare-and-set on the item
 * (a second or concurrent decision answers CONFLICT), the kind's approval effect runs, the history and the audit log
 * grow, the submitter's open-item key is released on a final decision, and the inbox gets a message. The subscribe
 * message is pushed after commit. The queue's decide action and the features that decide their own items (voice
 * answers an opinion) both call it.
 */
export async function decideItem(ctx: Ctx, kinds: ReviewKinds, input: ParsedInputOf<'review', 'decide'>): Promise<{ item: ReviewItemWithHistory }> {
  const { user, deps, now } = ctx;
  const orgs = await allOrgs(deps.store);
  const scope = oversight(user, orgs);
  const outcome = DECIDED[input.decision];
  const at = now.toISOString();

  const { updated, notice } = await deps.store.transaction(async (tx) => {
    const item = await tx.get(reviews, input.id);
    if (!item) throw notFound('找不到这条申请');
    if (!inOversight(scope, item.orgId)) throw forbidden('这条申请不在你的管辖范围内');
    if (item.submitterId === user._id) throw forbidden('不能审核自己提交的申请');
    if (!mayDecide(item.status, input.decision)) {
      throw conflict(FINAL_STATUSES.includes(item.status) ? '这条申请已经处理过了' : '已在等待申请人补充材料');
    }
    const kind = kinds.of(item.kind);
    const final = input.decision !== 'needs-info';
    const next: ReviewDoc = {
      ...item,
      status: outcome.status,
      ...(final ? { decidedAt: at, decidedBy: user._id } : {}),
      history: [...item.history, { at, byId: user._id, byName: user.displayName, action: outcome.step, ...sealedNote(input.note, deps.secrets.fieldKey) }],
    };
    await tx.set(reviews, next);
    if (input.decision === 'approve') await kind.approve(tx, ctx, next);
    if (input.decision === 'reject') await kind.reject(tx, ctx, next);
    if (final && kind.onePerSubmitter) await tx.remove(openItems, openItemId(kind.kind, item.submitterId));
    await tx.insert(audit, {
      _id: deps.newId(),
      at,
      actorId: user._id,
      action: `review.${input.decision}`,
      targetId: item._id,
      ...sealedNote(input.note, deps.secrets.fieldKey),
    });
    const body =
      input.decision === 'approve'
        ? (kind.approvedNotice(next) ?? `「${item.title}」已通过审核。`)
        : input.decision === 'reject'
          ? `「${item.title}」未通过审核。`
          : `「${item.title}」需要补充材料，请在“我的申请”中补充。`;
    // The note may name people or reasons: it travels sealed, for the submitter's inbox only.
    const notice: Notice = { title: outcome.title, body, ...(input.note ? { detail: `说明：${input.note}` } : {}), link: link(item._id) };
    // A stand-in submitter is nobody to tell: the kind tells the real author its own way, later.
    if (!isAnonymousSubmitter(item.submitterId)) await notify(tx, ctx, item.submitterId, notice);
    return { updated: next, notice };
  });

  if (input.decision === 'approve') await kinds.of(updated.kind).afterApprove(ctx, updated);
  if (!isAnonymousSubmitter(updated.submitterId)) await push(deps, await deps.store.get(users, updated.submitterId), notice, 'reviewDecided');
  return { item: await view(ctx, kinds, orgs, updated) };
}

/** The submitter answers a request for information: the item is pending again, due afresh from now. */
export async function respond(ctx: Ctx, kinds: ReviewKinds, input: ParsedInputOf<'review', 'respond'>): Promise<{ item: ReviewItemWithHistory }> {
  const { user, deps, now } = ctx;
  const orgs = await allOrgs(deps.store);
  const at = now.toISOString();
  const updated = await deps.store.transaction(async (tx) => {
    const item = await tx.get(reviews, input.id);
    if (!item) throw notFound('找不到这条申请');
    if (item.submitterId !== user._id) throw forbidden('只有申请人可以补充材料');
    if (item.status !== 'needs-info') throw conflict('这条申请现在不需要补充材料');
    const kind = kinds.of(item.kind);
    const payload = await kind.amend(tx, item, input.payload, deps.secrets.fieldKey);
    if (!payload) throw invalid('补充的内容有误，请检查后再试');
    const next: ReviewDoc = {
      ...item,
      status: 'pending',
      payload,
      title: kind.title(kind.open(payload, deps.secrets.fieldKey)),
      dueAt: addHours(now, kind.dueHours).toISOString(),
      history: [...item.history, { at, byId: user._id, byName: user.displayName, action: 'info-added', ...sealedNote(input.note, deps.secrets.fieldKey) }],
    };
    await tx.set(reviews, next);
    return next;
  });
  return { item: await view(ctx, kinds, orgs, updated) };
}

/** The caller's own requests, every status. */
export async function mine(ctx: Ctx, kinds: ReviewKinds, input: ParsedInputOf<'review', 'mine'>): Promise<{ items: ReviewItem[]; cursor?: string }> {
  const orgs = await allOrgs(ctx.deps.store);
  const where: Where = { submitterId: ctx.user._id, ...(input.status ? { status: input.status } : {}) };
  return listPage(ctx, kinds, orgs, where, input.cursor, input.limit);
}

/** The cadre home: counts in scope, overdue, and the median hours to a decision this month (Asia/Shanghai). */
export async function stats({ user, deps, now }: Ctx, kinds: ReviewKinds): Promise<{ stats: QueueStats }> {
  const scope = oversight(user, await allOrgs(deps.store));
  const inScope = scopeWhere(scope);
  const { from } = monthRange(shanghaiMonth(now));
  const [groups, overdue, decided] = await Promise.all([
    deps.store.group(reviews, { where: inScope, groupBy: ['status', 'kind'], limit: 1000 }),
    deps.store.count(reviews, { ...inScope, status: { $in: OPEN_STATUSES }, dueAt: { $lt: now.toISOString() } }),
    findAll(deps.store, reviews, { where: { ...inScope, decidedAt: { $gte: from } } }),
  ]);
  const byStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  const byKind: Record<string, number> = Object.fromEntries(kinds.all.map((k) => [k.kind, 0]));
  for (const g of groups) {
    const status = g.key.status as ReviewStatus;
    byStatus[status] = (byStatus[status] ?? 0) + g.count;
    if (OPEN_STATUSES.includes(status)) byKind[String(g.key.kind)] = (byKind[String(g.key.kind)] ?? 0) + g.count;
  }
  const decisionHours = decided
    .filter((r) => FINAL_STATUSES.includes(r.status) && r.decidedAt)
    .map((r) => (Date.parse(r.decidedAt!) - Date.parse(r.submittedAt)) / 3_600_000);
  return {
    stats: { byStatus, byKind, overdue, medianDecisionHours: medianHours(decisionHours), decidedThisMonth: decisionHours.length },
  };
}
