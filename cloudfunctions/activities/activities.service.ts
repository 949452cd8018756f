/** Activities (活动): organisers publish, riders sign up (seats and an ordered waitlist), staff scan them in. */
import { ACTIVITY_LIMITS, type Activity, type MySignup, type OutputOf, type ParsedInputOf, type RosterEntry, type Signup } from '../../types';
import { isCadreOf, isStaffOf, type OrgNode } from '../core/access';
import { shanghaiDay } from '../core/time';
import { conflict, expired, forbidden, notFound } from '../core/errors';
import { users, usersById, type UserDoc } from '../core/identity';
import { distanceM } from '../core/geo';
import type { Ctx } from '../core/runtime';
import { positionOf, release, settle, type SeatsDoc, type SettleTarget } from '../core/seating';
import { geoPoint, latLngOf } from '../core/store/docstore.port';
import { findAll } from '../core/store/find-all';
import { toShanghaiIso } from '../core/time';
import { notify, push, type Notice } from '../account/inbox';
import { recordCheckin, scanRiderCode } from '../checkin/checkin.service';
import { useCode, withCodeUse } from '../checkin/code-uses';
import { allOrgs } from '../orgs/orgs.service';
import { appendEntry } from '../points/ledger';
import { activityCredit, CHECKIN_POINTS } from '../points/points-rules';
import { fileReview } from '../review/submit';
import { getStation } from '../stations/stations.service';
import { inWeek, scanOpen, signupOpen } from './activities-rules';
import { activities, activityPointDays, activitySeats, attendance, signups, type ActivityDoc, type SignupDoc } from './collections';
import { activityPointsKind } from './activity-points-kind';

const MINE_LINK = '/packages/activities/pages/index/index';
/** Activities read for a week's list or an organiser's list. */
const LIST_READ = 300;
const DAY_MS = 86_400_000;
const NOTIFY_CHUNK = 50;

function toActivity(a: ActivityDoc, held: SeatsDoc | null | undefined, from?: { lat: number; lng: number }): Activity {
  const location = latLngOf(a.location);
  const confirmed = held?.confirmed ?? 0;
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
    seatsLeft: Math.max(0, a.capacity - confirmed),
    waitlisted: held?.waitlist.length ?? 0,
    gives: { ...a.gives, points: activityCredit({ points: a.gives.points, approved: a.pointsApproved }, 0) },
    ...(a.pointsReview?.status === 'pending' ? { pointsAwaitingApproval: a.gives.points } : {}),
  };
}

function toSignup(s: SignupDoc, held: SeatsDoc | null, attendedAt?: string): Signup {
  const position = s.status === 'waitlisted' && held ? positionOf(held, s._id) : undefined;
  return {
    id: s._id,
    activityId: s.activityId,
    status: s.status === 'requested' ? 'waitlisted' : s.status,
    ...(position !== undefined ? { position } : {}),
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

const seatsOf = (activityId: string): SettleTarget => ({
  requests: signups,
  seats: activitySeats,
  seatsId: activityId,
  waiting: { activityId, status: 'requested' },
  orderField: 'requestedAt',
  waitlistMax: ACTIVITY_LIMITS.waitlistMax,
});

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
  const held: SeatsDoc = { _id: doc._id, capacity: doc.capacity, confirmed: 0, waitlist: [] };
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
  return { activities: await withSeats(ctx, page.items.filter((a) => inWeek(a, now)), from) };
}

export async function get(ctx: Ctx, input: ParsedInputOf<'activities', 'get'>): Promise<OutputOf<'activities', 'get'>> {
  const a = await activityOrFail(ctx, input.id);
  const id = signupId(a._id, ctx.user._id);
  const [held, s, came] = await Promise.all([ctx.deps.store.get(activitySeats, a._id), ctx.deps.store.get(signups, id), ctx.deps.store.get(attendance, id)]);
  return { activity: toActivity(a, held), ...(s ? { signup: toSignup(s, held, came?.at) } : {}) };
}

/**
 * The rider signs up: the keyed sign-up is written as requested (a second is a conflict, a cancelled one may be
 * replaced), then placed on the activity's seats document in batches (core/seating.ts), so seats are never
 * oversold and the waitlist keeps the order of the requests. The rider gets an inbox confirmation.
 */
export async function signUp(ctx: Ctx, input: ParsedInputOf<'activities', 'signUp'>): Promise<OutputOf<'activities', 'signUp'>> {
  const { user, deps, now } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!signupOpen(a, now)) throw expired('活动已开始，报名已截止');
  const id = signupId(a._id, user._id);
  await deps.store.transaction(async (tx) => {
    const existing = await tx.get(signups, id);
    if (existing && existing.status !== 'cancelled') throw conflict('你已经报名了这个活动');
    await tx.set(signups, { _id: id, activityId: a._id, riderId: user._id, orgId: a.orgId, status: 'requested', requestedAt: now.toISOString() });
  });
  await settle(deps.store, seatsOf(a._id), id, now);
  const [doc, held] = await Promise.all([deps.store.get(signups, id), deps.store.get(activitySeats, a._id)]);
  if (!doc) throw notFound('找不到这条报名');
  if (doc.full) throw conflict('名额和候补都已满');
  const signup = toSignup(doc, held);
  const when = toShanghaiIso(a.start).slice(5, 16).replace('T', ' ');
  const notice: Notice = {
    title: signup.status === 'confirmed' ? '活动报名成功' : '已进入活动候补',
    body:
      signup.status === 'confirmed'
        ? `「${a.title}」${when} 在 ${a.venue.name}，到场后出示你的签到码即可签到。`
        : `「${a.title}」名额已满，你是候补第 ${signup.position ?? 1} 位，有人取消会自动为你递补并通知你。`,
    link: MINE_LINK,
  };
  await deps.store.transaction((tx) => notify(tx, ctx, user._id, notice));
  await push(deps, user, notice, 'activitySignup');
  return { signup };
}

