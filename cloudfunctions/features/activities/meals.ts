/** Free meals (爱心餐): a station's partner restaurant's daily windows, each with a quota; one meal a rider a day. */
import type { MealBooking, OutputOf, ParsedInputOf } from '../../../types';
import { isStaffOf } from '../../core/access';
import { conflict, expired, forbidden, notFound } from '../../core/errors';
import { createQuota, giveBack, newQuota, withUnit } from '../../capabilities/seating/quota';
import type { Ctx } from '../../core/runtime';
import { StoreConflict, type DocReader, type DocStore } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import { scanRiderCode } from '../../capabilities/codes/scan';
import { useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { getStation, type StationDoc } from '../../capabilities/orgs/station-directory';
import { mayCollectMeal, mayReplaceMeal, mealStatus } from './activities-rules';
import { mealBookings, mealCollections, type MealBookingDoc } from './collections';
import { mealQuota, mealQuotaId, mealsToday, servedWindows, windowState } from '../../capabilities/meals/meal-windows';

const bookingId = (riderId: string, day: string) => `${riderId}:${day}`;

const GONE = '这个时段的爱心餐已订完';

async function stationOrFail(store: DocReader, id: string): Promise<StationDoc> {
  const station = await getStation(store, id);
  if (!station) throw notFound('找不到这个驿站');
  return station;
}

async function toBooking(store: DocReader, b: MealBookingDoc, now: Date, known?: { station: StationDoc; collected: null }): Promise<MealBooking> {
  const [station, collected] = known
    ? [known.station, known.collected]
    : await Promise.all([getStation(store, b.stationId), store.get(mealCollections, b._id)]);
  return {
    id: b._id,
    stationId: b.stationId,
    stationName: station?.mealPartner || station?.name || '驿站',
    day: b.day,
    window: { start: b.start, end: b.end },
    status: mealStatus(b, collected !== null, now),
    ...(collected ? { collectedAt: collected.at } : {}),
  };
}

export async function meals(ctx: Ctx, input: ParsedInputOf<'activities', 'meals'>): Promise<OutputOf<'activities', 'meals'>> {
  const station = await stationOrFail(ctx.deps.store, input.stationId);
  return {
    stationName: station.name,
    ...(station.mealPartner ? { partner: station.mealPartner } : {}),
    windows: await mealsToday(ctx.deps.store, station, ctx.now),
  };
}

/**
 * Writes the booking for a meal just taken from the quota: a new one, or over the rider's cancelled or lapsed one of
 * today (only if it is still as it was read). A booking written meanwhile by another call of the rider is a conflict.
 */
async function writeBooking(store: DocStore, doc: MealBookingDoc, existing: MealBookingDoc | null): Promise<void> {
  const taken = () => conflict('今天已经预订了爱心餐');
  if (!existing) {
    try {
      await store.insert(mealBookings, doc);
      return;
    } catch (error) {
      throw error instanceof StoreConflict ? taken() : error;
    }
  }
  const { _id, ...fields } = doc;
  const unchanged = { status: existing.status, quotaId: existing.quotaId, requestedAt: existing.requestedAt, collectedAt: { $exists: false } } as const;
  if (!(await store.updateIf(mealBookings, _id, unchanged, { set: { ...fields, cancelledAt: null } }))) throw taken();
}

/**
 * The rider books a meal in one of today's windows that has not closed. A meal is taken from the window's quota
 * with one conditional update (capabilities/seating/quota.ts), then the keyed booking (one a rider a day) is written; a booking that
 * cannot be written gives its meal back. When none is left the rider is told at once that they are gone.
 */
export async function book(ctx: Ctx, input: ParsedInputOf<'activities', 'bookMeal'>): Promise<OutputOf<'activities', 'bookMeal'>> {
  const { user, deps, now } = ctx;
  const station = await stationOrFail(deps.store, input.stationId);
  const served = servedWindows(station).find((s) => s.index === input.window);
  if (!served) throw notFound('这个时段没有爱心餐');
  const day = shanghaiDay(now);
  if (windowState(day, served.w, now) === 'closed') throw expired('这个时段已经结束了');
  const id = bookingId(user._id, day);
  const quota = mealQuotaId(station._id, day, served.index);
  const [existing, held] = await Promise.all([deps.store.get(mealBookings, id), deps.store.get(mealQuota, quota)]);
  const status = existing ? mealStatus(existing, Boolean(existing.collectedAt), now) : undefined;
  if (!mayReplaceMeal(status)) throw conflict(status === 'collected' ? '今天已经领过爱心餐了' : '今天已经预订了爱心餐');
  // The window's quota document is made by the day's first booking; when none is left the rider hears it at once.
  if (!held) await createQuota(deps.store, mealQuota, newQuota(quota, served.w.quota));
  else if (held.left <= 0) throw conflict(GONE);
  const at = now.toISOString();
  const doc: MealBookingDoc = {
    _id: id,
    riderId: user._id,
    stationId: station._id,
    day,
    window: served.index,
    start: served.w.start,
    end: served.w.end,
    quotaId: quota,
    status: 'confirmed',
    requestedAt: at,
    confirmedAt: at,
  };
  const took = await withUnit(deps.store, mealQuota, quota, () => writeBooking(deps.store, doc, existing));
  if (!took.taken) throw conflict(GONE);
  return { booking: await toBooking(deps.store, doc, now, { station, collected: null }) };
}

/** The rider cancels today's booking before its window closes: the meal goes back to the window's quota, once. */
export async function cancel(ctx: Ctx): Promise<OutputOf<'activities', 'cancelMeal'>> {
  const { user, deps, now } = ctx;
  const id = bookingId(user._id, shanghaiDay(now));
  const b = await deps.store.get(mealBookings, id);
  if (!b || b.status !== 'confirmed') throw notFound('今天没有可取消的预订');
  if (b.collectedAt) throw conflict('已经领取，不能取消');
  if (windowState(b.day, b, now) === 'closed') throw expired('时段已经结束了');
  const at = now.toISOString();
  const cancelled = await deps.store.updateIf(
    mealBookings,
    id,
    { status: 'confirmed', requestedAt: b.requestedAt, collectedAt: { $exists: false } },
    {
      set: { status: 'cancelled', cancelledAt: at },
    },
  );
  if (!cancelled) {
    const current = await deps.store.get(mealBookings, id);
    throw current?.collectedAt ? conflict('已经领取，不能取消') : notFound('今天没有可取消的预订');
  }
  await giveBack(deps.store, mealQuota, b.quotaId);
  return { booking: await toBooking(deps.store, { ...b, status: 'cancelled', cancelledAt: at }, now) };
}

export async function mine(ctx: Ctx): Promise<OutputOf<'activities', 'myMeal'>> {
  const { user, deps, now } = ctx;
  const doc = await deps.store.get(mealBookings, bookingId(user._id, shanghaiDay(now)));
  return doc ? { booking: await toBooking(deps.store, doc, now) } : {};
}

/**
 * The restaurant's staff (staff of the station) scan the rider's code in the booked window: the code is used, the
 * hand-over written once and the booking marked collected (so a cancellation racing it is refused), in one
 * transaction.
 */
export async function collect(ctx: Ctx, input: ParsedInputOf<'activities', 'collectMeal'>): Promise<OutputOf<'activities', 'collectMeal'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站（爱心餐合作餐厅）的工作人员可以核销');
  const { rider, ref } = await scanRiderCode(ctx, input.code, input.stationId);
  const day = shanghaiDay(now);
  const id = bookingId(rider._id, day);
  return withCodeUse(deps.store, async (tx) => {
    const b = await tx.get(mealBookings, id);
    if (!b || b.status !== 'confirmed' || b.stationId !== input.stationId) throw notFound('这位骑手今天没有在本店预订爱心餐');
    if (await tx.get(mealCollections, id)) throw conflict('这份爱心餐已经领过了');
    if (!mayCollectMeal(b.day, b, now)) throw expired(`请在预订的时段 ${b.start}–${b.end} 内领取`);
    await useCode(tx, { _id: ref, riderId: rider._id, use: 'meal', at: now.toISOString() });
    await tx.insert(mealCollections, { _id: id, stationId: b.stationId, riderId: rider._id, day, at: now.toISOString(), byId: user._id });
    await tx.update(mealBookings, id, { collectedAt: now.toISOString() });
    return { riderName: rider.displayName, window: { start: b.start, end: b.end } };
  });
}
