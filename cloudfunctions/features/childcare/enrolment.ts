/** Enrolment: a guardian enrols a child (placed on a seat or the waitlist, or filed for review), cancels, follows it. */
import { PROGRAMME_LIMITS, type Enrolment, type MyEnrolment, type OutputOf, type ParsedInputOf } from '../../../types';
import { openField } from '../../core/crypto';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import { cancelRequest, finishCancel, isFull, newTicket, requestStanding, type Placed } from '../../capabilities/seating/seating';
import { StoreConflict, type DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { fileReview } from '../../capabilities/review/submit';
import { ageFits, ageOn, signupState } from './childcare-rules';
import { children, enrolments, seats, type EnrolmentDoc, type EnrolmentDocStatus } from './collections';
import { programmes, type ProgrammeDoc } from '../../capabilities/programmes/collections';
import { enrolmentKind } from './enrolment-kind';
import { placeEnrolment, programmeSeats } from './seating';
import { openChild, type OpenChild, seatsOf, toEnrolment } from './views';

export const enrolmentId = (programmeId: string, childId: string) => `${programmeId}:${childId}`;

const LIVE: readonly EnrolmentDocStatus[] = ['requested', 'confirmed', 'waitlisted'];
const FULL = '名额和候补都已满';

/**
 * Writes the keyed request (one per child and programme): a new one, or over a cancelled one (with a new ticket). A
 * request left requested by a call that stopped short is taken up again as it is. Anything else is a conflict.
 */
async function writeRequest(ctx: Ctx, doc: EnrolmentDoc): Promise<EnrolmentDoc> {
  const { store } = ctx.deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await store.insert(enrolments, doc);
      return doc;
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
    }
    const existing = await store.get(enrolments, doc._id);
    if (existing?.status === 'requested') return existing;
    if (existing && existing.status !== 'cancelled') throw conflict('这个孩子已经报名了这个班');
    if (!existing) continue;
    const { _id, ...fields } = doc;
    const again = { ...fields, confirmedAt: null, cancelledAt: null, reviewId: null, full: null };
    if (await store.updateIf(enrolments, _id, { status: 'cancelled', ticket: existing.ticket }, { set: again })) return doc;
  }
  throw conflict('这个孩子已经报名了这个班');
}

/** A pending enrolment filed for review, in one transaction with its review item; it takes no place until approved. */
async function fileForReview(ctx: Ctx, p: ProgrammeDoc, child: OpenChild, doc: EnrolmentDoc): Promise<EnrolmentDoc> {
  return ctx.deps.store.transaction(async (tx) => {
    const existing = await tx.get(enrolments, doc._id);
    if (existing && existing.status !== 'cancelled') throw conflict('这个孩子已经报名了这个班');
    const reviewId = await fileReview(tx, ctx, ctx.user, enrolmentKind, {
      orgId: p.orgId,
      payload: { enrolmentId: doc._id, programmeId: p._id, programmeTitle: p.title, childName: child.name, age: ageOn(child.birthDate, p.firstDate) },
    });
    const pending: EnrolmentDoc = { ...doc, status: 'pending', reviewId };
    await tx.set(enrolments, pending);
    return pending;
  });
}

/**
 * The guardian enrols a child. Checks first: the child is theirs, the window is open, the age fits on the first
 * session's date. A programme that requires review files the enrolment as pending instead. Otherwise the keyed
 * enrolment is written as requested and placed on the programme's seats (capabilities/seating/seating.ts): confirmed while a seat is
 * free, else waitlisted in the order the enrolments came, never more confirmed than capacity; when seats and
 * waitlist are both full it is refused at once. Nobody in a crowd is told to try again: whoever places first places
 * everyone waiting, and the others read their outcome.
 */
export async function enrol(ctx: Ctx, input: ParsedInputOf<'childcare', 'enrol'>): Promise<OutputOf<'childcare', 'enrol'>> {
  const { user, deps, now } = ctx;
  const [p, c, held] = await Promise.all([
    deps.store.get(programmes, input.programmeId),
    deps.store.get(children, input.childId),
    deps.store.get(seats, input.programmeId),
  ]);
  if (c && c.guardianId !== user._id) throw forbidden('只能为自己的孩子报名');
  if (!p || !held) throw notFound('找不到这个骑士班');
  if (!c) throw notFound('找不到这个孩子');
  const state = signupState(p, now);
  if (state !== 'open') throw expired(state === 'upcoming' ? '还没到报名时间' : '报名已截止');
  const clear = openChild(c, deps.secrets.fieldKey);
  if (!ageFits(clear.birthDate, p.firstDate, p.ageMin, p.ageMax)) {
    throw invalid(`孩子在开课当天的年龄不在 ${p.ageMin}–${p.ageMax} 岁的范围内`);
  }
  const id = enrolmentId(p._id, c._id);
  const doc: EnrolmentDoc = {
    _id: id,
    programmeId: p._id,
    childId: c._id,
    guardianId: user._id,
    orgId: p.orgId,
    status: 'requested',
    ticket: newTicket(id, deps.newId()),
    enrolledAt: now.toISOString(),
  };
  if (p.requiresReview) return { enrolment: toEnrolment(await fileForReview(ctx, p, clear, doc), null) };
  if (isFull(held, PROGRAMME_LIMITS.waitlistMax)) throw conflict(FULL);
  const own = await writeRequest(ctx, doc);
  const placed = await placeEnrolment(ctx, own, held);
  return { enrolment: await placedEnrolment(ctx, own, placed) };
}