/** The rider cancels before the start: a confirmed seat goes at once to the first on the waitlist, who is told. */
export async function cancel(ctx: Ctx, input: ParsedInputOf<'activities', 'cancel'>): Promise<OutputOf<'activities', 'cancel'>> {
  const { user, deps, now } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!signupOpen(a, now)) throw expired('活动已开始，不能取消');
  const id = signupId(a._id, user._id);
  const at = now.toISOString();
  const notice: Notice = { title: '候补转正', body: `有名额空出，你在「${a.title}」的候补已转为正式报名。`, link: MINE_LINK };
  const result = await deps.store.transaction(async (tx) => {
    const s = await tx.get(signups, id);
    if (!s) throw notFound('你没有报名这个活动');
    if (s.status === 'cancelled' || s.status === 'requested') throw conflict('这条报名已经取消了');
    let promoted: string | null = null;
    const held = await tx.get(activitySeats, a._id);
    if (held) {
      const freed = release(held, id, s.status);
      await tx.set(activitySeats, { _id: held._id, ...freed.seats, waitlist: [...freed.seats.waitlist] });
      const next = freed.promoted ? await tx.get(signups, freed.promoted) : null;
      if (next) {
        await tx.update(signups, next._id, { status: 'confirmed', confirmedAt: at });
        await notify(tx, ctx, next.riderId, notice);
        promoted = next.riderId;
      }
    }
    const cancelled: SignupDoc = { ...s, status: 'cancelled', cancelledAt: at };
    await tx.set(signups, cancelled);
    return { cancelled, promoted };
  });
  if (result.promoted) await push(deps, await deps.store.get(users, result.promoted), notice, 'activityPromoted');
  return { signup: toSignup(result.cancelled, null) };
}

/** The caller's sign-ups, newest first, with live waitlist positions and attendance. */
export async function mine(ctx: Ctx): Promise<OutputOf<'activities', 'mine'>> {
  const { user, deps, now } = ctx;
  const own = await findAll(deps.store, signups, { where: { riderId: user._id }, orderBy: [['requestedAt', 'desc']] });
  // A request whose call ended before it was placed (a timeout) is placed now.
  for (const s of own.filter((x) => x.status === 'requested')) await settle(deps.store, seatsOf(s.activityId), s._id, now);
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
  const station = a.venue.stationId ? await getStation(deps.store, a.venue.stationId) : null;
  const checkinId = deps.newId();
  const at = now.toISOString();
  return withCodeUse(deps.store, async (tx) => {
    const s = await tx.get(signups, id);
    if (!s || s.status !== 'confirmed') throw notFound(s?.status === 'waitlisted' ? '这位骑手还在候补，没有名额' : '这位骑手没有报名这个活动');
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
  return { activities: await withSeats(ctx, page.items.filter((a) => organises(user, orgs, a))) };
}

/** Sign-ups in order (confirmed, then the waitlist in its order) with who has been scanned in. */
export async function roster(ctx: Ctx, input: ParsedInputOf<'activities', 'roster'>): Promise<OutputOf<'activities', 'roster'>> {
  const { user, deps } = ctx;
  const a = await activityOrFail(ctx, input.activityId);
  if (!organises(user, await allOrgs(deps.store), a)) throw forbidden('只有活动的组织者可以查看报名名单');
  const [held, placed, came] = await Promise.all([
    deps.store.get(activitySeats, a._id),
    findAll(deps.store, signups, { where: { activityId: a._id, status: { $in: ['confirmed', 'waitlisted'] } }, orderBy: [['requestedAt', 'asc']] }),
    findAll(deps.store, attendance, { where: { activityId: a._id }, orderBy: [['at', 'asc']] }),
  ]);
  const arrived = new Map(came.map((c) => [c._id, c.at]));
  const names = await usersById(deps.store, placed.map((s) => s.riderId));
  const rank = (s: SignupDoc) => (s.status === 'confirmed' ? 0 : (positionOf(held ?? { waitlist: [] }, s._id) ?? 0));
  const entries: RosterEntry[] = [...placed]
    .sort((x, y) => rank(x) - rank(y))
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
  const placed = await findAll(deps.store, signups, { where: { activityId: a._id, status: 'confirmed' }, orderBy: [['requestedAt', 'asc']] });
  const notice: Notice = { title: `活动通知：${a.title}`, body: input.body, link: MINE_LINK };
  // In chunks, so no one transaction grows past what CloudBase commits comfortably.
  for (let i = 0; i < placed.length; i += NOTIFY_CHUNK) {
    const chunk = placed.slice(i, i + NOTIFY_CHUNK);
    await deps.store.transaction(async (tx) => {
      for (const s of chunk) await notify(tx, ctx, s.riderId, notice);
    });
  }
  const riders = await usersById(deps.store, placed.map((s) => s.riderId));
  for (const s of placed) await push(deps, riders.get(s.riderId) ?? null, notice, 'activityMessage');
  return { sent: placed.length };
}
