import type { Checkin, OutputOf, ParsedInputOf } from '../../types';
import { isAdmin, isStaffOf } from '../core/access';
import { limitGuesses } from '../core/attempts';
import { AppError, conflict, forbidden, notFound } from '../core/errors';
import { users, usersById, type UserDoc } from '../core/identity';
import type { Ctx } from '../core/runtime';
import type { Tx } from '../core/store/docstore.port';
import { findAll } from '../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../core/time';
import { appendEntry } from '../points/ledger';
import { CHECKIN_CATEGORY, CODE_TTL_SECONDS, checkinCredit, typedCodeCounters } from '../points/points-rules';
import { countCheckin } from '../reports/rollups';
import { getStation } from '../stations/stations.service';
import type { StationDoc } from '../stations/collections';
import { OFFLINE_STEP_SECONDS, isOfflineCode } from '../../types/offline-code';
import { isShortCode, issueCheckinCode, resolveCheckinCode } from './checkin-token';
import { checkins, codes, riderDays, stationDays, type RiderDayDoc, type StationDayDoc } from './collections';
import { claimOfflineStep, issueOfflineKey, verifyOfflineCode } from './offline-key';

const USED = '该签到码已使用';

function failure(outcome: { code: 'FORBIDDEN' | 'EXPIRED' }): AppError {
  return outcome.code === 'EXPIRED'
    ? new AppError('EXPIRED', '签到码已过期，请让骑手刷新后再扫')
    : new AppError('FORBIDDEN', '签到码无效，请让骑手出示本人的签到码');
}

async function stationOrFail(ctx: Ctx, stationId: string): Promise<StationDoc> {
  const station = await getStation(ctx.deps.store, stationId);
  if (!station) throw notFound('找不到这个驿站');
  return station;
}

/** Any signed-in user (every user is a rider) gets a fresh single-use code. */
export async function issueCode({ user, deps, now }: Ctx): Promise<OutputOf<'checkin', 'issueCode'>> {
  const record = await deps.store.transaction((tx) => issueCheckinCode(tx, deps.secrets.tokenKey, user._id, now));
  return { code: record.token, shortCode: record.shortCode, expiresAt: toShanghaiIso(record.expiresAt), ttlSeconds: CODE_TTL_SECONDS };
}

/** What a scanned code names, and how the redeem transaction marks it used. */
interface Scanned {
  riderId: string;
  /** Names this use of the code: the check-in's `nonce` and the ledger entry's key. */
  ref: string;
  /** Inside the transaction: marks the code used, or throws CONFLICT when it already was. */
  claim(tx: Tx, checkinId: string, at: string): Promise<void>;
}

/** An online code (scanned token or typed short code); typed short codes are counted against staff and station. */
async function scanOnline({ user, deps, now }: Ctx, station: StationDoc, code: string): Promise<Scanned> {
  const resolve = async () => {
    const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, code, now);
    if (!resolved.ok) throw failure(resolved);
    if (resolved.record.usedAt) throw conflict(USED);
    return resolved.record;
  };
  // Only typed short codes can be guessed (a scanned token is signed).
  const record = isShortCode(code)
    ? await limitGuesses(deps.store, typedCodeCounters('checkin-code', user._id, station._id), now, resolve)
    : await resolve();
  const nonce = record._id;
  return {
    riderId: record.userId,
    ref: nonce,
    async claim(tx, checkinId, at) {
      const current = await tx.get(codes, nonce);
      if (!current || current.usedAt) throw conflict(USED);
      await tx.update(codes, nonce, { usedAt: at, checkinId });
    },
  };
}

/** An offline code: made on the rider's device from its key and the time step. */
async function scanOffline({ deps, now }: Ctx, code: string): Promise<Scanned> {
  const verified = await verifyOfflineCode(deps.store, deps.secrets.fieldKey, code, now);
  if (!verified.ok) throw failure(verified);
  const { key, parts } = verified;
  return {
    riderId: key.userId,
    ref: `offline:${key._id}:${parts.step}`,
    claim: (tx) => claimOfflineStep(tx, key._id, parts.step),
  };
}

/**
 * Inside the redeem transaction, after the code is marked used: the credit under the caps from the rider's day, the
 * check-in, the station's day figures and, when it earns points, the ledger entry — every document by `_id`.
 * Activities held at a station call it too, so attending counts as a visit.
 */
