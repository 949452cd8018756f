/** Activities (活动): organisers publish, riders sign up (seats and an ordered waitlist), staff scan them in. */
import { ACTIVITY_LIMITS, type Activity, type MySignup, type OutputOf, type ParsedInputOf, type RosterEntry, type Signup } from '../../../types';
import { isCadreOf, isStaffOf, type OrgNode } from '../../core/access';
import { shanghaiDay } from '../../core/time';
import { conflict, expired, forbidden, notFound } from '../../core/errors';
import { usersById, type UserDoc } from '../../core/identity';
import { distanceM } from '../../core/geo';
import type { Ctx } from '../../core/runtime';
import {
  cancelRequest,
  finishCancel,
  isFull,
  newSeats,
  newTicket,
  requestStanding,
  seatsLeft,
  standingOf,
  type Placed,
  type Seats,
  type SeatsDoc,
} from '../../capabilities/seating/seating';
import { StoreConflict, geoPoint, latLngOf } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { notify, notifyOnce, push, type Notice } from '../../capabilities/inbox/inbox';
import { recordCheckin } from '../../capabilities/codes/checkins';
import { scanRiderCode } from '../../capabilities/codes/scan';
import { useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { appendEntry } from '../../capabilities/ledger/ledger';
import { activityCredit } from './activities-rules';
import { CHECKIN_POINTS } from '../../capabilities/codes/checkin-rules';
import { fileReview } from '../../capabilities/review/submit';
import { getStation } from '../../capabilities/orgs/station-directory';
import { inWeek, scanOpen, signupOpen } from './activities-rules';
import { activities, activityPointDays, activitySeats, attendance, signups, type ActivityDoc, type SignupDoc } from './collections';
import { activityPointsKind } from './activity-points-kind';
import { MINE_LINK, activitySeatsOf, liveSignups, placeSignup, seatedSignups } from './seating';

/** Activities read for a week's list or an organiser's list. */
const LIST_READ = 300;
const DAY_MS = 86_400_000;
const NOTIFY_CHUNK = 50;

function toActivity(a: ActivityDoc, held: SeatsDoc | null | undefined, from?: { lat: number; lng: number }): Activity {
  const location = latLngOf(a.location);
  return {
    id: a._id,
    title: a.title,
    kind: a.kind,
    orgId: a.orgId,
    ...(a.description ? { description: a.description } : {}),
    venue: { ...a.venue, location },
    ...(from ? { distanceM: Math.round(distanceM(from, location)) } : {}),
    start: toShanghaiIso(a.start),
    end: toShanghaiIso(a.end),
    capacity: a.capacity,
    seatsLeft: held ? seatsLeft(held) : a.capacity,
    waitlisted: held?.waitlist.length ?? 0,
    gives: { ...a.gives, points: activityCredit({ points: a.gives.points, approved: a.pointsApproved }, 0) },
    ...(a.pointsReview?.status === 'pending' ? { pointsAwaitingApproval: a.gives.points } : {}),
  };
}

/** A sign-up as the rider sees it: where the seats have it (its stored status may lag behind them). */
function toSignup(s: SignupDoc, held: Pick<Seats, 'seated' | 'waitlist'> | null, attendedAt?: string): Signup {
  const standing = requestStanding(s, held);
  return {
    id: s._id,
    activityId: s.activityId,
    // One being placed counts as waiting.
    status: standing.status === 'unplaced' || standing.status === 'pending' ? 'waitlisted' : standing.status,
    ...(standing.status === 'waitlisted' ? { position: standing.position } : {}),
    signedAt: toShanghaiIso(s.requestedAt),
    ...(attendedAt ? { attendedAt: toShanghaiIso(attendedAt) } : {}),
  };
}

async function withSeats(ctx: Ctx, docs: ActivityDoc[], from?: { lat: number; lng: number }): Promise<Activity[]> {
  const held = await Promise.all(docs.map((a) => ctx.deps.store.get(activitySeats, a._id)));
  return docs.map((a, i) => toActivity(a, held[i], from));
}

async function activityOrFail(ctx: Ctx, id: string): Promise<ActivityDoc> {
  const a = await ctx.deps.store.get(activities, id);
  if (!a) throw notFound('找不到这个活动');
  return a;
}

/** Cadres whose committees hold the activity's, its creator, and staff of the station hosting it. */
export function organises(user: UserDoc, orgs: readonly OrgNode[], a: Pick<ActivityDoc, 'orgId' | 'createdBy' | 'venue'>): boolean {
  if (a.createdBy === user._id || isCadreOf(user, orgs, a.orgId)) return true;
  return a.venue.stationId !== undefined && isStaffOf(user, a.venue.stationId);
}

export const signupId = (activityId: string, riderId: string) => `${activityId}:${riderId}`;

const FULL = '名额和候补都已满';

/**
 * A cadre publishes for a committee in their scope; staff for their own station (the activity's committee is the
 * station's). The seats document is written with the activity. Points a cadre sets stand; staff offering more than
 * the check-in credit file them for the station committee's cadres to approve (`activity-points`), and until then
 * attending credits the check-in credit at most.
 */
export async function create(ctx: Ctx, input: ParsedInputOf<'activities', 'create'>): Promise<OutputOf<'activities', 'create'>> {
  const { user, deps, now } = ctx;
  const stationId = input.venue.stationId;
  const station = stationId ? await getStation(deps.store, stationId) : null;
  if (stationId && !station) throw notFound('找不到这个驿站');
  const cadre = isCadreOf(user, await allOrgs(deps.store), input.orgId);
  const staff = station !== null && stationId !== undefined && isStaffOf(user, stationId) && station.orgId === input.orgId;
  if (!cadre && !staff) throw forbidden('只能为本团委（及下级）或本驿站发布活动');
  if (Date.parse(input.start) <= now.getTime()) throw expired('活动开始时间应晚于现在');
  const doc: ActivityDoc = {
    _id: deps.newId(),
    title: input.title,
    kind: input.kind,
    orgId: input.orgId,
    ...(input.description ? { description: input.description } : {}),
    venue: { name: input.venue.name, address: input.venue.address, ...(stationId ? { stationId } : {}) },
    location: geoPoint(input.venue.location),
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
    capacity: input.capacity,
    gives: input.gives,
    pointsApproved: cadre,
    createdBy: user._id,
    createdAt: now.toISOString(),
  };
  const held = newSeats(doc._id, doc.capacity);
  const needsApproval = !doc.pointsApproved && doc.gives.points > CHECKIN_POINTS;
  const stored = await deps.store.transaction(async (tx) => {
    const pointsReview = needsApproval
      ? {
          id: await fileReview(tx, ctx, user, activityPointsKind, {
            orgId: doc.orgId,
            payload: { activityId: doc._id, title: doc.title, points: doc.gives.points, venue: doc.venue.name },
          }),
          status: 'pending' as const,
        }
      : undefined;
    const full: ActivityDoc = { ...doc, ...(pointsReview ? { pointsReview } : {}) };
    await tx.insert(activities, full);
    await tx.insert(activitySeats, held);
    return full;
  });
  return { activity: toActivity(stored, held) };
}

/** What is on this week, soonest first; with a location, each with its distance. */
export async function list(ctx: Ctx, input: ParsedInputOf<'activities', 'list'>): Promise<OutputOf<'activities', 'list'>> {
  const { deps, now } = ctx;
  const page = await deps.store.find(activities, {
    where: { start: { $gte: new Date(now.getTime() - DAY_MS).toISOString(), $lt: new Date(now.getTime() + ACTIVITY_LIMITS.weekDays * DAY_MS).toISOString() } },
    orderBy: [['start', 'asc']],
    limit: LIST_READ,
  });
  const from = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : undefined;
  return {
    activities: await withSeats(
      ctx,
      page.items.filter((a) => inWeek(a, now)),
      from,
    ),
  };
}

export async function get(ctx: Ctx, input: ParsedInputOf<'activities', 'get'>): Promise<OutputOf<'activities', 'get'>> {
  const a = await activityOrFail(ctx, input.id);
  const id = signupId(a._id, ctx.user._id);
  const [held, s, came] = await Promise.all([ctx.deps.store.get(activitySeats, a._id), ctx.deps.store.get(signups, id), ctx.deps.store.get(attendance, id)]);
  return { activity: toActivity(a, held), ...(s ? { signup: toSignup(s, held, came?.at) } : {}) };
}

/**
 * Writes the keyed sign-up (one per rider and activity): a new one, or over a cancelled one (with a new ticket). One
 * left requested by a call that stopped short is taken up again as it is. Anything else is a conflict.
 */
async function writeSignup(ctx: Ctx, doc: SignupDoc): Promise<SignupDoc> {
  const { store } = ctx.deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await store.insert(signups, doc);
      return doc;
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
    }
    const existing = await store.get(signups, doc._id);
    if (existing?.status === 'requested') return existing;
    if (existing && existing.status !== 'cancelled') throw conflict('你已经报名了这个活动');
    if (!existing) continue;
    const { _id, ...fields } = doc;
    const again = { ...fields, confirmedAt: null, cancelledAt: null, full: null };
    if (await store.updateIf(signups, _id, { status: 'cancelled', ticket: existing.ticket }, { set: again })) return doc;
  }
  throw conflict('你已经报名了这个活动');
}

