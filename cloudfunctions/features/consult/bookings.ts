/** Bookings: a rider books, cancels and reschedules a slot; the counsellor's agenda and the consultation's completion. */
import { PAGES } from '../../../types/pages';
import { CATEGORY_NAMES, MAX_UPCOMING_BOOKINGS, MODE_NAMES, type OutputOf, type ParsedInputOf } from '../../../types';
import { notify, type Notice } from '../../capabilities/inbox/inbox';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import { usersById } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { DocStore, Tx } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { countConsultation } from '../../capabilities/figures/facts';
import { bookings, slots, upcoming, type BookingDoc, type SlotDoc } from './collections';
import { clashingBooking, mayBookAnother, mayChange, stillUpcoming, whenText } from './consult-rules';
import { counsellorOf, counsellorView, ownRange } from './counsellors';
import { bookingView, logAccess, pushTo, seal } from './views';

/** The slot a booking may take: it exists, serves the topic and mode, is not the caller's own, lies ahead, is free. */
function checkBookable(slot: SlotDoc | null, want: { category: string; mode: string }, riderId: string, now: Date): SlotDoc {
  if (!slot) throw notFound('找不到这个时段');
  if (!(slot.categories as string[]).includes(want.category)) throw invalid('这位咨询师不提供这类咨询');
  if (!(slot.modes as string[]).includes(want.mode)) throw invalid('这个时段不提供所选的咨询方式');
  if (slot.counsellorId === riderId) throw invalid('不能预约自己的时段');
  if (Date.parse(slot.start) <= now.getTime()) throw expired('这个时段已经开始，请选择其他时段');
  if (!slot.free) throw conflict(TAKEN);
  return slot;
}

const TAKEN = '该时段已被预约，请选择其他时段';

/**
 * Holds a free slot for a booking with one conditional update outside any transaction (free → held by it): of any
 * crowd exactly one gets it, and the others learn at once that it is taken.
 */
function holdSlot(store: DocStore, slot: SlotDoc, bookingId: string, now: Date): Promise<boolean> {
  return store.updateIf(slots, slot._id, { free: true, start: { $gt: now.toISOString() } }, { set: { free: false, bookingId } });
}

/** Frees a slot held for a booking whose documents could not be written (only while it still holds it). */
async function releaseSlot(store: DocStore, slotId: string, bookingId: string): Promise<void> {
  await store.updateIf(slots, slotId, { bookingId }, { set: { free: true, bookingId: null } });
}

function bookedNotice(b: Pick<BookingDoc, 'category' | 'start' | 'mode'>): Notice {
  return {
    title: '咨询预约成功',
    body: `${CATEGORY_NAMES[b.category]}咨询，${whenText(b.start)}，${MODE_NAMES[b.mode]}。如需取消或改约，请在开始前 1 小时操作。`,
    link: PAGES.consult.mine,
  };
}

function counsellorNotice(title: string, b: Pick<BookingDoc, 'category' | 'start'>): Notice {
  return { title, body: `${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询。`, link: PAGES.consult.agenda };
}

/**
 * Books a free slot: the slot is held first, with one conditional update outside any transaction (holdSlot), so a
 * crowd for one slot gets one booking and everyone else an answer at once. Then one transaction writes the booking
 * and the rider's upcoming-bookings document (every booking of that rider writes it, so three is a hard limit);
 * if that fails the slot is released. The rider and the counsellor are told in the inbox, and by subscribe message
 * after commit.
 */
export async function book(ctx: Ctx, input: ParsedInputOf<'consult', 'book'>): Promise<OutputOf<'consult', 'book'>> {
  const { user, deps, now } = ctx;
  const topicEnc = seal(ctx, input.topic);
  const phoneEnc = input.phone ? seal(ctx, input.phone) : undefined;
  const slot = checkBookable(await deps.store.get(slots, input.slotId), input, user._id, now);
  const doc: BookingDoc = {
    _id: deps.newId(),
    riderId: user._id,
    counsellorId: slot.counsellorId,
    counsellorName: slot.counsellorName,
    slotId: slot._id,
    start: slot.start,
    end: slot.end,
    mode: input.mode,
    category: input.category,
    orgId: slot.orgId,
    status: 'booked',
    anonymous: input.anonymous,
    topicEnc,
    ...(phoneEnc ? { phoneEnc } : {}),
    createdAt: now.toISOString(),
  };
  if (!(await holdSlot(deps.store, slot, doc._id, now))) throw conflict(TAKEN);
  try {
    await deps.store.transaction(async (tx) => {
      const held = stillUpcoming((await tx.get(upcoming, user._id))?.bookings ?? [], now);
      if (!mayBookAnother(held.length)) throw conflict(`最多同时预约 ${MAX_UPCOMING_BOOKINGS} 次咨询，请先完成或取消已有预约`);
      if (clashingBooking(held, slot)) throw conflict('你在这个时间已经约了另一次咨询，请选择其他时段');
      await tx.insert(bookings, doc);
      await tx.set(upcoming, { _id: user._id, bookings: [...held, { id: doc._id, start: doc.start, end: doc.end }] });
      await notify(tx, ctx, user._id, bookedNotice(doc));
      await notify(tx, ctx, doc.counsellorId, counsellorNotice('有新的咨询预约', doc));
    });
  } catch (error) {
    await releaseSlot(deps.store, slot._id, doc._id);
    throw error;
  }
  await pushTo(ctx, user._id, bookedNotice(doc), 'consultBooking');
  await pushTo(ctx, doc.counsellorId, counsellorNotice('有新的咨询预约', doc), 'consultBooking');
  return { booking: bookingView(ctx, doc, true) };
}