export async function recordCheckin(
  tx: Tx,
  { station, rider, checkinId, ref, now }: { station: StationDoc; rider: UserDoc; checkinId: string; ref: string; now: Date },
): Promise<OutputOf<'checkin', 'redeem'>> {
  const at = now.toISOString();
  const day = shanghaiDay(now);
  const riderDayId = `${rider._id}:${day}`;
  const stationDayId = `${station._id}:${day}`;
  const riderDay: RiderDayDoc = (await tx.get(riderDays, riderDayId)) ?? { _id: riderDayId, credited: 0, creditedStations: [], visitedStations: [] };
  const stationDay: StationDayDoc = (await tx.get(stationDays, stationDayId)) ?? {
    _id: stationDayId,
    stationId: station._id,
    orgId: station.orgId,
    day,
    visits: 0,
    uniqueRiders: 0,
    points: 0,
  };
  const credit = checkinCredit({
    creditedToday: riderDay.credited,
    creditedAtStationToday: riderDay.creditedStations.filter((s) => s === station._id).length,
  });
  const firstVisitHere = !riderDay.visitedStations.includes(station._id);
  await tx.insert(checkins, { _id: checkinId, stationId: station._id, riderId: rider._id, at, day, pointsAwarded: credit.points, nonce: ref });
  await tx.set(riderDays, {
    ...riderDay,
    credited: riderDay.credited + (credit.points > 0 ? 1 : 0),
    creditedStations: credit.points > 0 ? [...riderDay.creditedStations, station._id] : riderDay.creditedStations,
    visitedStations: firstVisitHere ? [...riderDay.visitedStations, station._id] : riderDay.visitedStations,
  });
  const visitsToday = stationDay.visits + 1;
  await tx.set(stationDays, {
    ...stationDay,
    visits: visitsToday,
    uniqueRiders: stationDay.uniqueRiders + (firstVisitHere ? 1 : 0),
    points: stationDay.points + credit.points,
  });
  await countCheckin(tx, { stationId: station._id, orgId: stationDay.orgId, riderId: rider._id, day, points: credit.points, firstVisitToday: firstVisitHere });
  if (credit.points > 0) {
    await appendEntry(tx, {
      _id: `checkin:${ref}`,
      userId: rider._id,
      delta: credit.points,
      reason: 'checkin',
      at,
      note: station.name,
      category: CHECKIN_CATEGORY,
      ...(rider.orgId ? { orgId: rider.orgId } : {}),
    });
  }
  return {
    checkinId,
    pointsAwarded: credit.points,
    creditReason: credit.reason,
    note: credit.note,
    rider: { id: rider._id, displayName: rider.displayName },
    visitsToday,
  };
}

/**
 * Staff scan (or type) a rider's code, online or offline. The code is verified first (signature or MAC, expiry,
 * issued by us); then one transaction marks the code used and records the check-in. Every document is read and
 * written by `_id`, so a second scan of the code, concurrent or not, meets the code already used (or a write
 * conflict).
 */
export async function redeem(ctx: Ctx, input: ParsedInputOf<'checkin', 'redeem'>): Promise<OutputOf<'checkin', 'redeem'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站的工作人员可以扫码签到');
  const station = await stationOrFail(ctx, input.stationId);
  const scanned = isOfflineCode(input.code) ? await scanOffline(ctx, input.code) : await scanOnline(ctx, station, input.code);
  if (scanned.riderId === user._id) throw forbidden('不能为自己的签到码签到');
  const rider = await deps.store.get(users, scanned.riderId);
  if (!rider) throw forbidden('签到码无效，请让骑手出示本人的签到码');
  const checkinId = deps.newId();
  return deps.store.transaction(async (tx) => {
    await scanned.claim(tx, checkinId, now.toISOString());
    return recordCheckin(tx, { station, rider, checkinId, ref: scanned.ref, now });
  });
}

/** A key for the rider's device to show offline codes for a while (the secret is returned in clear only here). */
export async function issueOfflineCodeKey({ user, deps, now }: Ctx): Promise<OutputOf<'checkin', 'issueOfflineKey'>> {
  const { key, secret } = await issueOfflineKey(deps.store, deps.secrets.fieldKey, user._id, now);
  return {
    keyId: key._id,
    secret,
    validUntil: toShanghaiIso(key.validUntil),
    serverTime: toShanghaiIso(now),
    stepSeconds: OFFLINE_STEP_SECONDS,
  };
}

/** The rider's code screen polls: was my code scanned, and what did it earn? Only the code's own rider may ask. */
export async function codeStatus({ user, deps, now }: Ctx, input: ParsedInputOf<'checkin', 'codeStatus'>): Promise<OutputOf<'checkin', 'codeStatus'>> {
  const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now, true);
  if (!resolved.ok || resolved.record.userId !== user._id) throw forbidden('这不是你的签到码');
  const code = resolved.record;
  if (!code.usedAt) return { redeemed: false, expired: resolved.expired };
  // Used elsewhere (an activity, a meal, a volunteer's clock): scanned, though not as a station visit.
  if (!code.checkinId) return { redeemed: true, expired: resolved.expired };
  const checkin = await deps.store.get(checkins, code.checkinId);
  const station = checkin ? await getStation(deps.store, checkin.stationId) : null;
  return {
    redeemed: true,
    expired: resolved.expired,
    ...(checkin ? { pointsAwarded: checkin.pointsAwarded } : {}),
    ...(station ? { stationName: station.name } : {}),
  };
}

/** Staff (or an admin) see today's visits at their station, newest first. */
export async function today(ctx: Ctx, input: ParsedInputOf<'checkin', 'today'>): Promise<OutputOf<'checkin', 'today'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId) && !isAdmin(user)) throw forbidden('只有本驿站的工作人员可以查看');
  await stationOrFail(ctx, input.stationId);
  const visits = await findAll(deps.store, checkins, { where: { stationId: input.stationId, day: shanghaiDay(now) }, orderBy: [['at', 'desc']] });
  const riders = await usersById(deps.store, visits.map((v) => v.riderId));
  const list: Checkin[] = visits.map((v) => ({
    id: v._id,
    stationId: v.stationId,
    riderId: v.riderId,
    riderName: riders.get(v.riderId)?.displayName ?? '骑手',
    at: toShanghaiIso(v.at),
    pointsAwarded: v.pointsAwarded,
  }));
  return { visits: list.length, uniqueRiders: new Set(visits.map((v) => v.riderId)).size, checkins: list };
}