/**
 * The rider signs up: the keyed sign-up is written as requested and placed on the activity's seats
 * (capabilities/seating/seating.ts), so seats are never oversold and the waitlist keeps the order the sign-ups came in; refused at
 * once when seats and waitlist are both full. Nobody in a crowd is told to try again. The rider gets an inbox
 * confirmation.
 */
export async function signUp(ctx: Ctx, input: ParsedInputOf<'activities', 'signUp'>): Promise<OutputOf<'activities', 'signUp'>> {
  const { user, deps, now } = ctx;
  const [a, held] = await Promise.all([deps.store.get(activities, input.activityId), deps.store.get(activitySeats, input.activityId)]);
  if (!a || !held) throw notFound('找不到这个活动');
  if (!signupOpen(a, now)) throw expired('活动已开始，报名已截止');
  if (isFull(held, ACTIVITY_LIMITS.waitlistMax)) throw conflict(FULL);
  const id = signupId(a._id, user._id);
  const own = await writeSignup(ctx, {
    _id: id,
    activityId: a._id,
    riderId: user._id,
    orgId: a.orgId,
    status: 'requested',
    ticket: newTicket(id, deps.newId()),
    requestedAt: now.toISOString(),
  });
  const placed: Placed = await placeSignup(ctx, own, held);
  if (placed.status === 'full') throw conflict(FULL);
  const signup = toSignup(own, placed.seats);
  const when = toShanghaiIso(a.start).slice(5, 16).replace('T', ' ');
  const notice: Notice = {
    title: signup.status === 'confirmed' ? '活动报名成功' : '已进入活动候补',
    body:
      signup.status === 'confirmed'
        ? `「${a.title}」${when} 在 ${a.venue.name}，到场后出示你的签到码即可签到。`
        : `「${a.title}」名额已满，你是候补第 ${signup.position ?? 1} 位，有人取消会自动为你递补并通知你。`,
    link: MINE_LINK,
  };
  if (await notifyOnce(deps, now, `signup:${own.ticket}`, user._id, notice)) await push(deps, user, notice, 'activitySignup');
  return { signup };
}

