import type { Checkin, OutputOf, ParsedInputOf } from '../../types';
import { isAdmin, isStaffOf } from '../core/access';
import { limitGuesses } from '../core/attempts';
import { AppError, conflict, forbidden, notFound } from '../core/errors';
import { users, usersById } from '../core/identity';
import type { Ctx } from '../core/runtime';
import { findAll } from '../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../core/time';
import { appendEntry } from '../points/ledger';
import { CHECKIN_CATEGORY, CODE_TTL_SECONDS, checkinCredit, typedCodeCounters } from '../points/points-rules';
import { getStation } from '../stations/stations.service';
import type { StationDoc } from '../stations/collections';
import { isShortCode, issueCheckinCode, resolveCheckinCode, type ResolveOutcome } from './checkin-token';
import { checkins, codes, riderDays, stationDays, type RiderDayDoc, type StationDayDoc } from './collections';

const USED = '该签到码已使用';

function failure(outcome: Extract<ResolveOutcome, { ok: false }>): AppError {
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

/**
 * Staff scan (or type) a rider's code. The code is verified first (signature, expiry, issued by us); then one
 * transaction marks the code used, computes the credit under the caps from the rider's day, writes the check-in,
 * the station's day figures and, when it earns points, the ledger entry. Every document is read and written by
 * `_id`, so a second scan of the code, concurrent or not, meets the code already used (or a write conflict).
 */
export async function redeem(ctx: Ctx, input: ParsedInputOf<'checkin', 'redeem'>): Promise<OutputOf<'checkin', 'redeem'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站的工作人员可以扫码签到');
  const station = await stationOrFail(ctx, input.stationId);
  const resolve = async () => {
    const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now);
    if (!resolved.ok) throw failure(resolved);
    if (resolved.record.usedAt) throw conflict(USED);
    return resolved.record;
  };
  // Only typed short codes can be guessed (a scanned token is signed): they are counted against staff and station.
  const code = isShortCode(input.code)
    ? await limitGuesses(deps.store, typedCodeCounters('checkin-code', user._id, station._id), now, resolve)
    : await resolve();
  const nonce = code._id;
  if (code.userId === user._id) throw forbidden('不能为自己的签到码签到');
  const rider = await deps.store.get(users, code.userId);
  if (!rider) throw forbidden('签到码无效，请让骑手出示本人的签到码');

  const checkinId = deps.newId();
  const at = now.toISOString();
  const day = shanghaiDay(now);
  return deps.store.transaction(async (tx) => {
    const code = await tx.get(codes, nonce);
    if (!code || code.usedAt) throw conflict(USED);
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
    await tx.update(codes, nonce, { usedAt: at, checkinId });
    await tx.insert(checkins, { _id: checkinId, stationId: station._id, riderId: rider._id, at, day, pointsAwarded: credit.points, nonce });
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
    if (credit.points > 0) {
      await appendEntry(tx, {
        _id: `checkin:${nonce}`,
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
  });
}

/** The rider's code screen polls: was my code scanned, and what did it earn? Only the code's own rider may ask. */
export async function codeStatus({ user, deps, now }: Ctx, input: ParsedInputOf<'checkin', 'codeStatus'>): Promise<OutputOf<'checkin', 'codeStatus'>> {
  const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now, true);
  if (!resolved.ok || resolved.record.userId !== user._id) throw forbidden('这不是你的签到码');
  const code = resolved.record;
  if (!code.usedAt || !code.checkinId) return { redeemed: false, expired: resolved.expired };
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