/** The answer to an enrolment just placed: where the seats have it now. */
async function placedEnrolment(ctx: Ctx, own: EnrolmentDoc, placed: Placed): Promise<Enrolment> {
  if (placed.status === 'full') throw conflict(FULL);
  if (placed.status === 'unplaced') {
    const current = await ctx.deps.store.get(enrolments, own._id);
    return toEnrolment(current ?? own, placed.seats);
  }
  const at = ctx.now.toISOString();
  return toEnrolment({ ...own, ...(placed.status === 'confirmed' ? { confirmedAt: own.confirmedAt ?? at } : {}) }, placed.seats);
}

/**
 * The guardian cancels. A held seat goes at once to the first waitlisted enrolment, whose guardian is told (once); a
 * waitlisted enrolment leaves the queue and those behind it move up. Cancelling twice is a conflict (and finishes a
 * cancellation that stopped short).
 */
export async function cancel(ctx: Ctx, input: ParsedInputOf<'childcare', 'cancel'>): Promise<OutputOf<'childcare', 'cancel'>> {
  const { user, deps, now } = ctx;
  const at = now.toISOString();
  const e = await deps.store.get(enrolments, input.enrolmentId);
  if (e && e.guardianId !== user._id) throw forbidden('只能取消自己孩子的报名');
  if (!e) throw notFound('找不到这条报名');
  const target = programmeSeats(ctx, e.programmeId);
  const done =
    e.status === 'pending'
      ? await deps.store.updateIf(enrolments, e._id, { ticket: e.ticket, status: 'pending' }, { set: { status: 'cancelled', cancelledAt: at } })
      : LIVE.includes(e.status) && (await cancelRequest(deps.store, target, e, now));
  if (!done) {
    await finishCancel(deps.store, target, e, now);
    throw conflict('这条报名已经取消了');
  }
  return { enrolment: toEnrolment({ ...e, status: 'cancelled', cancelledAt: at }, null) };
}

/** The caller's children's enrolments, newest first, with live waitlist positions. */
export async function mine(ctx: Ctx): Promise<OutputOf<'childcare', 'mine'>> {
  const { user, deps } = ctx;
  let list = await findAll(deps.store, enrolments, { where: { guardianId: user._id }, orderBy: [['enrolledAt', 'desc']] });
  if (list.length === 0) return { enrolments: [] };
  // A request whose call ended before it was placed (a timeout) is placed now.
  const unplaced = list.filter((e) => e.status === 'requested');
  if (unplaced.length) {
    for (const e of unplaced) await placeEnrolment(ctx, e);
    list = await findAll(deps.store, enrolments, { where: { guardianId: user._id }, orderBy: [['enrolledAt', 'desc']] });
  }
  const programmeIds = [...new Set(list.map((e) => e.programmeId))];
  const [progs, held, kids] = await Promise.all([
    deps.store.find(programmes, { where: { _id: { $in: programmeIds } }, limit: 1000 }),
    seatsOf(deps.store, programmeIds),
    findAll(deps.store, children, { where: { guardianId: user._id } }),
  ]);
  const byId = new Map(progs.items.map((p) => [p._id, p]));
  const names = new Map(kids.map((k) => [k._id, openField(k.nameEnc, deps.secrets.fieldKey)]));
  const out: MyEnrolment[] = list.flatMap((e) => {
    const p = byId.get(e.programmeId);
    if (!p) return [];
    return [
      {
        ...toEnrolment(e, held.get(e.programmeId)),
        childName: names.get(e.childId) ?? '孩子',
        programme: { id: p._id, title: p.title, siteName: p.site.name, firstDate: p.firstDate, lastDate: p.lastDate },
      },
    ];
  });
  return { enrolments: out };
}

/** The enrolments holding a seat, oldest enrolled first (the seats say who; stored statuses may lag). */
export async function seated(store: DocReader, programmeId: string): Promise<EnrolmentDoc[]> {
  const [held, live] = await Promise.all([
    store.get(seats, programmeId),
    findAll(store, enrolments, { where: { programmeId, status: { $in: [...LIVE] } }, orderBy: [['enrolledAt', 'asc']] }),
  ]);
  return live.filter((e) => requestStanding(e, held).status === 'confirmed');
}
