/** A check-in recorded: what a station's scan and an activity held at a station both write. */
import type { OutputOf } from '../../../types';
import { conflict } from '../../core/errors';
import type { Tx } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import type { StationDoc } from '../orgs/station-directory';
import { countCheckin } from '../figures/facts';
import { creditEntry } from '../ledger/ledger';
import { CHECKIN_CATEGORY, checkinCredit } from './checkin-rules';
import { CODE_USED } from './code-uses';
import { checkins, riderDays, type RiderDayDoc } from './collections';
import type { Rider } from './scan';

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
  await tx.insert(checkins, {
    _id: checkinId,
    stationId: station._id,
    riderId: rider._id,
    riderName: rider.displayName,
    at,
    day,
    pointsAwarded: credit.points,
    ref,
  });
  if (credit.points > 0 || offlineStep !== undefined) {
    await tx.set(riderDays, {
      _id: riderDayId,
      credited: riderDay.credited + (credit.points > 0 ? 1 : 0),
      creditedStations: credit.points > 0 ? [...riderDay.creditedStations, station._id] : riderDay.creditedStations,
      ...(offlineStep !== undefined
        ? { lastOfflineStep: offlineStep }
        : riderDay.lastOfflineStep !== undefined
          ? { lastOfflineStep: riderDay.lastOfflineStep }
          : {}),
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