/** The rider cancels before the start: a held seat goes at once to the first on the waitlist, who is told (once). */
export async function cancel(ctx: Ctx, input: ParsedInputOf<'activities', 'cancel'>): Promise<OutputOf<'activities', 'cancel'>> {
  const { user, deps, now } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!signupOpen(a, now)) throw expired('活动已开始，不能取消');
  const s = await deps.store.get(signups, signupId(a._id, user._id));
  if (!s) throw notFound('你没有报名这个活动');
  const target = activitySeatsOf(ctx, a._id);
  if (!(await cancelRequest(deps.store, target, s, now))) {
    await finishCancel(deps.store, target, s, now);
    throw conflict('这条报名已经取消了');
  }
  return { signup: toSignup({ ...s, status: 'cancelled', cancelledAt: now.toISOString() }, null) };
}

/** The caller's sign-ups, newest first, with live waitlist positions and attendance. */
export async function mine(ctx: Ctx): Promise<OutputOf<'activities', 'mine'>> {
  const { user, deps } = ctx;
  const own = await findAll(deps.store, signups, { where: { riderId: user._id }, orderBy: [['requestedAt', 'desc']] });
  // A request whose call ended before it was placed (a timeout) is placed now.
  for (const s of own.filter((x) => x.status === 'requested')) await placeSignup(ctx, s);
  const list = await Promise.all(
    own.map(async (s) => {
      const [current, a, held, came] = await Promise.all([
        deps.store.get(signups, s._id),
        deps.store.get(activities, s.activityId),
        deps.store.get(activitySeats, s.activityId),
        deps.store.get(attendance, s._id),
      ]);
      if (!current || !a || current.full) return null;
      const entry: MySignup = {
        ...toSignup(current, held, came?.at),
        activity: { id: a._id, title: a.title, kind: a.kind, start: toShanghaiIso(a.start), end: toShanghaiIso(a.end), venueName: a.venue.name },
      };
      return entry;
    }),
  );
  return { signups: list.filter((s): s is MySignup => s !== null) };
}

