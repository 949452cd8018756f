/** Free meals (爱心餐): a station's partner restaurant's daily windows, each with a quota; one meal a rider a day. */
import type { MealBooking, MealWindowView, OutputOf, ParsedInputOf } from '../../types';
import type { MealWindow } from '../../types';
import { isStaffOf } from '../core/access';
import { conflict, expired, forbidden, notFound } from '../core/errors';
import type { Ctx } from '../core/runtime';
import { release, settle, type SettleTarget } from '../core/seating';
import type { DocReader } from '../core/store/docstore.port';
import { shanghaiDay } from '../core/time';
import { scanRiderCode } from '../checkin/checkin.service';
import { useCode, withCodeUse } from '../checkin/code-uses';
import { getStation } from '../stations/stations.service';
import type { StationDoc } from '../stations/collections';
import { mayCollectMeal, mayReplaceMeal, mealsLeft, mealStatus, windowState } from './activities-rules';
import { mealBookings, mealCollections, mealQuota, type MealBookingDoc } from './collections';

const quotaId = (stationId: string, day: string, window: number) => `${stationId}:${day}:${window}`;
const bookingId = (riderId: string, day: string) => `${riderId}:${day}`;

const quotaOf = (id: string): SettleTarget => ({
  requests: mealBookings,
  seats: mealQuota,
  seatsId: id,
  waiting: { quotaId: id, status: 'requested' },
  orderField: 'requestedAt',
  waitlistMax: 0,
});

async function stationOrFail(store: DocReader, id: string): Promise<StationDoc> {
  const station = await getStation(store, id);
  if (!station) throw notFound('找不到这个驿站');
  return station;
}

/** Windows with a quota are the ones the partner restaurant serves free meals in. */
function servedWindows(station: StationDoc): { index: number; w: MealWindow & { quota: number } }[] {
  return (station.meals ?? []).flatMap((w, index) => (w.quota !== undefined && w.quota > 0 ? [{ index, w: { ...w, quota: w.quota } }] : []));
}

/** Today's windows of a station with the meals left in each (for the station's page and the map). */
export async function mealsToday(store: DocReader, station: StationDoc, now: Date): Promise<MealWindowView[]> {
  const day = shanghaiDay(now);
  const served = servedWindows(station);
  const held = await Promise.all(served.map(({ index }) => store.get(mealQuota, quotaId(station._id, day, index))));
  return served.map(({ index, w }, i) => {
    const state = windowState(day, w, now);
    return { index, start: w.start, end: w.end, quota: w.quota, left: mealsLeft(w.quota, held[i]?.confirmed ?? 0, state), state };
  });
}

async function toBooking(store: DocReader, b: MealBookingDoc, now: Date): Promise<MealBooking> {
  const [station, collected] = await Promise.all([getStation(store, b.stationId), store.get(mealCollections, b._id)]);
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
 * The rider books a meal in one of today's windows that has not closed. The keyed booking (one a rider a day) is
 * written as requested, then placed on the window's quota document in batches, so the quota is never passed.
 */
export async function book(ctx: Ctx, input: ParsedInputOf<'activities', 'bookMeal'>): Promise<OutputOf<'activities', 'bookMeal'>> {
  const { user, deps, now } = ctx;
  const station = await stationOrFail(deps.store, input.stationId);
  const served = servedWindows(station).find((s) => s.index === input.window);
  if (!served) throw notFound('这个时段没有爱心餐');
  const day = shanghaiDay(now);
  if (windowState(day, served.w, now) === 'closed') throw expired('这个时段已经结束了');
  const id = bookingId(user._id, day);
  const quota = quotaId(station._id, day, served.index);
  await deps.store.transaction(async (tx) => {
    const existing = await tx.get(mealBookings, id);
    const status = existing ? mealStatus(existing, (await tx.get(mealCollections, id)) !== null, now) : undefined;
    if (!mayReplaceMeal(status)) throw conflict(status === 'collected' ? '今天已经领过爱心餐了' : '今天已经预订了爱心餐');
    // The window's quota document is made by the first booking of the day.
    if (!(await tx.get(mealQuota, quota))) await tx.set(mealQuota, { _id: quota, capacity: served.w.quota, confirmed: 0, waitlist: [] });
    await tx.set(mealBookings, {
      _id: id,
      riderId: user._id,
      stationId: station._id,
      day,
      window: served.index,
      start: served.w.start,
      end: served.w.end,
      quotaId: quota,
      status: 'requested',
      requestedAt: now.toISOString(),
    });
  });
  await settle(deps.store, quotaOf(quota), id, now);
  const doc = await deps.store.get(mealBookings, id);
  if (!doc) throw notFound('找不到这条预订');
  if (doc.full) throw conflict('这个时段的爱心餐已经订完了');
  return { booking: await toBooking(deps.store, doc, now) };
}

/** The rider cancels today's booking before its window closes: the meal goes back to the window's quota. */
export async function cancel(ctx: Ctx): Promise<OutputOf<'activities', 'cancelMeal'>> {
  const { user, deps, now } = ctx;
  const id = bookingId(user._id, shanghaiDay(now));
  const doc = await deps.store.transaction(async (tx) => {
    const b = await tx.get(mealBookings, id);
    if (!b || b.status !== 'confirmed') throw notFound('今天没有可取消的预订');
    if (await tx.get(mealCollections, id)) throw conflict('已经领取，不能取消');
    if (windowState(b.day, b, now) === 'closed') throw expired('时段已经结束了');
    const held = await tx.get(mealQuota, b.quotaId);
    if (held) await tx.set(mealQuota, { _id: held._id, ...release(held, id, 'confirmed').seats, waitlist: [] });
    const cancelled: MealBookingDoc = { ...b, status: 'cancelled', cancelledAt: now.toISOString() };
    await tx.set(mealBookings, cancelled);
    return cancelled;
  });
  return { booking: await toBooking(deps.store, doc, now) };
}

export async function mine(ctx: Ctx): Promise<OutputOf<'activities', 'myMeal'>> {
  const { user, deps, now } = ctx;
  let doc = await deps.store.get(mealBookings, bookingId(user._id, shanghaiDay(now)));
  // A request whose call ended before it was placed (a timeout) is placed now.
  if (doc?.status === 'requested') {
    await settle(deps.store, quotaOf(doc.quotaId), doc._id, now);
    doc = await deps.store.get(mealBookings, doc._id);
  }
  if (!doc || doc.full) return {};
  return { booking: await toBooking(deps.store, doc, now) };
}

/**
 * The restaurant's staff (staff of the station) scan the rider's code in the booked window: the code is used and
 * the hand-over written once, in one transaction.
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
    return { riderName: rider.displayName, window: { start: b.start, end: b.end } };
  });
}
