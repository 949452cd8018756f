import type { Checkin, OutputOf, ParsedInputOf } from '../../../types';
import { issueCheckinCode, resolveCheckinCode, type ResolveOutcome } from '../checkin-token';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { CHECKIN_CATEGORY, CODE_TTL_SECONDS, checkinCredit } from '../points-rules';
import type { Ctx } from '../runtime';
import type { StationRecord, UserRecord } from '../store/store.port';
import { shanghaiDay, toShanghaiIso } from '../time';

const USED = '该签到码已使用';

/** Staff of the station only: a check-in records a visit at a place, so admins are not let in by rank alone. */
function isStaffOf(user: UserRecord, stationId: string): boolean {
  return user.roles.includes('staff') && user.stationIds.includes(stationId);
}

function failure(outcome: Extract<ResolveOutcome, { ok: false }>): AppError {
  return outcome.code === 'EXPIRED'
    ? new AppError('EXPIRED', '签到码已过期，请让骑手刷新后再扫')
    : new AppError('FORBIDDEN', '签到码无效，请让骑手出示本人的签到码');
}

async function stationOrFail(ctx: Ctx, stationId: string): Promise<StationRecord> {
  const station = await ctx.deps.store.stations.get(stationId);
  if (!station) throw notFound('找不到这个驿站');
  return station;
}

/** Any signed-in user (every user is a rider) gets a fresh single-use code. */
export async function issueCode({ user, deps, now }: Ctx): Promise<OutputOf<'checkin', 'issueCode'>> {
  const record = await deps.store.transaction((tx) => issueCheckinCode(tx, deps.secrets.tokenKey, user.id, now));
  return { code: record.token, shortCode: record.shortCode, expiresAt: toShanghaiIso(record.expiresAt), ttlSeconds: CODE_TTL_SECONDS };
}

/**
 * Staff scan (or type) a rider's code. The code is verified first (signature, expiry, issued by us); then one
 * transaction marks the nonce used, computes the credit under the caps from what is already credited today, writes
 * the check-in and, when it earns points, the ledger entry. A second scan, concurrent or not, finds the nonce used.
 */
export async function redeem(ctx: Ctx, input: ParsedInputOf<'checkin', 'redeem'>): Promise<OutputOf<'checkin', 'redeem'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站的工作人员可以扫码签到');
  const station = await stationOrFail(ctx, input.stationId);
  const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now);
  if (!resolved.ok) throw failure(resolved);
  const code = resolved.record;
  if (code.usedAt) throw conflict(USED);
  if (code.userId === user.id) throw forbidden('不能为自己的签到码签到');
  const rider = await deps.store.users.get(code.userId);
  if (!rider) throw forbidden('签到码无效，请让骑手出示本人的签到码');

  const checkinId = deps.newId();
  const at = now.toISOString();
  const day = shanghaiDay(now);
  return deps.store.transaction(async (tx) => {
    if (!(await tx.codes.markUsed(code.nonce, at, checkinId))) throw conflict(USED);
    const credited = await tx.checkins.creditedOn(rider.id, day, station.id);
    const credit = checkinCredit({ creditedToday: credited.total, creditedAtStationToday: credited.atStation });
    await tx.checkins.insert({ id: checkinId, stationId: station.id, riderId: rider.id, at, day, pointsAwarded: credit.points, nonce: code.nonce });
    if (credit.points > 0) {
      await tx.ledger.append({
        id: deps.newId(),
        userId: rider.id,
        delta: credit.points,
        reason: 'checkin',
        key: `checkin:${code.nonce}`,
        at,
        note: station.name,
        category: CHECKIN_CATEGORY,
        ...(rider.orgId ? { orgId: rider.orgId } : {}),
      });
    }
    const visitsToday = (await tx.checkins.atStation(station.id, day)).length;
    return {
      checkinId,
      pointsAwarded: credit.points,
      creditReason: credit.reason,
      note: credit.note,
      rider: { id: rider.id, displayName: rider.displayName },
      visitsToday,
    };
  });
}

/** The rider's code screen polls: was my code scanned, and what did it earn? Only the code's own rider may ask. */
export async function codeStatus({ user, deps, now }: Ctx, input: ParsedInputOf<'checkin', 'codeStatus'>): Promise<OutputOf<'checkin', 'codeStatus'>> {
  const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, input.code, now, true);
  if (!resolved.ok || resolved.record.userId !== user.id) throw forbidden('这不是你的签到码');
  const code = resolved.record;
  if (!code.usedAt || !code.checkinId) return { redeemed: false, expired: resolved.expired };
  const checkin = await deps.store.checkins.get(code.checkinId);
  const station = checkin ? await deps.store.stations.get(checkin.stationId) : null;
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
  if (!isStaffOf(user, input.stationId) && !user.roles.includes('admin')) throw forbidden('只有本驿站的工作人员可以查看');
  await stationOrFail(ctx, input.stationId);
  const visits = await deps.store.checkins.atStation(input.stationId, shanghaiDay(now));
  const riders = new Map((await deps.store.users.getMany([...new Set(visits.map((v) => v.riderId))])).map((u) => [u.id, u]));
  const checkins: Checkin[] = visits.map((v) => ({
    id: v.id,
    stationId: v.stationId,
    riderId: v.riderId,
    riderName: riders.get(v.riderId)?.displayName ?? '骑手',
    at: toShanghaiIso(v.at),
    pointsAwarded: v.pointsAwarded,
  }));
  return { visits: checkins.length, uniqueRiders: riders.size, checkins };
}