/**
 * Staff of the hosting station or an organiser scan a signed-up rider's personal code, around the activity's time.
 * One transaction uses the code, writes the attendance (once per rider and activity, never changed), credits the
 * activity's points (as far as they were approved, and within the rider's daily cap, kept on a keyed per-rider-day
 * document) under a key per activity and rider, and, at a station, records the visit in the station's day figures
 * through the check-in domain.
 */
export async function attend(ctx: Ctx, input: ParsedInputOf<'activities', 'attend'>): Promise<OutputOf<'activities', 'attend'>> {
  const { user, deps, now } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!organises(user, await allOrgs(deps.store), a)) throw forbidden('只有活动所在驿站的工作人员或组织者可以扫码签到');
  if (!scanOpen(a, now)) throw expired('不在活动签到时间内（开始前 1 小时至结束后 1 小时）');
  const { rider, ref } = await scanRiderCode(ctx, input.code, a.venue.stationId ?? a._id);
  const id = signupId(a._id, rider._id);
  const [station, signedUp, held] = await Promise.all([
    a.venue.stationId ? getStation(deps.store, a.venue.stationId) : null,
    deps.store.get(signups, id),
    deps.store.get(activitySeats, a._id),
  ]);
  // The seats say who holds one; the sign-up must still be that one inside the transaction.
  const standing = signedUp && held ? requestStanding(signedUp, held).status : 'none';
  if (standing !== 'confirmed')
    throw notFound(standing === 'waitlisted' || standing === 'unplaced' ? '这位骑手还在候补，没有名额' : '这位骑手没有报名这个活动');
  const ticket = signedUp!.ticket;
  const checkinId = deps.newId();
  const at = now.toISOString();
  return withCodeUse(deps.store, async (tx) => {
    const s = await tx.get(signups, id);
    if (!s || s.ticket !== ticket || s.status === 'cancelled') throw notFound('这位骑手没有报名这个活动');
    if (await tx.get(attendance, id)) throw conflict('这位骑手已经签到过了');
    await useCode(tx, { _id: ref, riderId: rider._id, use: 'activity', at });
    const dayId = `${rider._id}:${shanghaiDay(now)}`;
    const creditedToday = (await tx.get(activityPointDays, dayId))?.points ?? 0;
    const points = activityCredit({ points: a.gives.points, approved: a.pointsApproved }, creditedToday);
    if (points > 0) await tx.set(activityPointDays, { _id: dayId, points: creditedToday + points });
    await tx.insert(attendance, { _id: id, activityId: a._id, riderId: rider._id, orgId: a.orgId, at, byId: user._id, pointsAwarded: points });
    if (points > 0) {
      await appendEntry(tx, {
        _id: `activity:${id}`,
        userId: rider._id,
        delta: points,
        reason: 'activity',
        at,
        note: a.title,
        ...(rider.orgId ? { orgId: rider.orgId } : {}),
      });
    }
    if (station) await recordCheckin(tx, { station, rider, checkinId, ref: `activity:${id}`, now });
    return { riderName: rider.displayName, pointsAwarded: points, visit: station !== null };
  });
}