export async function dropUpcoming(tx: Tx, riderId: string, bookingId: string, now: Date): Promise<void> {
  if (!riderId) return;
  const held = (await tx.get(upcoming, riderId))?.bookings ?? [];
  await tx.set(upcoming, { _id: riderId, bookings: stillUpcoming(held, now).filter((b) => b.id !== bookingId) });
}

/** Frees the slot a booking holds (only if it still holds it). */
async function freeSlot(tx: Tx, b: BookingDoc): Promise<void> {
  const slot = await tx.get(slots, b.slotId);
  if (slot?.bookingId === b._id) await tx.update(slots, slot._id, { free: true, bookingId: null });
}

/** The rider (until an hour before) or the counsellor (until it starts) cancels; the slot is free again. */
export async function cancel(ctx: Ctx, input: ParsedInputOf<'consult', 'cancel'>): Promise<OutputOf<'consult', 'cancel'>> {
  const { user, deps, now } = ctx;
  const { doc, notice, toId } = await deps.store.transaction(async (tx) => {
    const b = await tx.get(bookings, input.bookingId);
    if (!b) throw notFound('找不到这个预约');
    const byRider = b.riderId === user._id;
    if (!byRider && b.counsellorId !== user._id) throw forbidden('只能取消自己的预约');
    if (b.status !== 'booked') throw conflict('这个预约已经取消或完成了');
    if (byRider && !mayChange(b.start, now)) throw expired('开始前 1 小时内不能取消，请联系咨询师或拨打 12355');
    if (!byRider && Date.parse(b.start) <= now.getTime()) throw expired('咨询已经开始，不能取消');
    await freeSlot(tx, b);
    const next: BookingDoc = { ...b, status: 'cancelled', cancelledAt: now.toISOString() };
    await tx.set(bookings, next);
    await dropUpcoming(tx, b.riderId, b._id, now);
    const reason = input.reason ? { detail: `原因：${input.reason}` } : {};
    const notice: Notice = byRider
      ? { ...counsellorNotice('咨询预约已被取消', b), body: `骑手取消了 ${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询。`, ...reason }
      : {
          title: '咨询预约已被取消',
          body: `咨询师取消了 ${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询，请另选时间。`,
          ...reason,
          link: PAGES.consult.mine,
        };
    const toId = byRider ? b.counsellorId : b.riderId;
    if (toId) await notify(tx, ctx, toId, notice);
    return { doc: next, notice, toId };
  });
  await pushTo(ctx, toId, notice, 'consultBooking');
  return { booking: bookingView(ctx, doc, doc.riderId === user._id) };
}

/** The rider's own booking, still booked and changeable now. */
function checkMovable(b: BookingDoc | null, riderId: string, slotId: string, now: Date): BookingDoc {
  if (!b) throw notFound('找不到这个预约');
  if (b.riderId !== riderId) throw forbidden('只能改约自己的预约');
  if (b.status !== 'booked') throw conflict('这个预约已经取消或完成了');
  if (slotId === b.slotId) throw conflict('已经约在这个时段了');
  if (!mayChange(b.start, now)) throw expired('开始前 1 小时内不能改约，请联系咨询师或拨打 12355');
  return b;
}

/**
 * The rider moves a booking to another free slot, atomically: the new slot is held first (holdSlot), then one
 * transaction moves the booking, frees the old slot and updates the rider's upcoming list; if that fails (the
 * booking was cancelled or moved meanwhile) the new slot is released. Either the new slot is held and the old one
 * freed, or nothing changes.
 */
