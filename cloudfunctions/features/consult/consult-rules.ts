/**
 * The consultation rules: slot shapes and overlaps, a week template's slots, the three-booking limit, the change
 * cut-off and who may read a case. Pure functions only: time is passed in.
 */
import { BOOKING_HORIZON_DAYS, CHANGE_CUTOFF_MINUTES, MAX_UPCOMING_BOOKINGS, type ConsultMode, type WeekTemplate } from '../../../types/consult';
import type { Caller, OrgNode } from '../../core/access';
import { scopeOf } from '../../core/access';

export { BOOKING_HORIZON_DAYS, CHANGE_CUTOFF_MINUTES, MAX_UPCOMING_BOOKINGS };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE;

/** A slot lasts 15 minutes to 4 hours. */
export const SLOT_MIN_MINUTES = 15;
export const SLOT_MAX_MINUTES = 240;
/** Slots are published at most this far ahead. */
export const PUBLISH_HORIZON_DAYS = 60;
/** Hours a committee has to take an escalated case. */
export const CASE_DUE_HOURS = 48;

export interface Span {
  start: string;
  end: string;
}

export interface NewSlot extends Span {
  modes: ConsultMode[];
}

/** The Shanghai calendar day (YYYY-MM-DD) of an instant; Shanghai keeps +08:00 all year. */
export function shanghaiDayOf(at: string | number): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Shanghai midnight starting the day `day` (YYYY-MM-DD), as epoch milliseconds. */
export function shanghaiMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** Slots start and end on the quarter hour (14:00, 14:15, 14:30…), as riders read times. */
export const SLOT_GRID_MINUTES = 15;

export type SlotProblem = 'order' | 'length' | 'grid' | 'past' | 'too-far' | 'crosses-day' | null;

const onGrid = (ms: number) => ms % (SLOT_GRID_MINUTES * MINUTE) === 0;

/** What is wrong with a slot a counsellor publishes at `now`, if anything. */
export function slotProblem(slot: Span, now: Date): SlotProblem {
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  if (!(end > start)) return 'order';
  const minutes = (end - start) / MINUTE;
  if (minutes < SLOT_MIN_MINUTES || minutes > SLOT_MAX_MINUTES) return 'length';
  if (!onGrid(start) || !onGrid(end)) return 'grid';
  if (start <= now.getTime()) return 'past';
  if (start > now.getTime() + PUBLISH_HORIZON_DAYS * DAY) return 'too-far';
  if (shanghaiDayOf(start) !== shanghaiDayOf(end - 1)) return 'crosses-day';
  return null;
}

export const SLOT_PROBLEMS: Record<Exclude<SlotProblem, null>, string> = {
  order: '结束时间要晚于开始时间',
  length: `每个时段应在 ${SLOT_MIN_MINUTES} 分钟到 ${SLOT_MAX_MINUTES / 60} 小时之间`,
  grid: '时段要从整点、15 分、30 分或 45 分开始和结束',
  past: '不能发布已经开始或过去的时段',
  'too-far': `最多提前 ${PUBLISH_HORIZON_DAYS} 天发布时段`,
  'crosses-day': '一个时段不能跨过午夜',
};

/** Two spans overlap when each starts before the other ends (touching ends do not overlap). */
export function overlaps(a: Span, b: Span): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

/** The first of `fresh` that overlaps another of `fresh` or one of `existing`, or null. */
export function firstOverlap<T extends Span>(existing: readonly Span[], fresh: readonly T[]): T | null {
  for (let i = 0; i < fresh.length; i++) {
    const slot = fresh[i]!;
    if (existing.some((e) => overlaps(e, slot)) || fresh.slice(0, i).some((e) => overlaps(e, slot))) return slot;
  }
  return null;
}

/** The slots of `fresh` that overlap none of `existing` (a template fills the counsellor's free time only). */
export function freeOf<T extends Span>(existing: readonly Span[], fresh: readonly T[]): T[] {
  return fresh.filter((slot) => !existing.some((e) => overlaps(e, slot)));
}

/** "HH:mm" → minutes after midnight ("24:00" is 1440). */
function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai day. */
function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The slots a week template makes from today (Shanghai) for `weeks` weeks: on each chosen weekday, back-to-back
 * slots of `minutes` from `from` while they end by `to`. Slots that would already have started are left out.
 */
export function expandTemplate(t: WeekTemplate, now: Date): NewSlot[] {
  const today = shanghaiMidnight(shanghaiDayOf(now.getTime()));
  const from = clockMinutes(t.from);
  const to = clockMinutes(t.to);
  const out: NewSlot[] = [];
  for (let d = 0; d < t.weeks * 7; d++) {
    const midnight = today + d * DAY;
    if (!t.days.includes(isoWeekday(shanghaiDayOf(midnight)))) continue;
    for (let m = from; m + t.minutes <= to; m += t.minutes) {
      const start = midnight + m * MINUTE;
      if (start <= now.getTime()) continue;
      out.push({ start: new Date(start).toISOString(), end: new Date(start + t.minutes * MINUTE).toISOString(), modes: [...t.modes] });
    }
  }
  return out;
}

/** A rider's upcoming bookings as of `now`: those whose slot has not started. */
export function stillUpcoming<T extends { start: string }>(list: readonly T[], now: Date): T[] {
  return list.filter((b) => Date.parse(b.start) > now.getTime());
}

/** One of the rider's upcoming bookings at the same time as `slot`, if any (a rider cannot be in two consultations). */
export function clashingBooking<T extends { start: string; end?: string }>(held: readonly T[], slot: Span): T | undefined {
  return held.find((h) => (h.end ? overlaps({ start: h.start, end: h.end }, slot) : Date.parse(h.start) === Date.parse(slot.start)));
}

/** Whether the rider may hold one more booking. */
export function mayBookAnother(upcomingCount: number): boolean {
  return upcomingCount < MAX_UPCOMING_BOOKINGS;
}

/** The last instant a booking starting at `start` can be cancelled or moved by its rider. */
export function changeDeadline(start: string): Date {
  return new Date(Date.parse(start) - CHANGE_CUTOFF_MINUTES * MINUTE);
}

export function mayChange(start: string, now: Date): boolean {
  return now.getTime() <= changeDeadline(start).getTime();
}

/** The window riders see free slots in: from now (or later) to the horizon (or earlier). */
export function slotWindow(now: Date, from?: string, to?: string): { from: string; to: string } {
  const horizon = now.getTime() + BOOKING_HORIZON_DAYS * DAY;
  const start = Math.max(now.getTime(), from ? Date.parse(from) : 0);
  const end = Math.min(horizon, to ? Date.parse(to) : horizon);
  return { from: new Date(start).toISOString(), to: new Date(Math.max(start, end)).toISOString() };
}

/** A case number: 12355-YYYYMMDD-NNN, numbered per Shanghai day. */
export function caseNumber(day: string, n: number): string {
  return `12355-${day.replaceAll('-', '')}-${String(n).padStart(3, '0')}`;
}

/**
 * A cadre whose own committees' subtrees hold the case's committee. Admin rank does not count: consultation data
 * is for the case's cadres only.
 */
export function isCaseCadre(user: Caller, orgs: readonly OrgNode[], orgId: string): boolean {
  return user.roles.includes('cadre') && scopeOf(orgs, user.cadreOrgIds).has(orgId);
}

/** "11月20日 14:00" in Shanghai time, for messages. */
export function whenText(at: string): string {
  const d = new Date(Date.parse(at) + SHANGHAI_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}
