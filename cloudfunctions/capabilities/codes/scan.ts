/** Reading a rider's code at a place: online (signed token or typed short code) or offline (from the device's key). */
import { limitGuesses } from '../../core/attempts';
import { AppError, forbidden } from '../../core/errors';
import type { UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { typedCodeCounters } from './checkin-rules';
import { isOfflineCode } from '../../../types/offline-code';
import { isShortCode, resolveCheckinCode } from './checkin-token';
import { offlineUseId, verifyOfflineCode } from './offline-key';

function failure(outcome: { code: 'FORBIDDEN' | 'EXPIRED' }): AppError {
  return outcome.code === 'EXPIRED'
    ? new AppError('EXPIRED', '签到码已过期，请让骑手刷新后再扫')
    : new AppError('FORBIDDEN', '签到码无效，请让骑手出示本人的签到码');
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
