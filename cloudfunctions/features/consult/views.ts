/**
 * What the consultation actions share: slots, bookings and cases as each reader may see them (sealed fields opened
 * only for those allowed), the access log every read of another rider's data writes first, and pushes.
 */
import type { Booking, CaseStep, CaseSummary, ConsultCase, OwnSlot } from '../../../types';
import { push, type Notice, type PushKind } from '../../capabilities/inbox/inbox';
import { openField, sealField } from '../../core/crypto';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { StoreConflict } from '../../core/store/docstore.port';
import { toShanghaiIso } from '../../core/time';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { accessLog, bookings, type BookingDoc, type CaseDoc, type CaseStepDoc, type SlotDoc } from './collections';
import { changeDeadline } from './consult-rules';

export const seal = (ctx: Ctx, value: string) => sealField(value, ctx.deps.secrets.fieldKey);
const open = (ctx: Ctx, value: string | undefined) => (value ? openField(value, ctx.deps.secrets.fieldKey) : undefined);

export function ownSlot(s: Pick<SlotDoc, '_id' | 'start' | 'end' | 'modes' | 'free'>): OwnSlot {
  return { id: s._id, start: toShanghaiIso(s.start), end: toShanghaiIso(s.end), modes: s.modes, booked: !s.free };
}

/** A booking; its sealed fields in clear only when `clear` (the rider, or its counsellor in the agenda). */
export function bookingView(ctx: Ctx, b: BookingDoc, clear: boolean, riderName?: string): Booking {
  const view: Booking = {
    id: b._id,
    status: b.status,
    slotId: b.slotId,
    start: toShanghaiIso(b.start),
    end: toShanghaiIso(b.end),
    mode: b.mode,
    category: b.category,
    counsellor: { id: b.counsellorId, name: b.counsellorName },
    anonymous: b.anonymous,
  };
  if (clear) {
    const topic = open(ctx, b.topicEnc);
    const phone = open(ctx, b.phoneEnc);
    const summary = open(ctx, b.summaryEnc);
    if (topic) view.topic = topic;
    if (phone) view.phone = phone;
    if (summary) view.summary = summary;
  }
  if (riderName && !b.anonymous) view.riderName = riderName;
  if (b.caseId) view.caseId = b.caseId;
  if (b.status === 'booked') view.changeableUntil = toShanghaiIso(changeDeadline(b.start));
  return view;
}

export function caseSummary(c: CaseDoc, orgNames: Map<string, string>): CaseSummary {
  const orgName = orgNames.get(c.orgId);
  return {
    id: c._id,
    number: c.number,
    status: c.status,
    category: c.category,
    orgId: c.orgId,
    ...(orgName ? { orgName } : {}),
    openedAt: toShanghaiIso(c.openedAt),
    ...(c.closedAt ? { closedAt: toShanghaiIso(c.closedAt) } : {}),
    rated: Boolean(c.rating),
  };
}

export type Viewer = ConsultCase['viewer'];

/** What the rider reads for steps that carry no note of their own. */
const STEP_TEXT: Partial<Record<CaseStep['kind'], string>> = {
  escalated: '咨询师已将你的咨询转为个案，等待团委接办',
  taken: '团委已接办你的个案',
};

function stepView(ctx: Ctx, s: CaseStepDoc): CaseStep {
  const note = open(ctx, s.noteEnc) ?? STEP_TEXT[s.kind];
  return { id: s.id, at: toShanghaiIso(s.at), kind: s.kind, byName: s.byName, visible: s.visible, ...(note ? { note } : {}) };
}

export async function caseView(ctx: Ctx, c: CaseDoc, viewer: Viewer): Promise<ConsultCase> {
  const [orgs, booking] = await Promise.all([allOrgs(ctx.deps.store), ctx.deps.store.get(bookings, c.bookingId)]);
  const staff = viewer !== 'rider';
  const view: ConsultCase = {
    ...caseSummary(c, new Map(orgs.map((o) => [o._id, o.name]))),
    reviewId: c.reviewId,
    viewer,
    counsellorName: c.counsellorName,
    steps: c.steps.filter((s) => staff || s.visible).map((s) => stepView(ctx, s)),
  };
  if (c.outcome) view.outcome = c.outcome;
  if (c.rating) {
    const comment = open(ctx, c.rating.commentEnc);
    view.rating = { score: c.rating.score, at: toShanghaiIso(c.rating.at), ...(comment ? { comment } : {}) };
  }
  const topic = open(ctx, booking?.topicEnc);
  if (topic) view.topic = topic;
  if (staff) {
    const phone = open(ctx, booking?.phoneEnc);
    const summary = open(ctx, c.summaryEnc);
    if (phone) view.phone = phone;
    if (summary) view.summary = summary;
    if (!c.anonymous && c.riderId) {
      const rider = await ctx.deps.store.get(users, c.riderId);
      if (rider) view.riderName = rider.displayName;
    }
  }
  return view;
}

/**
 * Records reads of riders' confidential consultation data by someone other than the rider, before the data is
 * answered: a read that cannot be logged is not answered. A read with a `key` is logged once per reader: the
 * counsellor's agenda shows the same booking on every visit, and the rider learns that they saw it, not how often.
 */
export async function logAccess(ctx: Ctx, reads: { riderId: string; what: string; who?: string; key?: string }[]): Promise<void> {
  const at = ctx.now.toISOString();
  const others = reads.filter((r) => r.riderId && r.riderId !== ctx.user._id);
  await Promise.all(
    others.map(async (r) => {
      try {
        await ctx.deps.store.insert(accessLog, {
          _id: r.key ? `${r.key}:${ctx.user._id}` : ctx.deps.newId(),
          riderId: r.riderId,
          at,
          whoId: ctx.user._id,
          who: r.who ?? ctx.user.displayName,
          what: r.what,
        });
      } catch (error) {
        if (!(r.key && error instanceof StoreConflict)) throw error;
      }
    }),
  );
}

export async function pushTo(ctx: Ctx, userId: string | undefined, notice: Notice, kind: PushKind): Promise<void> {
  if (userId) await push(ctx.deps, await ctx.deps.store.get(users, userId), notice, kind);
}