/** Activities the caller organises, from a month back, soonest first. */
export async function organised(ctx: Ctx): Promise<OutputOf<'activities', 'organised'>> {
  const { user, deps, now } = ctx;
  const orgs = await allOrgs(deps.store);
  const page = await deps.store.find(activities, {
    where: { start: { $gte: new Date(now.getTime() - 30 * DAY_MS).toISOString() } },
    orderBy: [['start', 'asc']],
    limit: LIST_READ,
  });
  return {
    activities: await withSeats(
      ctx,
      page.items.filter((a) => organises(user, orgs, a)),
    ),
  };
}

/** Sign-ups in order (confirmed, then the waitlist in its order) with who has been scanned in. */
export async function roster(ctx: Ctx, input: ParsedInputOf<'activities', 'roster'>): Promise<OutputOf<'activities', 'roster'>> {
  const { user, deps } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!organises(user, await allOrgs(deps.store), a)) throw forbidden('只有活动的组织者可以查看报名名单');
  const [{ held, live }, came] = await Promise.all([
    liveSignups(deps.store, a._id),
    findAll(deps.store, attendance, { where: { activityId: a._id }, orderBy: [['at', 'asc']] }),
  ]);
  const arrived = new Map(came.map((c) => [c._id, c.at]));
  const rank = (s: SignupDoc) => {
    const standing = held ? standingOf(held, s.ticket) : { status: 'unplaced' as const };
    return standing.status === 'confirmed' ? 0 : standing.status === 'waitlisted' ? standing.position : null;
  };
  const placed = live.filter((s) => rank(s) !== null);
  const names = await usersById(
    deps.store,
    placed.map((s) => s.riderId),
  );
  const entries: RosterEntry[] = [...placed]
    .sort((x, y) => (rank(x) ?? 0) - (rank(y) ?? 0))
    .map((s) => {
      const view = toSignup(s, held ?? null, arrived.get(s._id));
      return {
        riderName: names.get(s.riderId)?.displayName ?? '骑手',
        status: view.status,
        ...(view.position !== undefined ? { position: view.position } : {}),
        signedAt: view.signedAt,
        ...(view.attendedAt ? { attendedAt: view.attendedAt } : {}),
      };
    });
  return { activity: toActivity(a, held), signups: entries, attended: came.length };
}

/** The organiser messages everyone holding a seat, in the inbox (and a subscribe message where allowed). */
export async function message(ctx: Ctx, input: ParsedInputOf<'activities', 'message'>): Promise<OutputOf<'activities', 'message'>> {
  const { user, deps } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!organises(user, await allOrgs(deps.store), a)) throw forbidden('只有活动的组织者可以给报名者发消息');
  const placed = await seatedSignups(deps.store, a._id);
  const notice: Notice = { title: `活动通知：${a.title}`, body: input.body, link: MINE_LINK };
  // In chunks, so no one transaction grows past what CloudBase commits comfortably.
  for (let i = 0; i < placed.length; i += NOTIFY_CHUNK) {
    const chunk = placed.slice(i, i + NOTIFY_CHUNK);
    await deps.store.transaction(async (tx) => {
      for (const s of chunk) await notify(tx, ctx, s.riderId, notice);
    });
  }
  const riders = await usersById(
    deps.store,
    placed.map((s) => s.riderId),
  );
  for (const s of placed) await push(deps, riders.get(s.riderId) ?? null, notice, 'activityMessage');
  return { sent: placed.length };
}
