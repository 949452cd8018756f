import { z } from 'zod';
import { CHILD_CONSENT_VERSION, PROGRAMME_LIMITS, type EnrolmentStatus, type SignupState } from './childcare-labels';
import { id, instant, latLng, line, listInput, text, type LatLng } from './common';

export * from './childcare-labels';

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请输入正确的联系电话');

export const sessionInput = z
  .object({ date: day, start: clock, end: clock, course: line(1, 20) })
  .refine((s) => s.start < s.end, { message: '结束时间应晚于开始时间', path: ['end'] });

export interface Session {
  date: string;
  start: string;
  end: string;
  course: string;
}

export interface ProgrammeSite {
  name: string;
  address: string;
  location: LatLng;
  /** The station hosting the programme: its staff sign children in and clock volunteers. */
  stationId?: string;
}

export interface Programme {
  id: string;
  title: string;
  orgId: string;
  description?: string;
  site: ProgrammeSite;
  /** From the caller's location, when given. */
  distanceM?: number;
  ageMin: number;
  ageMax: number;
  capacity: number;
  confirmed: number;
  seatsLeft: number;
  waitlisted: number;
  signupOpens: string;
  signupCloses: string;
  signupState: SignupState;
  requiresReview: boolean;
  /** Volunteers each session takes. */
  volunteersPerSession: number;
  sessions: Session[];
  /** The course menu, in the order of the sessions. */
  courses: string[];
  firstDate: string;
  lastDate: string;
}

/** A child as everyone but the guardian's own detail view sees it: masked. */
export interface ChildSummary {
  id: string;
  name: string;
  /** Full years today. */
  age: number;
  school?: string;
  emergencyPhone: string;
  hasAllergies: boolean;
}

/** The guardian's own view, in clear. */
export interface ChildDetail {
  id: string;
  name: string;
  birthDate: string;
  age: number;
  school?: string;
  allergies?: string;
  emergencyPhone: string;
  consentVersion: string;
}

export interface Enrolment {
  id: string;
  programmeId: string;
  childId: string;
  status: EnrolmentStatus;
  /** 1 = next to be confirmed; only while waitlisted. */
  position?: number;
  enrolledAt: string;
  confirmedAt?: string;
  cancelledAt?: string;
}

export interface MyEnrolment extends Enrolment {
  childName: string;
  programme: { id: string; title: string; siteName: string; firstDate: string; lastDate: string };
}

export interface AttendanceMark {
  at: string;
  byName: string;
}

export interface Attendance {
  id: string;
  enrolmentId: string;
  date: string;
  event: 'in' | 'out';
  at: string;
}

export interface RosterChild {
  enrolmentId: string;
  /** In clear for those who care for the children on the day; masked otherwise. */
  name: string;
  age: number;
  hasAllergies: boolean;
  /** Only for the day's carers, and for its volunteers only around the session itself. */
  allergies?: string;
  emergencyPhone?: string;
  attendance: { in?: AttendanceMark; out?: AttendanceMark };
}

export interface RosterVolunteer {
  shiftId: string;
  name: string;
  in?: string;
  out?: string;
  hours?: number;
  /** A certificate of theirs expires within 30 days (cadres and staff only). */
  certificateExpiring?: boolean;
}

export const childcareSchemas = {
  createProgramme: z
    .object({
      title: line(2, 40),
      orgId: id,
      description: text(0, 500).optional(),
      site: z.object({ name: line(2, 40), address: line(2, 80), location: latLng, stationId: id.optional() }),
      ageMin: z.number().int().min(PROGRAMME_LIMITS.ageMin).max(PROGRAMME_LIMITS.ageMax),
      ageMax: z.number().int().min(PROGRAMME_LIMITS.ageMin).max(PROGRAMME_LIMITS.ageMax),
      capacity: z.number().int().min(1).max(PROGRAMME_LIMITS.capacityMax),
      signupOpens: instant,
      signupCloses: instant,
      sessions: z.array(sessionInput).min(1).max(PROGRAMME_LIMITS.sessionsMax),
      requiresReview: z.boolean().default(false),
      volunteersPerSession: z.number().int().min(1).max(PROGRAMME_LIMITS.volunteersPerSessionMax).default(PROGRAMME_LIMITS.volunteersPerSession),
    })
    .refine((p) => p.ageMin <= p.ageMax, { message: '最小年龄不能大于最大年龄', path: ['ageMax'] })
    .refine((p) => Date.parse(p.signupOpens) < Date.parse(p.signupCloses), { message: '报名截止应晚于报名开始', path: ['signupCloses'] })
    .refine((p) => new Set(p.sessions.map((s) => s.date)).size === p.sessions.length, { message: '每天最多一场课', path: ['sessions'] }),
  programmes: listInput
    .extend({
      orgId: id.optional(),
      age: z.number().int().min(0).max(18).optional(),
      lat: z.number().min(-90).max(90).optional(),
      lng: z.number().min(-180).max(180).optional(),
      /** Near the given point, within this many metres (default 20 km). */
      radiusM: z.number().int().min(100).max(100_000).optional(),
    })
    .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: '请同时提供经纬度', path: ['lat'] }),
  programme: z.object({ id }),
  addChild: z.object({
    name: line(1, 20),
    birthDate: day,
    emergencyPhone: phone,
    school: line(1, 40).optional(),
    allergies: text(1, 200).optional(),
    consent: z.object({
      version: z.literal(CHILD_CONSENT_VERSION, { errorMap: () => ({ message: '监护人告知书已更新，请重新阅读并同意' }) }),
      accepted: z.literal(true, { errorMap: () => ({ message: '请先阅读并同意监护人告知书' }) }),
    }),
  }),
  children: z.object({}),
  child: z.object({ id }),
  enrol: z.object({ programmeId: id, childId: id }),
  cancel: z.object({ enrolmentId: z.string().trim().min(1).max(140) }),
  mine: z.object({}),
  roster: z.object({ programmeId: id, date: day.optional() }),
  attend: z.object({ enrolmentId: z.string().trim().min(1).max(140), date: day, event: z.enum(['in', 'out']) }),
};

export interface ChildcareApi {
  createProgramme: { output: { programme: Programme } };
  programmes: { output: { programmes: Programme[]; cursor?: string } };
  programme: { output: { programme: Programme } };
  addChild: { output: { child: ChildSummary } };
  children: { output: { children: ChildSummary[] } };
  child: { output: { child: ChildDetail } };
  enrol: { output: { enrolment: Enrolment } };
  cancel: { output: { enrolment: Enrolment } };
  mine: { output: { enrolments: MyEnrolment[] } };
  roster: {
    output: {
      programmeId: string;
      date: string;
      session: Session;
      /**
       * `clear`: names, allergies and emergency phones (the day's carers, around the session); `names`: names only (the
       * session's volunteers on its day, outside the session); `masked`: masked names (planning on other days).
       */
      view: 'clear' | 'names' | 'masked';
      children: RosterChild[];
      volunteers: RosterVolunteer[];
    };
  };
  attend: { output: { attendance: Attendance } };
}
