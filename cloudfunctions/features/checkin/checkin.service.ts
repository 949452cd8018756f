import type { Checkin, OutputOf, ParsedInputOf } from '../../../types';
import { isAdmin, isStaffOf } from '../../core/access';
import { limitGuesses } from '../../core/attempts';
import { AppError, conflict, forbidden, notFound } from '../../core/errors';
import type { UserDoc } from '../../core/identity';
import type { CallerCtx, Ctx } from '../../core/runtime';
import type { Tx } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { creditEntry } from '../../capabilities/ledger/ledger';
import { CHECKIN_CATEGORY, CODE_TTL_SECONDS, checkinCredit, typedCodeCounters } from '../points/points-rules';
import { countCheckin } from '../../capabilities/figures/facts';
import { getStation } from '../stations/stations.service';
import type { StationDoc } from '../stations/collections';
import { OFFLINE_STEP_SECONDS, isOfflineCode } from '../../../types/offline-code';
import { genuineToken, isShortCode, issueCheckinCode, resolveCheckinCode } from '../../capabilities/codes/checkin-token';
import { CODE_USED, codeUse, useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { checkins, riderDays, type RiderDayDoc } from '../../capabilities/codes/collections';
import { issueOfflineKey, offlineUseId, verifyOfflineCode } from '../../capabilities/codes/offline-key';

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
  const record = await issueCheckinCode(deps.store, deps.secrets.tokenKey, user, now);
  return { code: record.token, shortCode: record.shortCode, expiresAt: toShanghaiIso(record.expiresAt), ttlSeconds: CODE_TTL_SECONDS };
}

/** The rider a scanned code names (as they were when it was made), and the key its use is stored under. */
export interface ScannedCode {
  rider: Rider;
  /** The code's use (`<nonce>` online, `offline:<rider>:<step>` offline): the check-in's ref and ledger key. */
  ref: string;
  /** An offline code's time step. */
  offlineStep?: number;
}

export type Rider = Pick<UserDoc, '_id' | 'displayName' | 'orgId'>;

/** An online code (scanned token or typed short code); typed short codes are counted against staff and station. */
async function scanOnline({ user, deps, now }: Ctx, stationId: string, code: string): Promise<ScannedCode> {
  const resolve = async () => {
    const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, code, now);
    if (!resolved.ok) throw failure(resolved);
    return resolved.record;
  };
  // Only typed short codes can be guessed (a scanned token is signed).
  const record = isShortCode(code) ? await limitGuesses(deps.store, typedCodeCounters('checkin-code', user._id, stationId), now, resolve) : await resolve();
  return { rider: { _id: record.userId, displayName: record.riderName, ...(record.riderOrgId ? { orgId: record.riderOrgId } : {}) }, ref: record._id };
}

/** An offline code: made on the rider's device from its key and the time step. */
async function scanOffline({ deps, now }: Ctx, code: string): Promise<ScannedCode> {
  const verified = await verifyOfflineCode(deps.store, deps.secrets.fieldKey, code, now);
  if (!verified.ok) throw failure(verified);
  const { key, parts } = verified;
  const rider = { _id: key.userId, displayName: key.riderName, ...(key.riderOrgId ? { orgId: key.riderOrgId } : {}) };
  return { rider, ref: offlineUseId(key.userId, parts.step), offlineStep: parts.step };
}

/**
 * A rider's code scanned or typed at a place — a station's check-in, an activity, a meal, a care pack, a volunteer's
 * clock — verified (typed short codes are counted against the scanner and `countedAt`, the place's station where it
 * has one, so a station's limit covers every code typed there). Nothing is written: what the scan does inserts the
 * code's use (`useCode`) in its own transaction.
 */
export async function scanRiderCode(ctx: Ctx, code: string, countedAt: string): Promise<ScannedCode> {
  const scanned = isOfflineCode(code) ? await scanOffline(ctx, code) : await scanOnline(ctx, countedAt, code);
  if (scanned.rider._id === ctx.user._id) throw forbidden('不能扫自己的签到码');
  return scanned;
}

/**
 * Inside the transaction of a visit, after the code's use is inserted: the credit under the caps from the rider's
 * day, the check-in, the ledger credit and the figures' fact — every document the rider's or this visit's own, by
 * `_id`. Activities held at a station call it too, so attending counts as a visit.
 */
