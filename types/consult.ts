import { z } from 'zod';
import { cursor, id, instant, line, text } from './common';
import {
  CASE_OUTCOMES,
  CONSULT_CATEGORIES,
  CONSULT_MODES,
  RATINGS,
  type BookingStatus,
  type CaseOutcome,
  type CaseStatus,
  type ConsultCategory,
  type ConsultMode,
  type Rating,
} from './consult-labels';

export * from './consult-labels';

const category = z.enum(CONSULT_CATEGORIES);
const mode = z.enum(CONSULT_MODES);
const modes = z
  .array(mode)
  .min(1, '请至少选择一种咨询方式')
  .max(CONSULT_MODES.length)
  .refine((m) => new Set(m).size === m.length, '咨询方式重复了');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm');
const phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');
const list = { cursor: cursor.optional(), limit: z.number().int().min(1).max(100).default(20) };
const range = { from: instant.optional(), to: instant.optional() };

/** "Tuesdays and Thursdays 14:00–17:00, 30 min", for the coming weeks. */
export const weekTemplate = z
  .object({
    /** 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: clock,
    to: clock,
    minutes: z.number().int().min(15).max(240).multipleOf(15, '每次时长应是 15 分钟的倍数'),
    weeks: z.number().int().min(1).max(4).default(2),
    modes,
  })
  .refine((t) => t.from < t.to, { message: '结束时间要晚于开始时间', path: ['to'] })
  .refine((t) => [t.from, t.to].every((c) => Number(c.slice(3, 5)) % 15 === 0), { message: '时间要是整点、15 分、30 分或 45 分', path: ['from'] });
export type WeekTemplate = z.infer<typeof weekTemplate>;

export const consultSchemas = {
  categories: z.object({}),
  /** The person by OPENID (API.md) or by the user number on their 我的 page (who must exist). */
  addCounsellor: z
    .object({
      openid: z.string().trim().min(1).max(128).optional(),
      userId: z
        .string()
        .trim()
        .regex(/^[\w-]{16}$/, '用户编号应为 16 位字母和数字')
        .optional(),
      name: line(1, 20),
      categories: z.array(category).min(1).max(CONSULT_CATEGORIES.length),
      orgId: id,
      intro: text(0, 300).optional(),
    })
    .refine((v) => (v.openid ? 1 : 0) + (v.userId ? 1 : 0) === 1, { message: '请指定一位用户（用户编号）', path: ['userId'] }),
  /** Either explicit slots or a week template the server expands from today (Shanghai). */
  /** Admin: every counsellor. */
  counsellors: z.object({}),
  publishSlots: z
    .object({
      slots: z
        .array(z.object({ start: instant, end: instant, modes }))
        .min(1)
        .max(100)
        .optional(),
      template: weekTemplate.optional(),
    })
    .refine((v) => (v.slots ? 1 : 0) + (v.template ? 1 : 0) === 1, { message: '请给出时段或每周模板（二选一）' }),
  slots: z.object({ category, ...range, ...list }),
  mySlots: z.object(range),
  /** A counsellor takes back one of their own free future slots. */
  withdrawSlot: z.object({ slotId: id }),
  book: z.object({
    slotId: id,
    category,
    mode,
    topic: line(2, 100),
    phone: phone.optional(),
    anonymous: z.boolean().default(false),
  }),
  cancel: z.object({ bookingId: id, reason: line(1, 100).optional() }),
  reschedule: z.object({ bookingId: id, slotId: id }),
  mine: z.object(list),
  agenda: z.object(range),
  complete: z.object({ bookingId: id, summary: text(2, 1000) }),
  escalate: z.object({ bookingId: id, summary: text(2, 1000), orgId: id }),
  case: z.object({ id }),
  /** The caller's own cases (rider), or the cases in a cadre's committee scope. */
  cases: z.object({ scope: z.enum(['mine', 'committee']).default('mine'), ...list }),
  addStep: z.object({ caseId: id, note: text(2, 500), visible: z.boolean() }),
  closeCase: z.object({ caseId: id, outcome: z.enum(CASE_OUTCOMES), note: text(2, 500) }),
  rate: z.object({ caseId: id, score: z.enum(RATINGS), comment: text(0, 200).optional() }),
  accessLog: z.object(list),
  deleteHistory: z.object({}),
};

export interface Counsellor {
  id: string;
  name: string;
  categories: ConsultCategory[];
  orgId: string;
  intro?: string;
}

export interface Slot {
  id: string;
  start: string;
  end: string;
  modes: ConsultMode[];
  counsellor: { id: string; name: string };
}

export interface OwnSlot {
  id: string;
  start: string;
  end: string;
  modes: ConsultMode[];
  booked: boolean;
}

export interface Booking {
  id: string;
  status: BookingStatus;
  slotId: string;
  start: string;
  end: string;
  mode: ConsultMode;
  category: ConsultCategory;
  counsellor: { id: string; name: string };
  anonymous: boolean;
  /** In clear for the booking's rider and, in the agenda, its counsellor. */
  topic?: string;
  phone?: string;
  summary?: string;
  /** The rider's name, for the counsellor; left out when the rider stays anonymous. */
  riderName?: string;
  caseId?: string;
  /** The last instant the rider can still cancel or move it. */
  changeableUntil?: string;
}

export interface CaseStep {
  id: string;
  at: string;
  kind: 'escalated' | 'taken' | 'note' | 'closed' | 'rated';
  byName: string;
  /** Meant for the rider; internal steps are shown to the counsellor and cadres only. */
  visible: boolean;
  note?: string;
}

export interface CaseSummary {
  id: string;
  number: string;
  status: CaseStatus;
  category: ConsultCategory;
  orgId: string;
  orgName?: string;
  openedAt: string;
  closedAt?: string;
  rated: boolean;
}

export interface ConsultCase extends CaseSummary {
  steps: CaseStep[];
  /** The review item that puts the case in the committee's queue (a cadre takes the case by approving it). */
  reviewId: string;
  outcome?: CaseOutcome;
  rating?: { score: Rating; comment?: string; at: string };
  /** How the caller relates to the case: what the case page offers. */
  viewer: 'rider' | 'counsellor' | 'cadre';
  topic?: string;
  phone?: string;
  /** The counsellor's summary when escalating (counsellor and cadres). */
  summary?: string;
  riderName?: string;
  counsellorName: string;
}

export interface AccessEntry {
  at: string;
  who: string;
  what: string;
}

export interface ConsultApi {
  categories: { output: { categories: { id: ConsultCategory; name: string }[] } };
  addCounsellor: { output: { counsellor: Counsellor } };
  counsellors: { output: { counsellors: Counsellor[] } };
  /** With a template, `skipped` counts the template's slots left out because the counsellor already had that time. */
  publishSlots: { output: { slots: OwnSlot[]; skipped?: number } };
  withdrawSlot: { output: { slotId: string } };
  slots: { output: { slots: Slot[]; cursor?: string } };
  mySlots: { output: { slots: OwnSlot[] } };
  book: { output: { booking: Booking } };
  cancel: { output: { booking: Booking } };
  reschedule: { output: { booking: Booking } };
  mine: { output: { bookings: Booking[]; cursor?: string } };
  /** With the counsellor's own profile (their committee is where cases go by default). */
  agenda: { output: { bookings: Booking[]; counsellor: Counsellor } };
  complete: { output: { booking: Booking } };
  escalate: { output: { caseId: string; reviewId: string; number: string } };
  case: { output: { case: ConsultCase } };
  cases: { output: { cases: CaseSummary[]; cursor?: string } };
  addStep: { output: { case: ConsultCase } };
  closeCase: { output: { case: ConsultCase } };
  rate: { output: { case: ConsultCase } };
  accessLog: { output: { entries: AccessEntry[]; cursor?: string } };
  deleteHistory: { output: { bookings: number; cases: number } };
}
