import type { Checkin, OutputOf, ParsedInputOf } from '../../../types';
import { isAdmin, isStaffOf } from '../../core/access';
import { forbidden, notFound } from '../../core/errors';
import type { CallerCtx, Ctx } from '../../core/runtime';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { CODE_TTL_SECONDS } from '../../capabilities/codes/checkin-rules';
import { getStation } from '../../capabilities/orgs/station-directory';
import type { StationDoc } from '../../capabilities/orgs/station-directory';
import { OFFLINE_STEP_SECONDS } from '../../../types/offline-code';
import { genuineToken, isShortCode, issueCheckinCode, resolveCheckinCode } from '../../capabilities/codes/checkin-token';
import { codeUse, useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { checkins } from '../../capabilities/codes/collections';
import { recordCheckin } from '../../capabilities/codes/checkins';
import { scanRiderCode } from '../../capabilities/codes/scan';
import { issueOfflineKey } from '../../capabilities/codes/offline-key';

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