export async function recordCheckin(
  tx: Tx,
  { station, rider, checkinId, ref, offlineStep, now }: { station: StationDoc; rider: Rider; checkinId: string; ref: string; offlineStep?: number; now: Date },
): Promise<OutputOf<'checkin', 'redeem'>> {
  const at = now.toISOString();
  const day = shanghaiDay(now);
  const riderDayId = `${rider._id}:${day}`;
  const riderDay: RiderDayDoc = (await tx.get(riderDays, riderDayId)) ?? { _id: riderDayId, credited: 0, creditedStations: [] };
  const lastStep = riderDay.lastOfflineStep ?? 0;
  if (offlineStep !== undefined && lastStep >= offlineStep) throw conflict(lastStep === offlineStep ? CODE_USED : '骑手已出示过更新的签到码，请扫最新的');
  const credit = checkinCredit({
    creditedToday: riderDay.credited,
    creditedAtStationToday: riderDay.creditedStations.filter((s) => s === station._id).length,
  });
  await tx.insert(checkins, { _id: checkinId, stationId: station._id, riderId: rider._id, riderName: rider.displayName, at, day, pointsAwarded: credit.points, ref });
  if (credit.points > 0 || offlineStep !== undefined) {
    await tx.set(riderDays, {
      _id: riderDayId,
      credited: riderDay.credited + (credit.points > 0 ? 1 : 0),
      creditedStations: credit.points > 0 ? [...riderDay.creditedStations, station._id] : riderDay.creditedStations,
      ...(offlineStep !== undefined ? { lastOfflineStep: offlineStep } : riderDay.lastOfflineStep !== undefined ? { lastOfflineStep: riderDay.lastOfflineStep } : {}),
    });
  }
  if (credit.points > 0) {
    await creditEntry(tx, {
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
  await countCheckin(tx, { checkinId, stationId: station._id, orgId: station.orgId, riderId: rider._id, day, points: credit.points, now });
  return {
    checkinId,
    pointsAwarded: credit.points,
    creditReason: credit.reason,
    note: credit.note,
    rider: { id: rider._id, displayName: rider.displayName },
  };
}

/**
 * Staff scan (or type) a rider's code, online or offline. The code is verified first (signature or MAC, expiry,
 * issued by us); then one transaction inserts the code's use and records the check-in. Every document is the scan's
 * or the rider's own, by `_id`, so scans at one station never wait on each other, and a second scan of the code,
 * concurrent or not, meets the code's use and answers CONFLICT.
 */
export async function redeem(ctx: Ctx, input: ParsedInputOf<'checkin', 'redeem'>): Promise<OutputOf<'checkin', 'redeem'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站的工作人员可以扫码签到');
  // The station and the code are read at once; a missing station answers first.
  const [found, scanned] = await Promise.allSettled([stationOrFail(ctx, input.stationId), scanRiderCode(ctx, input.code, input.stationId)]);
  if (found.status === 'rejected') throw found.reason;
  if (scanned.status === 'rejected') throw scanned.reason;
  const station = found.value;
  const { rider, ref, offlineStep } = scanned.value;
  const checkinId = deps.newId();
  return withCodeUse(deps.store, async (tx) => {
    const visit = await recordCheckin(tx, { station, rider, checkinId, ref, ...(offlineStep !== undefined ? { offlineStep } : {}), now });
    await useCode(tx, { _id: ref, riderId: rider._id, use: 'checkin', at: now.toISOString(), placeName: station.name, pointsAwarded: visit.pointsAwarded });
    return visit;
  });
}

/** A key for the rider's device to show offline codes for a while (the secret is returned in clear only here). */
export async function issueOfflineCodeKey({ user, deps, now }: Ctx): Promise<OutputOf<'checkin', 'issueOfflineKey'>> {
  const { key, secret } = await issueOfflineKey(deps.store, deps.secrets.fieldKey, user, now);
  return {
    keyId: key._id,
    secret,
    validUntil: toShanghaiIso(key.validUntil),
    serverTime: toShanghaiIso(now),
    stepSeconds: OFFLINE_STEP_SECONDS,
  };
}

/**
 * The rider's code screen polls: was my code scanned, and what did it earn? Only the code's own rider may ask. A
 * token is checked by its signature alone and its use read by `_id`: one database request a poll.
 */
export async function codeStatus({ userId, deps, now }: CallerCtx, input: ParsedInputOf<'checkin', 'codeStatus'>): Promise<OutputOf<'checkin', 'codeStatus'>> {
  let status: { nonce: string; riderId: string; expired: boolean } | null = null;
  if (isShortCode(input.code)) {
    const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now, true);
    if (resolved.ok) status = { nonce: resolved.record._id, riderId: resolved.record.userId, expired: resolved.expired };
  } else {
    const token = genuineToken(deps.secrets.tokenKey, input.code, now);
    if (token) status = { nonce: token.payload.nonce, riderId: token.payload.uid, expired: token.expired };
  }
  if (!status || status.riderId !== userId) throw forbidden('这不是你的签到码');
  const use = await codeUse(deps.store, status.nonce);
  if (!use) return { redeemed: false, expired: status.expired };
  // Used elsewhere (an activity, a meal, a volunteer's clock): scanned, though not as a station visit.
  if (use.use !== 'checkin') return { redeemed: true, expired: status.expired };
  return {
    redeemed: true,
    expired: status.expired,
    ...(use.pointsAwarded !== undefined ? { pointsAwarded: use.pointsAwarded } : {}),
    ...(use.placeName ? { stationName: use.placeName } : {}),
  };
}

/** Staff (or an admin) see today's visits at their station, newest first. */
export async function today(ctx: Ctx, input: ParsedInputOf<'checkin', 'today'>): Promise<OutputOf<'checkin', 'today'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId) && !isAdmin(user)) throw forbidden('只有本驿站的工作人员可以查看');
  await stationOrFail(ctx, input.stationId);
  const visits = await findAll(deps.store, checkins, { where: { stationId: input.stationId, day: shanghaiDay(now) }, orderBy: [['at', 'desc']] });
  const list: Checkin[] = visits.map((v) => ({
    id: v._id,
    stationId: v.stationId,
    riderId: v.riderId,
    riderName: v.riderName,
    at: toShanghaiIso(v.at),
    pointsAwarded: v.pointsAwarded,
  }));
  return { visits: list.length, uniqueRiders: new Set(visits.map((v) => v.riderId)).size, checkins: list };
}
