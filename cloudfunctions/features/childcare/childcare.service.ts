import {
  PROGRAMME_LIMITS,
  type ChildDetail,
  type ChildSummary,
  type Enrolment,
  type MyEnrolment,
  type OutputOf,
  type ParsedInputOf,
  type Programme,
  type RosterChild,
} from '../../../types';
import { isAdmin, isCadreOf } from '../../core/access';
import { maskPhone, maskText, openField, sealField } from '../../core/crypto';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { cancelRequest, finishCancel, isFull, newSeats, newTicket, requestStanding, seatsLeft, type Placed, type Seats } from '../../capabilities/seating/seating';
import { StoreConflict, geoPoint, latLngOf, type DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { notify, push, type Notice } from '../../capabilities/inbox/inbox';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { countChildSignIn } from '../../capabilities/figures/facts';
import { fileReview } from '../../capabilities/review/submit';
import { getStation } from '../../capabilities/orgs/station-directory';
import { isSessionVolunteer, sessionVolunteers } from '../../capabilities/programmes/session-volunteers';
import { ageFits, ageOn, aroundSession, courseMenu, mayMarkAttendance, rosterView, signupState, sortSessions } from './childcare-rules';
import { attendance, children, childSlots, enrolments, seats, type AttendanceDoc, type ChildDoc, type EnrolmentDoc, type EnrolmentDocStatus, type SeatsDoc } from './collections';
import { programmes, type ProgrammeDoc } from '../../capabilities/programmes/collections';
import { enrolmentKind } from './enrolment-kind';
import { MINE_LINK, placeEnrolment, programmeSeats } from './seating';
import { isCadreInScope, isSiteStaff, sessionOn, volunteerCapacity } from '../../capabilities/programmes/programmes';

const NEAR_DEFAULT_M = 20_000;
/** Candidates read when an age filter is applied after the query. */
const AGE_FILTER_READ = 200;

// ---------------------------------------------------------------------------------------------------------------
// Views

function toProgramme(p: ProgrammeDoc, held: SeatsDoc | undefined, now: Date, distanceM?: number): Programme {
  const confirmed = held?.seated.length ?? 0;
  return {
    id: p._id,
    title: p.title,
    orgId: p.orgId,
    ...(p.description ? { description: p.description } : {}),
    site: { ...p.site, location: latLngOf(p.location) },
    ...(distanceM !== undefined ? { distanceM: Math.round(distanceM) } : {}),
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    capacity: p.capacity,
    confirmed,
    seatsLeft: held ? seatsLeft(held) : p.capacity,
    waitlisted: held?.waitlist.length ?? 0,
    signupOpens: toShanghaiIso(p.signupOpens),
    signupCloses: toShanghaiIso(p.signupCloses),
    signupState: signupState(p, now),
    requiresReview: p.requiresReview,
    volunteersPerSession: volunteerCapacity(p),
    sessions: p.sessions,
    courses: courseMenu(p.sessions),
    firstDate: p.firstDate,
    lastDate: p.lastDate,
  };
}

async function seatsOf(store: DocReader, ids: readonly string[]): Promise<Map<string, SeatsDoc>> {
  if (ids.length === 0) return new Map();
  const page = await store.find(seats, { where: { _id: { $in: [...ids] } }, limit: ids.length });
  return new Map(page.items.map((s) => [s._id, s]));
}

/** An enrolment as the guardian sees it: where the seats have it (its stored status may lag behind them). */
function toEnrolment(e: EnrolmentDoc, held: Pick<Seats, 'seated' | 'waitlist'> | null | undefined): Enrolment {
  const standing = requestStanding(e, held);
  return {
    id: e._id,
    programmeId: e.programmeId,
    childId: e.childId,
    // A request not yet placed shows as pending (it is placed within the same call, or by the next one).
    status: standing.status === 'unplaced' ? 'pending' : standing.status,
    ...(standing.status === 'waitlisted' ? { position: standing.position } : {}),
    enrolledAt: toShanghaiIso(e.enrolledAt),
    ...(e.confirmedAt ? { confirmedAt: toShanghaiIso(e.confirmedAt) } : {}),
    ...(e.cancelledAt ? { cancelledAt: toShanghaiIso(e.cancelledAt) } : {}),
  };
}

interface OpenChild {
  name: string;
  birthDate: string;
  emergencyPhone: string;
  school?: string;
  allergies?: string;
}

function openChild(c: ChildDoc, key: Buffer): OpenChild {
  return {
    name: openField(c.nameEnc, key),
    birthDate: openField(c.birthDateEnc, key),
    emergencyPhone: openField(c.emergencyPhoneEnc, key),
    ...(c.schoolEnc ? { school: openField(c.schoolEnc, key) } : {}),
    ...(c.allergiesEnc ? { allergies: openField(c.allergiesEnc, key) } : {}),
  };
}

function maskedChild(c: ChildDoc, key: Buffer, today: string): ChildSummary {
  const clear = openChild(c, key);
  return {
    id: c._id,
    name: maskText(clear.name),
    age: ageOn(clear.birthDate, today),
    ...(clear.school ? { school: maskText(clear.school) } : {}),
    emergencyPhone: maskPhone(clear.emergencyPhone),
    hasAllergies: clear.allergies !== undefined,
  };
}

async function programmeOrFail(store: DocReader, id: string): Promise<ProgrammeDoc> {
  const p = await store.get(programmes, id);
  if (!p) throw notFound('找不到这个骑士班');
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/** A cadre (or an admin) publishes a programme for a committee in scope; its seats document starts empty. */
export async function createProgramme(ctx: Ctx, input: ParsedInputOf<'childcare', 'createProgramme'>): Promise<OutputOf<'childcare', 'createProgramme'>> {
  const { user, deps, now } = ctx;
  if (!isCadreOf(user, await allOrgs(deps.store), input.orgId)) throw forbidden('只能为自己管辖的团委开设骑士班');
  if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
  if (input.site.stationId && !(await getStation(deps.store, input.site.stationId))) throw notFound('所选驿站不存在');
  const sessions = sortSessions(input.sessions);
  const firstDate = sessions[0]!.date;
  const lastDate = sessions[sessions.length - 1]!.date;
  if (firstDate < shanghaiDay(now)) throw invalid('上课日期不能早于今天');
  if (Date.parse(input.signupCloses) > Date.parse(`${lastDate}T${sessions[sessions.length - 1]!.start}:00+08:00`)) {
    throw invalid('报名截止时间应早于最后一次课开始');
  }
  const doc: ProgrammeDoc = {
    _id: deps.newId(),
    title: input.title,
    orgId: input.orgId,
    ...(input.description ? { description: input.description } : {}),
    site: { name: input.site.name, address: input.site.address, ...(input.site.stationId ? { stationId: input.site.stationId } : {}) },
    location: geoPoint(input.site.location),
    ageMin: input.ageMin,
    ageMax: input.ageMax,
    capacity: input.capacity,
    signupOpens: new Date(input.signupOpens).toISOString(),
    signupCloses: new Date(input.signupCloses).toISOString(),
    requiresReview: input.requiresReview,
    volunteersPerSession: input.volunteersPerSession,
    sessions: sessions.map((s) => ({ date: s.date, start: s.start, end: s.end, course: s.course })),
    firstDate,
    lastDate,
    createdBy: user._id,
    createdAt: now.toISOString(),
  };
  const held = newSeats(doc._id, doc.capacity);
  await deps.store.transaction(async (tx) => {
    await tx.insert(programmes, doc);
    await tx.insert(seats, held);
  });
  return { programme: toProgramme(doc, held, now) };
}

/**
 * Programmes not yet over: near a point (nearest first, within the radius) or by date, of one committee or all,
 * for a child of an age when given (filtered after the query: the age range is two fields).
 */
export async function list(ctx: Ctx, input: ParsedInputOf<'childcare', 'programmes'>): Promise<OutputOf<'childcare', 'programmes'>> {
  const { deps, now } = ctx;
  const where = { lastDate: { $gte: shanghaiDay(now) }, ...(input.orgId ? { orgId: input.orgId } : {}) };
  const fits = (p: ProgrammeDoc) => input.age === undefined || (input.age >= p.ageMin && input.age <= p.ageMax);
  let found: { doc: ProgrammeDoc; distanceM?: number }[];
  let cursor: string | undefined;
  if (input.lat !== undefined && input.lng !== undefined) {
    const near = await deps.store.near(programmes, {
      center: { lat: input.lat, lng: input.lng },
      maxDistanceM: input.radiusM ?? NEAR_DEFAULT_M,
      where,
      limit: input.age === undefined ? input.limit : AGE_FILTER_READ,
    });
    found = near.filter((n) => fits(n.doc)).slice(0, input.limit);
  } else {
    const page = await deps.store.find(programmes, {
      where,
      orderBy: [['firstDate', 'asc']],
      limit: input.limit,
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
    found = page.items.filter(fits).map((doc) => ({ doc }));
    cursor = page.cursor;
  }
  const held = await seatsOf(deps.store, found.map((f) => f.doc._id));
  return {
    programmes: found.map((f) => toProgramme(f.doc, held.get(f.doc._id), now, f.distanceM)),
    ...(cursor ? { cursor } : {}),
  };
}

export async function get(ctx: Ctx, input: ParsedInputOf<'childcare', 'programme'>): Promise<OutputOf<'childcare', 'programme'>> {
  const p = await programmeOrFail(ctx.deps.store, input.id);
  const held = await ctx.deps.store.get(seats, p._id);
  return { programme: toProgramme(p, held ?? undefined, ctx.now) };
}

// ---------------------------------------------------------------------------------------------------------------
// Children

/**
 * The guardian adds a child after accepting the current consent notice; without that nothing is stored. The child
 * takes one of the guardian's places (`<guardian>:<n>`, inserted with the child in one transaction), so the limit
 * holds when children are added at once: the count only says where free places start.
 */
export async function addChild(ctx: Ctx, input: ParsedInputOf<'childcare', 'addChild'>): Promise<OutputOf<'childcare', 'addChild'>> {
  const { user, deps, now } = ctx;
  const today = shanghaiDay(now);
  if (input.birthDate > today || ageOn(input.birthDate, today) > 18) throw invalid('请填写正确的出生日期');
  const key = deps.secrets.fieldKey;
  const doc: ChildDoc = {
    _id: deps.newId(),
    guardianId: user._id,
    nameEnc: sealField(input.name, key),
    birthDateEnc: sealField(input.birthDate, key),
    emergencyPhoneEnc: sealField(input.emergencyPhone, key),
    ...(input.school ? { schoolEnc: sealField(input.school, key) } : {}),
    ...(input.allergies ? { allergiesEnc: sealField(input.allergies, key) } : {}),
    consent: { version: input.consent.version, acceptedAt: now.toISOString() },
    createdAt: now.toISOString(),
  };
  const added = await deps.store.count(children, { guardianId: user._id });
  for (let place = added + 1; place <= PROGRAMME_LIMITS.childrenPerGuardian; place++) {
    try {
      await deps.store.transaction(async (tx) => {
        await tx.insert(childSlots, { _id: `${user._id}:${place}`, childId: doc._id });
        await tx.insert(children, doc);
      });
      return { child: maskedChild(doc, key, today) };
    } catch (error) {
      // Taken by a child added at the same moment: the next place.
      if (!(error instanceof StoreConflict)) throw error;
    }
  }
  throw conflict(`最多可添加 ${PROGRAMME_LIMITS.childrenPerGuardian} 个孩子`);
}

export async function childrenOf(ctx: Ctx): Promise<OutputOf<'childcare', 'children'>> {
  const { user, deps, now } = ctx;
  const list = await findAll(deps.store, children, { where: { guardianId: user._id }, orderBy: [['createdAt', 'asc']] });
  return { children: list.map((c) => maskedChild(c, deps.secrets.fieldKey, shanghaiDay(now))) };
}

/** The guardian's own child in clear; nobody else's. */
export async function child(ctx: Ctx, input: ParsedInputOf<'childcare', 'child'>): Promise<OutputOf<'childcare', 'child'>> {
  const { user, deps, now } = ctx;
  const c = await deps.store.get(children, input.id);
  if (!c) throw notFound('找不到这个孩子');
  if (c.guardianId !== user._id) throw forbidden('只有监护人本人可以查看孩子的信息');
  const clear = openChild(c, deps.secrets.fieldKey);
  const detail: ChildDetail = { id: c._id, ...clear, age: ageOn(clear.birthDate, shanghaiDay(now)), consentVersion: c.consent.version };
  return { child: detail };
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolments

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
 * enrolment is written as requested and placed on the programme's seats (core/seating.ts): confirmed while a seat is
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
    return [{
      ...toEnrolment(e, held.get(e.programmeId)),
      childName: names.get(e.childId) ?? '孩子',
      programme: { id: p._id, title: p.title, siteName: p.site.name, firstDate: p.firstDate, lastDate: p.lastDate },
    }];
  });
  return { enrolments: out };
}

/** The enrolments holding a seat, oldest enrolled first (the seats say who; stored statuses may lag). */
async function seated(store: DocReader, programmeId: string): Promise<EnrolmentDoc[]> {
  const [held, live] = await Promise.all([
    store.get(seats, programmeId),
    findAll(store, enrolments, { where: { programmeId, status: { $in: [...LIVE] } }, orderBy: [['enrolledAt', 'asc']] }),
  ]);
  return live.filter((e) => requestStanding(e, held).status === 'confirmed');
}

// ---------------------------------------------------------------------------------------------------------------
// The day: roster and attendance

interface Caring {
  view: 'clear' | 'names' | 'masked' | 'none';
  mayMark: boolean;
  /** Staff, cadres and admins also see whether a volunteer's certificate is about to expire. */
  oversees: boolean;
}

async function caring(ctx: Ctx, programme: ProgrammeDoc, date: string): Promise<Caring> {
  const { user, deps, now } = ctx;
  const onTheDay = date === shanghaiDay(now);
  const session = sessionOn(programme, date);
  const who = {
    sessionVolunteer: user.roles.includes('volunteer') && (await isSessionVolunteer(deps.store, programme._id, date, user._id)),
    siteStaff: isSiteStaff(user, programme),
    cadreInScope: user.roles.includes('cadre') && isCadreInScope(user, await allOrgs(deps.store), programme.orgId),
    admin: isAdmin(user),
  };
  return {
    view: rosterView(who, onTheDay, session !== undefined && aroundSession(session, now)),
    mayMark: mayMarkAttendance(who, onTheDay),
    oversees: who.siteStaff || who.cadreInScope || who.admin,
  };
}

/**
 * A session's roster: the confirmed children with their signing in and out, and the session's volunteers. On the
 * day, the site's staff and cadres in scope see names, allergies and the emergency phone in clear; the session's own
 * volunteers see names, and allergies and phones only around the session itself; staff, cadres and admins on other
 * days a masked list; anyone else nothing.
 */
export async function roster(ctx: Ctx, input: ParsedInputOf<'childcare', 'roster'>): Promise<OutputOf<'childcare', 'roster'>> {
  const { deps, now } = ctx;
  const p = await programmeOrFail(deps.store, input.programmeId);
  const date = input.date ?? shanghaiDay(now);
  const { view, oversees } = await caring(ctx, p, date);
  if (view === 'none') throw forbidden('只有当天的志愿者、场地工作人员和负责的团干部可以查看名单');
  const session = sessionOn(p, date);
  if (!session) throw notFound('这一天没有课');
  const key = deps.secrets.fieldKey;
  const [confirmed, marks] = await Promise.all([
    seated(deps.store, p._id),
    findAll(deps.store, attendance, { where: { programmeId: p._id, date }, orderBy: [['at', 'asc']] }),
  ]);
  const kids = confirmed.length
    ? new Map((await deps.store.find(children, { where: { _id: { $in: confirmed.map((e) => e.childId) } }, limit: 1000 })).items.map((c) => [c._id, c]))
    : new Map<string, ChildDoc>();
  const mark = (enrolment: string, event: 'in' | 'out') => {
    const m = marks.find((a) => a.enrolmentId === enrolment && a.event === event);
    return m ? { at: toShanghaiIso(m.at), byName: m.byName } : undefined;
  };
  const list: RosterChild[] = confirmed.flatMap((e) => {
    const c = kids.get(e.childId);
    if (!c) return [];
    const clear = openChild(c, key);
    const markIn = mark(e._id, 'in');
    const markOut = mark(e._id, 'out');
    return [{
      enrolmentId: e._id,
      name: view === 'masked' ? maskText(clear.name) : clear.name,
      age: ageOn(clear.birthDate, date),
      hasAllergies: clear.allergies !== undefined,
      ...(view === 'clear' && clear.allergies ? { allergies: clear.allergies } : {}),
      ...(view === 'clear' ? { emergencyPhone: clear.emergencyPhone } : {}),
      attendance: { ...(markIn ? { in: markIn } : {}), ...(markOut ? { out: markOut } : {}) },
    }];
  });
  const volunteers = await sessionVolunteers(deps.store, key, p._id, date, shanghaiDay(now), oversees);
  return { programmeId: p._id, date, session, view, children: list, volunteers };
}

/**
 * The session's volunteers or the site's staff sign a confirmed child in or out, on the day. Each mark is a keyed
 * record written once: marking again changes nothing (and tells nobody again); out needs in first.
 */
export async function attend(ctx: Ctx, input: ParsedInputOf<'childcare', 'attend'>): Promise<OutputOf<'childcare', 'attend'>> {
  const { user, deps, now } = ctx;
  const e = await deps.store.get(enrolments, input.enrolmentId);
  const p = e ? await deps.store.get(programmes, e.programmeId) : null;
  if (!e || !p) throw notFound('找不到这条报名');
  const { mayMark } = await caring(ctx, p, input.date);
  if (!mayMark) throw forbidden('只有当天这一场的志愿者和场地工作人员可以签到签退');
  const session = sessionOn(p, input.date);
  if (!session) throw notFound('这一天没有课');
  if (requestStanding(e, await deps.store.get(seats, p._id)).status !== 'confirmed') throw conflict('这个孩子没有正式报名');
  const id = `${e._id}:${input.date}:${input.event}`;
  const { record, fresh, notice } = await deps.store.transaction(async (tx) => {
    const existing = await tx.get(attendance, id);
    if (existing) return { record: existing, fresh: false, notice: null };
    if (input.event === 'out' && !(await tx.get(attendance, `${e._id}:${input.date}:in`))) throw conflict('请先签到，再签退');
    const record: AttendanceDoc = {
      _id: id,
      enrolmentId: e._id,
      programmeId: p._id,
      orgId: p.orgId,
      date: input.date,
      event: input.event,
      at: now.toISOString(),
      byId: user._id,
      byName: user.displayName,
    };
    await tx.insert(attendance, record);
    if (input.event === 'in') await countChildSignIn(tx, { enrolmentId: e._id, programmeId: p._id, orgId: p.orgId, ...session, now });
    const c = await tx.get(children, e.childId);
    const name = c ? openField(c.nameEnc, deps.secrets.fieldKey) : '孩子';
    const time = toShanghaiIso(now).slice(11, 16);
    const notice: Notice = {
      title: input.event === 'in' ? '孩子已签到' : '孩子已签退',
      body: `你的孩子已于 ${time} 在「${p.title}」${input.event === 'in' ? '签到' : '签退'}（${p.site.name}）。`,
      detail: `孩子：${name}；经办：${user.displayName}`,
      link: MINE_LINK,
    };
    await notify(tx, ctx, e.guardianId, notice);
    return { record, fresh: true, notice };
  });
  if (fresh && notice) await push(deps, await deps.store.get(users, e.guardianId), notice, 'childAttendance');
  return {
    attendance: { id: record._id, enrolmentId: record.enrolmentId, date: record.date, event: record.event, at: toShanghaiIso(record.at) },
  };
}