export async function reschedule(ctx: Ctx, input: ParsedInputOf<'consult', 'reschedule'>): Promise<OutputOf<'consult', 'reschedule'>> {
  const { user, deps, now } = ctx;
  const found = checkMovable(await deps.store.get(bookings, input.bookingId), user._id, input.slotId, now);
  const slot = checkBookable(await deps.store.get(slots, input.slotId), found, user._id, now);
  if (!(await holdSlot(deps.store, slot, found._id, now))) throw conflict(TAKEN);
  let moved: { doc: BookingDoc; before: BookingDoc };
  try {
    moved = await deps.store.transaction(async (tx) => {
      const b = checkMovable(await tx.get(bookings, input.bookingId), user._id, input.slotId, now);
      if (b.slotId !== found.slotId) throw conflict('这个预约刚刚改约过了');
      await freeSlot(tx, b);
      // A new time gets its own reminder.
      const { remindedAt: _reminded, ...kept } = b;
      const next: BookingDoc = {
        ...kept,
        slotId: slot._id,
        start: slot.start,
        end: slot.end,
        counsellorId: slot.counsellorId,
        counsellorName: slot.counsellorName,
        orgId: slot.orgId,
      };
      await tx.set(bookings, next);
      const held = stillUpcoming((await tx.get(upcoming, user._id))?.bookings ?? [], now).filter((h) => h.id !== b._id);
      if (clashingBooking(held, slot)) throw conflict('你在这个时间已经约了另一次咨询，请选择其他时段');
      await tx.set(upcoming, { _id: user._id, bookings: [...held, { id: b._id, start: slot.start, end: slot.end }] });
      await notify(tx, ctx, user._id, { ...bookedNotice(next), title: '咨询已改约' });
      await notify(tx, ctx, b.counsellorId, counsellorNotice('咨询预约已改约', b));
      if (next.counsellorId !== b.counsellorId) await notify(tx, ctx, next.counsellorId, counsellorNotice('有新的咨询预约', next));
      return { doc: next, before: b };
    });
  } catch (error) {
    await releaseSlot(deps.store, slot._id, found._id);
    throw error;
  }
  const { doc, before } = moved;
  await pushTo(ctx, user._id, { ...bookedNotice(doc), title: '咨询已改约' }, 'consultBooking');
  await pushTo(ctx, before.counsellorId, counsellorNotice('咨询预约已改约', before), 'consultBooking');
  return { booking: bookingView(ctx, doc, true) };
}

/** The caller's own bookings, latest first, with what they wrote in clear. */
export async function mine(ctx: Ctx, input: ParsedInputOf<'consult', 'mine'>): Promise<OutputOf<'consult', 'mine'>> {
  const page = await ctx.deps.store.find(bookings, {
    where: { riderId: ctx.user._id },
    orderBy: [['start', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { bookings: page.items.map((b) => bookingView(ctx, b, true)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** The counsellor's own bookings in a range, with topic and phone in clear; each read is logged for the rider. */
export async function agenda(ctx: Ctx, input: ParsedInputOf<'consult', 'agenda'>): Promise<OutputOf<'consult', 'agenda'>> {
  const range = ownRange(ctx.now, input.from, input.to);
  const own = await findAll(ctx.deps.store, bookings, {
    where: { counsellorId: ctx.user._id, start: { $gte: range.from, $lt: range.to } },
    orderBy: [['start', 'asc']],
  });
  const names = await usersById(
    ctx.deps.store,
    own.filter((b) => !b.anonymous && b.riderId).map((b) => b.riderId),
  );
  const shown = own.map((b) => ({ b, clear: b.status !== 'cancelled' && Boolean(b.topicEnc) }));
  await logAccess(
    ctx,
    shown
      .filter((s) => s.clear)
      .map(({ b }) => ({
        riderId: b.riderId,
        key: `agenda:${b._id}`,
        who: `咨询师${b.counsellorName}`,
        what: `查看了你 ${whenText(b.start)} 的咨询预约（问题描述${b.phoneEnc ? '、电话' : ''}）`,
      })),
  );
  const me = await counsellorOf(ctx);
  return {
    bookings: shown.map(({ b, clear }) => bookingView(ctx, b, clear, names.get(b.riderId)?.displayName)),
    counsellor: counsellorView(me),
  };
}

export async function ownBooking(tx: Tx, ctx: Ctx, bookingId: string): Promise<BookingDoc> {
  const b = await tx.get(bookings, bookingId);
  if (!b) throw notFound('找不到这个预约');
  if (b.counsellorId !== ctx.user._id) throw forbidden('只有这次咨询的咨询师可以操作');
  return b;
}

/** The counsellor marks a started consultation done, with a summary (sealed). */
export async function complete(ctx: Ctx, input: ParsedInputOf<'consult', 'complete'>): Promise<OutputOf<'consult', 'complete'>> {
  const { deps, now } = ctx;
  const summaryEnc = seal(ctx, input.summary);
  const done = await deps.store.transaction(async (tx) => {
    const b = await ownBooking(tx, ctx, input.bookingId);
    if (b.status !== 'booked') throw conflict('这个预约已经取消或完成了');
    if (Date.parse(b.start) > now.getTime()) throw conflict('咨询开始后才能标记完成');
    const next: BookingDoc = { ...b, status: 'completed', summaryEnc, completedAt: now.toISOString() };
    await tx.set(bookings, next);
    await countConsultation(tx, b, now);
    await dropUpcoming(tx, b.riderId, b._id, now);
    if (b.riderId) {
      await notify(tx, ctx, b.riderId, {
        title: '咨询已完成',
        body: `${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询已完成，谢谢你的信任。`,
        link: PAGES.consult.mine,
      });
    }
    return next;
  });
  return { booking: bookingView(ctx, done, false) };
}
