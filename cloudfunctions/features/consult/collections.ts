import type { BookingStatus, CaseOutcome, CaseStatus, ConsultCategory, ConsultMode, Rating } from '../../../types';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A counsellor, keyed by their user id. */
export interface CounsellorDoc extends Doc {
  name: string;
  categories: ConsultCategory[];
  orgId: string;
  intro?: string;
  createdAt: string;
}

export const counsellors = defineCollection<CounsellorDoc>({ name: 'consult_counsellors', indexes: [] });

/**
 * A published slot. It is its own hold: `bookingId` is set by the one booking that holds it, and every booking,
 * cancel and move reads and writes this document in its transaction, so a slot is held at most once.
 */
export interface SlotDoc extends Doc {
  counsellorId: string;
  counsellorName: string;
  /** The counsellor's committee. */
  orgId: string;
  /** The counsellor's categories, so free slots of a topic are one indexed query. */
  categories: ConsultCategory[];
  start: string;
  end: string;
  modes: ConsultMode[];
  free: boolean;
  bookingId?: string | null;
}

export const slots = defineCollection<SlotDoc>({
  name: 'consult_slots',
  indexes: [{ fields: ['free', 'start', 'categories'] }, { fields: ['counsellorId', 'start'] }],
});

/** `<counsellorId>:<Shanghai day>`: the counsellor's slots that day, read by every publish to refuse overlaps. */
export interface CounsellorDayDoc extends Doc {
  slots: { id: string; start: string; end: string }[];
}

export const counsellorDays = defineCollection<CounsellorDayDoc>({ name: 'consult_counsellor_days', indexes: [] });

/** Keyed by rider id: their upcoming bookings, touched by every booking of that rider (at most three). */
export interface UpcomingDoc extends Doc {
  /** `end` is missing on entries written before it was kept. */
  bookings: { id: string; start: string; end?: string }[];
}

export const upcoming = defineCollection<UpcomingDoc>({ name: 'consult_upcoming', indexes: [] });

export interface BookingDoc extends Doc {
  /** Empty once the rider deleted their history: the record stays for the figures, linked to no one. */
  riderId: string;
  counsellorId: string;
  counsellorName: string;
  slotId: string;
  start: string;
  end: string;
  mode: ConsultMode;
  category: ConsultCategory;
  /** The counsellor's committee, for the figures. */
  orgId: string;
  status: BookingStatus;
  anonymous: boolean;
  /** Sealed (core/crypto): the rider's line about the problem, their phone, the counsellor's summary. */
  topicEnc?: string;
  phoneEnc?: string;
  summaryEnc?: string;
  caseId?: string;
  createdAt: string;
  cancelledAt?: string;
  completedAt?: string;
  /** When the rider was reminded of the coming consultation (consult/reminders.ts). */
  remindedAt?: string;
}

export const bookings = defineCollection<BookingDoc>({
  name: 'consult_bookings',
  indexes: [
    { fields: ['riderId', 'start'] },
    { fields: ['counsellorId', 'start'] },
    { fields: ['orgId', 'start', 'category', 'status'] },
    { fields: ['status', 'start'] },
  ],
});

export interface CaseStepDoc {
  id: string;
  at: string;
  kind: 'escalated' | 'taken' | 'note' | 'closed' | 'rated';
  byId: string;
  byName: string;
  visible: boolean;
  noteEnc?: string;
}

export interface CaseDoc extends Doc {
  number: string;
  bookingId: string;
  /** Empty once the rider deleted their history. */
  riderId: string;
  counsellorId: string;
  counsellorName: string;
  orgId: string;
  category: ConsultCategory;
  status: CaseStatus;
  reviewId: string;
  anonymous: boolean;
  summaryEnc?: string;
  steps: CaseStepDoc[];
  cadreId?: string;
  outcome?: CaseOutcome;
  rating?: { score: Rating; commentEnc?: string; at: string };
  openedAt: string;
  closedAt?: string;
}

export const cases = defineCollection<CaseDoc>({
  name: 'consult_cases',
  indexes: [{ fields: ['riderId', 'openedAt'] }, { fields: ['orgId', 'openedAt'] }, { fields: ['orgId', 'status', 'closedAt'] }],
});

/** `<Shanghai day>`: the last case number given out that day. */
export interface CaseCounterDoc extends Doc {
  n: number;
}

export const caseCounters = defineCollection<CaseCounterDoc>({ name: 'consult_case_counters', indexes: [] });

/** One read of a rider's confidential consultation data by someone else. */
export interface AccessLogDoc extends Doc {
  riderId: string;
  at: string;
  whoId: string;
  who: string;
  what: string;
}

export const accessLog = defineCollection<AccessLogDoc>({ name: 'consult_access_log', indexes: [{ fields: ['riderId', 'at'] }] });

export const CONSULT_COLLECTIONS = [counsellors, slots, counsellorDays, upcoming, bookings, cases, caseCounters, accessLog];
