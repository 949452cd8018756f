/** Counsellors and their slots: the admin adds counsellors, counsellors publish and withdraw slots, riders see free ones. */
import { CATEGORY_NAMES, CONSULT_CATEGORIES, type Counsellor, type OutputOf, type ParsedInputOf } from '../../../types';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import { newUser, userIdOf, users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { getOrg } from '../../capabilities/orgs/orgs.service';
import { counsellorDays, counsellors, slots, type CounsellorDoc, type SlotDoc } from './collections';
import {
  SLOT_PROBLEMS,
  expandTemplate,
  firstOverlap,
  freeOf,
  shanghaiDayOf,
  shanghaiMidnight,
  slotProblem,
  slotWindow,
  whenText,
  type NewSlot,
} from './consult-rules';
import { ownSlot } from './views';

const MAX_PUBLISH = 100;
const DAY_MS = 24 * 3_600_000;
/** A counsellor's agenda covers at most this many days a call. */
const AGENDA_MAX_DAYS = 31;

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

export function counsellorView(c: CounsellorDoc): Counsellor {
  return { id: c._id, name: c.name, categories: c.categories, orgId: c.orgId, ...(c.intro ? { intro: c.intro } : {}) };
}

export async function counsellorOf(ctx: Ctx): Promise<CounsellorDoc> {
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
export function ownRange(now: Date, from?: string, to?: string): { from: string; to: string } {
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
