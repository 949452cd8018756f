/** A rider's personal check-in code, scanned or typed by staff at an activity, a station's packs or a restaurant. */
import { limitGuesses } from '../core/attempts';
import { AppError, forbidden } from '../core/errors';
import { users, type UserDoc } from '../core/identity';
import type { Ctx } from '../core/runtime';
import { isShortCode, resolveCheckinCode } from '../checkin/checkin-token';
import { typedCodeCounters } from '../points/points-rules';

export interface ScannedRider {
  rider: UserDoc;
  /** The code's nonce: `consumeCheckinCode` marks it used inside the action's transaction. */
  nonce: string;
}

/**
 * Verifies the code (typed short codes count against the scanner and the place, as at stations) and finds its rider.
 * Nothing is written here; the caller's transaction consumes the code, so one scan acts once.
 */
export async function scanRider({ user, deps, now }: Ctx, code: string, placeId: string): Promise<ScannedRider> {
  const resolve = async () => {
    const resolved = await resolveCheckinCode(deps.store, deps.secrets.tokenKey, code, now);
    if (!resolved.ok) {
      throw resolved.code === 'EXPIRED'
        ? new AppError('EXPIRED', '签到码已过期，请让骑手刷新后再扫')
        : new AppError('FORBIDDEN', '签到码无效，请让骑手出示本人的签到码');
    }
    return resolved.record;
  };
  const record = isShortCode(code) ? await limitGuesses(deps.store, typedCodeCounters('checkin-code', user._id, placeId), now, resolve) : await resolve();
  if (record.userId === user._id) throw forbidden('不能扫自己的签到码');
  const rider = await deps.store.get(users, record.userId);
  if (!rider) throw forbidden('签到码无效，请让骑手出示本人的签到码');
  return { rider, nonce: record._id };
}
