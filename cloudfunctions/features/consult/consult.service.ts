import { PAGES } from '../../../types/pages';
import {
  CATEGORY_NAMES,
  CONSULT_CATEGORIES,
  MAX_UPCOMING_BOOKINGS,
  MODE_NAMES,
  OUTCOME_NAMES,
  RATING_NAMES,
  type Booking,
  type CaseStep,
  type CaseSummary,
  type ConsultCase,
  type Counsellor,
  type OutputOf,
  type OwnSlot,
  type ParsedInputOf,
} from '../../../types';
import { notify, push, type Notice, type PushKind } from '../../capabilities/inbox/inbox';
import { scopeOf } from '../../core/access';
import { openField, sealField } from '../../core/crypto';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import { newUser, userIdOf, users, usersById, type UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { StoreConflict, type DocStore, type Tx, type Where } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { countCaseClosed, countCaseOpened, countConsultation } from '../../capabilities/figures/facts';
import { fileReview } from '../../capabilities/review/submit';
import { caseKind, casePageUrl } from './case-kind';
import {
  accessLog,
  bookings,
  caseCounters,
  cases,
  counsellorDays,
  counsellors,
  slots,
  upcoming,
  type BookingDoc,
  type CaseDoc,
  type CaseStepDoc,
  type CounsellorDoc,
  type SlotDoc,
} from './collections';
import {
  SLOT_PROBLEMS,
  caseNumber,
  changeDeadline,
  clashingBooking,
  expandTemplate,
  firstOverlap,
  freeOf,
  isCaseCadre,
  mayBookAnother,
  mayChange,
  shanghaiDayOf,
  shanghaiMidnight,
  slotProblem,
  slotWindow,
  stillUpcoming,
  whenText,
  type NewSlot,
} from './consult-rules';

const MAX_PUBLISH = 100;
const DAY_MS = 24 * 3_600_000;
/** A counsellor's agenda covers at most this many days a call. */
const AGENDA_MAX_DAYS = 31;

// ---------------------------------------------------------------------------------------------------------------
// Views

const seal = (ctx: Ctx, value: string) => sealField(value, ctx.deps.secrets.fieldKey);
const open = (ctx: Ctx, value: string | undefined) => (value ? openField(value, ctx.deps.secrets.fieldKey) : undefined);

function ownSlot(s: Pick<SlotDoc, '_id' | 'start' | 'end' | 'modes' | 'free'>): OwnSlot {
  return { id: s._id, start: toShanghaiIso(s.start), end: toShanghaiIso(s.end), modes: s.modes, booked: !s.free };
}

/** A booking; its sealed fields in clear only when `clear` (the rider, or its counsellor in the agenda). */
function bookingView(ctx: Ctx, b: BookingDoc, clear: boolean, riderName?: string): Booking {
  const view: Booking = {
    id: b._id,
    status: b.status,
    slotId: b.slotId,
    start: toShanghaiIso(b.start),
    end: toShanghaiIso(b.end),
    mode: b.mode,
    category: b.category,
    counsellor: { id: b.counsellorId, name: b.counsellorName },
    anonymous: b.anonymous,
  };
  if (clear) {
    const topic = open(ctx, b.topicEnc);
    const phone = open(ctx, b.phoneEnc);
    const summary = open(ctx, b.summaryEnc);
    if (topic) view.topic = topic;
    if (phone) view.phone = phone;
    if (summary) view.summary = summary;
  }
  if (riderName && !b.anonymous) view.riderName = riderName;
  if (b.caseId) view.caseId = b.caseId;
  if (b.status === 'booked') view.changeableUntil = toShanghaiIso(changeDeadline(b.start));
  return view;
}

function caseSummary(c: CaseDoc, orgNames: Map<string, string>): CaseSummary {
  const orgName = orgNames.get(c.orgId);
  return {
    id: c._id,
    number: c.number,
    status: c.status,
    category: c.category,
    orgId: c.orgId,
    ...(orgName ? { orgName } : {}),
    openedAt: toShanghaiIso(c.openedAt),
    ...(c.closedAt ? { closedAt: toShanghaiIso(c.closedAt) } : {}),
    rated: Boolean(c.rating),
  };
}

type Viewer = ConsultCase['viewer'];

/** What the rider reads for steps that carry no note of their own. */
const STEP_TEXT: Partial<Record<CaseStep['kind'], string>> = {
  escalated: '咨询师已将你的咨询转为个案，等待团委接办',
  taken: '团委已接办你的个案',
};

function stepView(ctx: Ctx, s: CaseStepDoc): CaseStep {
  const note = open(ctx, s.noteEnc) ?? STEP_TEXT[s.kind];
  return { id: s.id, at: toShanghaiIso(s.at), kind: s.kind, byName: s.byName, visible: s.visible, ...(note ? { note } : {}) };
}

async function caseView(ctx: Ctx, c: CaseDoc, viewer: Viewer): Promise<ConsultCase> {
  const [orgs, booking] = await Promise.all([allOrgs(ctx.deps.store), ctx.deps.store.get(bookings, c.bookingId)]);
  const staff = viewer !== 'rider';
  const view: ConsultCase = {
    ...caseSummary(c, new Map(orgs.map((o) => [o._id, o.name]))),
    reviewId: c.reviewId,
    viewer,
    counsellorName: c.counsellorName,
    steps: c.steps.filter((s) => staff || s.visible).map((s) => stepView(ctx, s)),
  };
  if (c.outcome) view.outcome = c.outcome;
  if (c.rating) {
    const comment = open(ctx, c.rating.commentEnc);
    view.rating = { score: c.rating.score, at: toShanghaiIso(c.rating.at), ...(comment ? { comment } : {}) };
  }
  const topic = open(ctx, booking?.topicEnc);
  if (topic) view.topic = topic;
  if (staff) {
    const phone = open(ctx, booking?.phoneEnc);
    const summary = open(ctx, c.summaryEnc);
    if (phone) view.phone = phone;
    if (summary) view.summary = summary;
    if (!c.anonymous && c.riderId) {
      const rider = await ctx.deps.store.get(users, c.riderId);
      if (rider) view.riderName = rider.displayName;
    }
  }
  return view;
}

/**
 * Records reads of riders' confidential consultation data by someone other than the rider, before the data is
 * answered: a read that cannot be logged is not answered. A read with a `key` is logged once per reader: the
 * counsellor's agenda shows the same booking on every visit, and the rider learns that they saw it, not how often.
 */
async function logAccess(ctx: Ctx, reads: { riderId: string; what: string; who?: string; key?: string }[]): Promise<void> {
  const at = ctx.now.toISOString();
  const others = reads.filter((r) => r.riderId && r.riderId !== ctx.user._id);
  await Promise.all(
    others.map(async (r) => {
      try {
        await ctx.deps.store.insert(accessLog, {
          _id: r.key ? `${r.key}:${ctx.user._id}` : ctx.deps.newId(),
          riderId: r.riderId,
          at,
          whoId: ctx.user._id,
          who: r.who ?? ctx.user.displayName,
          what: r.what,
        });
      } catch (error) {
        if (!(r.key && error instanceof StoreConflict)) throw error;
      }
    }),
  );
}

async function pushTo(ctx: Ctx, userId: string | undefined, notice: Notice, kind: PushKind): Promise<void> {
  if (userId) await push(ctx.deps, await ctx.deps.store.get(users, userId), notice, kind);
}

// ---------------------------------------------------------------------------------------------------------------
// Counsellors and slots

export async function categories(): Promise<OutputOf<'consult', 'categories'>> {
  return { categories: CONSULT_CATEGORIES.map((id) => ({ id, name: CATEGORY_NAMES[id] })) };
}

/** Admin makes a user a counsellor (or updates one); their future slots follow the new name, topics and committee. */
export async function addCounsellor({ deps, now }: Ctx, input: ParsedInputOf<'consult', 'addCounsellor'>): Promise<OutputOf<'consult', 'addCounsellor'>> {
  if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
  const categories = [...new Set(input.categories)];
  const id = input.userId ?? userIdOf(input.openid!, deps.secrets.fieldKey);
  const counsellor = await deps.store.transaction(async (tx) => {
    const found = await tx.get(users, id);
    if (!found && input.userId) throw notFound('找不到这个用户编号，请让对方在“我的”页查看后再试');
    const target = found ?? newUser(input.openid!, deps.secrets.fieldKey, now, deps.adminOpenid);
    const roles = target.roles.includes('counsellor') ? target.roles : [...target.roles, 'counsellor' as const];
    await tx.set(users, { ...target, roles });
    const before = await tx.get(counsellors, id);
    const doc: CounsellorDoc = {
      _id: id,
      name: input.name,
      categories,
      orgId: input.orgId,
      ...(input.intro ? { intro: input.intro } : {}),
      createdAt: before?.createdAt ?? now.toISOString(),
    };
    await tx.set(counsellors, doc);
    return doc;
  });
  const future = await findAll(deps.store, slots, { where: { counsellorId: id, start: { $gt: now.toISOString() } } });
  await Promise.all(future.map((s) => deps.store.update(slots, s._id, { counsellorName: counsellor.name, categories, orgId: counsellor.orgId })));
  return { counsellor: counsellorView(counsellor) };
}

/** Admin: every counsellor, by name. */
export async function listCounsellors({ deps }: Ctx): Promise<OutputOf<'consult', 'counsellors'>> {
  const all = await findAll(deps.store, counsellors);
  return { counsellors: all.map(counsellorView).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

function counsellorView(c: CounsellorDoc): Counsellor {
  return { id: c._id, name: c.name, categories: c.categories, orgId: c.orgId, ...(c.intro ? { intro: c.intro } : {}) };
}

async function counsellorOf(ctx: Ctx): Promise<CounsellorDoc> {
  const found = await ctx.deps.store.get(counsellors, ctx.user._id);
  if (!found) throw notFound('还没有你的咨询师资料，请联系管理员');
  return found;
}

/**
 * A counsellor publishes slots, given one by one or as a week template. Every slot must lie ahead, within one day, on
 * the quarter hour, and overlap none of the counsellor's own: the check reads the counsellor's day documents in the
 * transaction that writes them, so two concurrent publishes cannot both add overlapping slots. Explicit slots that
 * overlap are refused; a template fills only the time still free and says how many of its slots it left out.
 */
export async function publishSlots(ctx: Ctx, input: ParsedInputOf<'consult', 'publishSlots'>): Promise<OutputOf<'consult', 'publishSlots'>> {
  const { deps, now } = ctx;
  const fromTemplate = !input.slots;
  const fresh: NewSlot[] = (input.slots ?? (input.template ? expandTemplate(input.template, now) : [])).map((s) => ({
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    modes: s.modes,
  }));
  if (fresh.length === 0) throw invalid('按这个模板，接下来没有可发布的时段');
  if (fresh.length > MAX_PUBLISH) throw invalid(`一次最多发布 ${MAX_PUBLISH} 个时段`);
  for (const s of fresh) {
    const problem = slotProblem(s, now);
    if (problem) throw invalid(SLOT_PROBLEMS[problem]);
  }
  fresh.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const me = await counsellorOf(ctx);
  const days = [...new Set(fresh.map((s) => shanghaiDayOf(s.start)))];
  const published = await deps.store.transaction(async (tx) => {
    const dayDocs = await Promise.all(days.map(async (day) => ({ day, doc: await tx.get(counsellorDays, `${me._id}:${day}`) })));
    const existing = dayDocs.flatMap((d) => d.doc?.slots ?? []);
    const wanted = fromTemplate ? freeOf(existing, fresh) : fresh;
    if (wanted.length === 0) throw conflict('这些时间你都已经发布过时段了，请换几天或换个时间');
    const clash = firstOverlap(existing, wanted);
    if (clash) throw conflict(`${whenText(clash.start)} 的时段与你已发布的时段重叠`);
    const docs: SlotDoc[] = wanted.map((s) => ({
      _id: deps.newId(),
      counsellorId: me._id,
      counsellorName: me.name,
      orgId: me.orgId,
      categories: me.categories,
      start: s.start,
      end: s.end,
      modes: [...new Set(s.modes)],
      free: true,
      bookingId: null,
    }));
    for (const doc of docs) await tx.insert(slots, doc);
    for (const { day, doc } of dayDocs) {
      const added = docs.filter((s) => shanghaiDayOf(s.start) === day).map((s) => ({ id: s._id, start: s.start, end: s.end }));
      if (added.length > 0) await tx.set(counsellorDays, { _id: `${me._id}:${day}`, slots: [...(doc?.slots ?? []), ...added] });
    }
    return docs;
  });
  return { slots: published.map(ownSlot), ...(fromTemplate ? { skipped: fresh.length - published.length } : {}) };
}

/**
 * A counsellor takes back one of their own slots that nobody has booked and that has not started. The slot and its
 * place in the day document go in one transaction, so a rider booking it at the same moment either gets it (and the
 * withdrawal is refused) or finds it gone.
 */
export async function withdrawSlot(ctx: Ctx, input: ParsedInputOf<'consult', 'withdrawSlot'>): Promise<OutputOf<'consult', 'withdrawSlot'>> {
  const { deps, now, user } = ctx;
  await deps.store.transaction(async (tx) => {
    const slot = await tx.get(slots, input.slotId);
    if (!slot) throw notFound('找不到这个时段');
    if (slot.counsellorId !== user._id) throw forbidden('只能撤回自己的时段');
    if (Date.parse(slot.start) <= now.getTime()) throw expired('这个时段已经开始，不能撤回');
    if (!slot.free) throw conflict('这个时段已有骑手预约，请先和骑手联系取消');
    const dayId = `${user._id}:${shanghaiDayOf(slot.start)}`;
    const day = await tx.get(counsellorDays, dayId);
    await tx.remove(slots, slot._id);
    if (day) await tx.set(counsellorDays, { _id: dayId, slots: day.slots.filter((s) => s.id !== slot._id) });
  });
  return { slotId: input.slotId };
}

/** Free future slots of counsellors of a category, soonest first, within the next two weeks. */
export async function freeSlots({ deps, now }: Ctx, input: ParsedInputOf<'consult', 'slots'>): Promise<OutputOf<'consult', 'slots'>> {
  const window = slotWindow(now, input.from, input.to);
  if (window.from >= window.to) return { slots: [] };
  const page = await deps.store.find(slots, {
    where: { free: true, start: { $gte: window.from, $lt: window.to }, categories: { $all: [input.category] } },
    orderBy: [['start', 'asc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return {
    slots: page.items.map((s) => ({
      id: s._id,
      start: toShanghaiIso(s.start),
      end: toShanghaiIso(s.end),
      modes: s.modes,
      counsellor: { id: s.counsellorId, name: s.counsellorName },
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** A day range for a counsellor's own lists: by default today (Shanghai) and the next two weeks. */
function ownRange(now: Date, from?: string, to?: string): { from: string; to: string } {
  const start = from ? Date.parse(from) : shanghaiMidnight(shanghaiDayOf(now.getTime()));
  const end = Math.min(to ? Date.parse(to) : start + 15 * DAY_MS, start + AGENDA_MAX_DAYS * DAY_MS);
  return { from: new Date(start).toISOString(), to: new Date(Math.max(start, end)).toISOString() };
}

export async function mySlots(ctx: Ctx, input: ParsedInputOf<'consult', 'mySlots'>): Promise<OutputOf<'consult', 'mySlots'>> {
  const range = ownRange(ctx.now, input.from, input.to);
  const own = await findAll(ctx.deps.store, slots, {
    where: { counsellorId: ctx.user._id, start: { $gte: range.from, $lt: range.to } },
    orderBy: [['start', 'asc']],
  });
  return { slots: own.map(ownSlot) };
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings

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

async function dropUpcoming(tx: Tx, riderId: string, bookingId: string, now: Date): Promise<void> {
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
      : { title: '咨询预约已被取消', body: `咨询师取消了 ${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询，请另选时间。`, ...reason, link: PAGES.consult.mine };
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
  const names = await usersById(ctx.deps.store, own.filter((b) => !b.anonymous && b.riderId).map((b) => b.riderId));
  const shown = own.map((b) => ({ b, clear: b.status !== 'cancelled' && Boolean(b.topicEnc) }));
  await logAccess(
    ctx,
    shown.filter((s) => s.clear).map(({ b }) => ({ riderId: b.riderId, key: `agenda:${b._id}`, who: `咨询师${b.counsellorName}`, what: `查看了你 ${whenText(b.start)} 的咨询预约（问题描述${b.phoneEnc ? '、电话' : ''}）` })),
  );
  const me = await counsellorOf(ctx);
  return {
    bookings: shown.map(({ b, clear }) => bookingView(ctx, b, clear, names.get(b.riderId)?.displayName)),
    counsellor: counsellorView(me),
  };
}

async function ownBooking(tx: Tx, ctx: Ctx, bookingId: string): Promise<BookingDoc> {
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
      await notify(tx, ctx, b.riderId, { title: '咨询已完成', body: `${whenText(b.start)} 的${CATEGORY_NAMES[b.category]}咨询已完成，谢谢你的信任。`, link: PAGES.consult.mine });
    }
    return next;
  });
  return { booking: bookingView(ctx, done, false) };
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

/**
 * The counsellor escalates a consultation into a case (精准递援) for a committee, before or after it took place (the
 * problem may need the committee rather than a talk): in one transaction the case gets the day's next number, a review
 * item of kind `case` goes into the committee's queue, and the booking is linked to the case. A consultation that has
 * started counts as held; one still ahead stays booked, so it takes place and is completed as usual. The summary is
 * written for the committee and stays on the case: it never becomes the rider's 咨询小结.
 */
export async function escalate(ctx: Ctx, input: ParsedInputOf<'consult', 'escalate'>): Promise<OutputOf<'consult', 'escalate'>> {
  const { user, deps, now } = ctx;
  const summaryEnc = seal(ctx, input.summary);
  const at = now.toISOString();
  const day = shanghaiDayOf(at);
  const out = await deps.store.transaction(async (tx) => {
    const b = await ownBooking(tx, ctx, input.bookingId);
    if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
    if (b.status === 'cancelled') throw conflict('这个预约已经取消了');
    if (b.caseId) throw conflict('这次咨询已经转为个案了');
    if (!b.riderId) throw conflict('骑手已删除这次咨询的记录');
    const n = ((await tx.get(caseCounters, day))?.n ?? 0) + 1;
    await tx.set(caseCounters, { _id: day, n });
    const number = caseNumber(day, n);
    const caseId = deps.newId();
    const reviewId = await fileReview(tx, ctx, user, caseKind, { orgId: input.orgId, payload: { caseId, number, category: b.category } });
    await tx.insert(cases, {
      _id: caseId,
      number,
      bookingId: b._id,
      riderId: b.riderId,
      counsellorId: b.counsellorId,
      counsellorName: b.counsellorName,
      orgId: input.orgId,
      category: b.category,
      status: 'open',
      reviewId,
      anonymous: b.anonymous,
      summaryEnc,
      steps: [{ id: deps.newId(), at, kind: 'escalated', byId: user._id, byName: b.counsellorName, visible: true }],
      openedAt: at,
    });
    await countCaseOpened(tx, caseId, input.orgId, now);
    const held = b.status === 'booked' && Date.parse(b.start) <= now.getTime();
    if (held) {
      await countConsultation(tx, b, now);
      await dropUpcoming(tx, b.riderId, b._id, now);
    }
    await tx.set(bookings, { ...b, caseId, ...(held ? { status: 'completed' as const, completedAt: at } : {}) });
    const notice: Notice = { title: '你的咨询已转为个案', body: `个案编号 ${number}，团委将跟进办理，进展会在这里告诉你。`, link: casePageUrl(caseId) };
    await notify(tx, ctx, b.riderId, notice);
    return { caseId, reviewId, number, riderId: b.riderId, notice };
  });
  await pushTo(ctx, out.riderId, out.notice, 'caseUpdate');
  return { caseId: out.caseId, reviewId: out.reviewId, number: out.number };
}

/** How the caller relates to a case; FORBIDDEN for anyone else (other counsellors, other cadres, admins). */
function viewerOf(user: UserDoc, orgs: Awaited<ReturnType<typeof allOrgs>>, c: CaseDoc): Viewer {
  if (c.riderId && c.riderId === user._id) return 'rider';
  if (c.counsellorId === user._id) return 'counsellor';
  if (isCaseCadre(user, orgs, c.orgId)) return 'cadre';
  throw forbidden('你无权查看这个个案');
}

/** Answers a case as `viewer` sees it; a read by anyone but the rider is logged for the rider first. */
async function answerCase(ctx: Ctx, c: CaseDoc, viewer: Viewer): Promise<{ case: ConsultCase }> {
  if (viewer !== 'rider') {
    const who = viewer === 'counsellor' ? `咨询师${c.counsellorName}` : `团干部${ctx.user.displayName}`;
    await logAccess(ctx, [{ riderId: c.riderId, who, what: `查看了个案 ${c.number} 的咨询内容和办理记录` }]);
  }
  return { case: await caseView(ctx, c, viewer) };
}

export async function getCase(ctx: Ctx, input: ParsedInputOf<'consult', 'case'>): Promise<OutputOf<'consult', 'case'>> {
  const [c, orgs] = await Promise.all([ctx.deps.store.get(cases, input.id), allOrgs(ctx.deps.store)]);
  if (!c) throw notFound('找不到这个个案');
  return answerCase(ctx, c, viewerOf(ctx.user, orgs, c));
}

/** The rider's own cases, or a cadre's committee cases; numbers and statuses only (no confidential fields). */
export async function listCases(ctx: Ctx, input: ParsedInputOf<'consult', 'cases'>): Promise<OutputOf<'consult', 'cases'>> {
  const { user, deps } = ctx;
  const orgs = await allOrgs(deps.store);
  if (input.scope === 'committee' && !user.roles.includes('cadre')) throw forbidden('只有团干部可以查看团委的个案');
  const where: Where = input.scope === 'mine' ? { riderId: user._id } : { orgId: { $in: [...scopeOf(orgs, user.cadreOrgIds)] } };
  const page = await deps.store.find(cases, {
    where,
    orderBy: [['openedAt', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const names = new Map(orgs.map((o) => [o._id, o.name]));
  return { cases: page.items.map((c) => caseSummary(c, names)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Runs a cadre's change to a taken case in one transaction; tells the rider (inbox now, subscribe message after). */
async function cadreChange(
  ctx: Ctx,
  caseId: string,
  change: (c: CaseDoc) => { next: Partial<CaseDoc>; notice?: Notice },
): Promise<{ case: ConsultCase }> {
  const orgs = await allOrgs(ctx.deps.store);
  const { doc, notice } = await ctx.deps.store.transaction(async (tx) => {
    const c = await tx.get(cases, caseId);
    if (!c) throw notFound('找不到这个个案');
    if (!isCaseCadre(ctx.user, orgs, c.orgId)) throw forbidden('只有该团委的团干部可以办理这个个案');
    if (c.status === 'open') throw conflict('请先在审核队列中接办这个个案');
    if (c.status === 'closed') throw conflict('这个个案已经办结了');
    const { next, notice } = change(c);
    await tx.update(cases, c._id, next);
    if (next.status === 'closed') await countCaseClosed(tx, c._id, c.orgId, ctx.now);
    if (notice && c.riderId) await notify(tx, ctx, c.riderId, notice);
    return { doc: { ...c, ...next }, notice };
  });
  if (notice) await pushTo(ctx, doc.riderId, notice, 'caseUpdate');
  return answerCase(ctx, doc, 'cadre');
}

function step(ctx: Ctx, kind: CaseStepDoc['kind'], visible: boolean, note?: string): CaseStepDoc {
  return {
    id: ctx.deps.newId(),
    at: ctx.now.toISOString(),
    kind,
    byId: ctx.user._id,
    byName: ctx.user.displayName,
    visible,
    ...(note ? { noteEnc: seal(ctx, note) } : {}),
  };
}

/** A cadre adds a step: visible to the rider (who is told) or internal. */
export async function addStep(ctx: Ctx, input: ParsedInputOf<'consult', 'addStep'>): Promise<OutputOf<'consult', 'addStep'>> {
  return cadreChange(ctx, input.caseId, (c) => ({
    next: { steps: [...c.steps, step(ctx, 'note', input.visible, input.note)] },
    ...(input.visible
      ? { notice: { title: '你的个案有新进展', body: `个案 ${c.number} 有新的办理进展，点开查看。`, link: casePageUrl(c._id) } }
      : {}),
  }));
}

/** A cadre closes a taken case with an outcome; the rider is told and asked to rate the help. */
export async function closeCase(ctx: Ctx, input: ParsedInputOf<'consult', 'closeCase'>): Promise<OutputOf<'consult', 'closeCase'>> {
  return cadreChange(ctx, input.caseId, (c) => ({
    next: {
      status: 'closed',
      outcome: input.outcome,
      closedAt: ctx.now.toISOString(),
      steps: [...c.steps, step(ctx, 'closed', true, `${OUTCOME_NAMES[input.outcome]}：${input.note}`)],
    },
    notice: { title: '你的个案已办结', body: `个案 ${c.number} 已办结（${OUTCOME_NAMES[input.outcome]}），欢迎评价这次帮助。`, link: casePageUrl(c._id) },
  }));
}

/** The rider rates a closed case once. */
export async function rate(ctx: Ctx, input: ParsedInputOf<'consult', 'rate'>): Promise<OutputOf<'consult', 'rate'>> {
  const { user, deps, now } = ctx;
  const rated = await deps.store.transaction(async (tx) => {
    const c = await tx.get(cases, input.caseId);
    if (!c) throw notFound('找不到这个个案');
    if (!c.riderId || c.riderId !== user._id) throw forbidden('只有求助的骑手可以评价');
    if (c.status !== 'closed') throw conflict('个案办结后才能评价');
    if (c.rating) throw conflict('已经评价过了');
    const comment = input.comment?.trim();
    const rating = { score: input.score, at: now.toISOString(), ...(comment ? { commentEnc: seal(ctx, comment) } : {}) };
    const steps = [...c.steps, step(ctx, 'rated', true, comment ? `${RATING_NAMES[input.score]}：${comment}` : RATING_NAMES[input.score])];
    await tx.update(cases, c._id, { rating, steps });
    return { ...c, rating, steps };
  });
  return { case: await caseView(ctx, rated, 'rider') };
}

// ---------------------------------------------------------------------------------------------------------------
// The rider's own data

export async function accessLogPage(ctx: Ctx, input: ParsedInputOf<'consult', 'accessLog'>): Promise<OutputOf<'consult', 'accessLog'>> {
  const page = await ctx.deps.store.find(accessLog, {
    where: { riderId: ctx.user._id },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return {
    entries: page.items.map((e) => ({ at: toShanghaiIso(e.at), who: e.who, what: e.what })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * The rider deletes their consultation history: every booking and case loses its personal fields (problem, phone,
 * summaries, notes, comment) and its link to the rider, and stays as an anonymous record (topic category, committee,
 * dates, status, outcome, rating) for the committee's figures. Refused while a booking is upcoming or a case open.
 */
export async function deleteHistory(ctx: Ctx): Promise<OutputOf<'consult', 'deleteHistory'>> {
  const { user, deps, now } = ctx;
  const [ownBookings, ownCases] = await Promise.all([
    findAll(deps.store, bookings, { where: { riderId: user._id } }),
    findAll(deps.store, cases, { where: { riderId: user._id } }),
  ]);
  if (ownBookings.some((b) => b.status === 'booked' && Date.parse(b.start) > now.getTime())) throw conflict('请先取消还没开始的预约，再删除记录');
  if (ownCases.some((c) => c.status !== 'closed')) throw conflict('还有未办结的个案，办结后才能删除记录');
  for (const found of ownBookings) {
    await deps.store.transaction(async (tx) => {
      const b = await tx.get(bookings, found._id);
      if (!b || b.riderId !== user._id) return;
      const { topicEnc: _topic, phoneEnc: _phone, summaryEnc: _summary, ...kept } = b;
      await tx.set(bookings, { ...kept, riderId: '' });
    });
  }
  for (const found of ownCases) {
    await deps.store.transaction(async (tx) => {
      const c = await tx.get(cases, found._id);
      if (!c || c.riderId !== user._id) return;
      const { summaryEnc: _summary, rating, ...kept } = c;
      await tx.set(cases, {
        ...kept,
        riderId: '',
        steps: c.steps.map(({ noteEnc: _note, ...s }) => s),
        ...(rating ? { rating: { score: rating.score, at: rating.at } } : {}),
      });
    });
  }
  await deps.store.transaction((tx) => tx.remove(upcoming, user._id));
  return { bookings: ownBookings.length, cases: ownCases.length };
}
