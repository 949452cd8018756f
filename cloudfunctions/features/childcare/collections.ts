import type { SeatsDoc } from '../../capabilities/seating/seating';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

export type { SeatsDoc };

/**
 * `<programmeId>`: the programme's seats and ordered waitlist (capabilities/seating/seating.ts), the truth of who holds a seat and who
 * waits where; every placement and cancellation changes it by one compare-and-set, outside any transaction.
 */
export const seats = defineCollection<SeatsDoc>({ name: 'childcare_seats', indexes: [] });

/** A child, added once by the guardian; every personal field sealed with the field key. */
export interface ChildDoc extends Doc {
  guardianId: string;
  nameEnc: string;
  birthDateEnc: string;
  emergencyPhoneEnc: string;
  schoolEnc?: string;
  allergiesEnc?: string;
  consent: { version: string; acceptedAt: string };
  createdAt: string;
}

export const children = defineCollection<ChildDoc>({ name: 'childcare_children', indexes: [{ fields: ['guardianId', 'createdAt'] }] });

/** `<guardianId>:<1…6>`: one of the guardian's places for a child, written with the child, so six is a hard limit. */
export interface ChildSlotDoc extends Doc {
  childId: string;
}

export const childSlots = defineCollection<ChildSlotDoc>({ name: 'childcare_child_slots', indexes: [] });

/**
 * `requested`: written, not yet placed (capabilities/seating/seating.ts); never for long. `confirmed` and `waitlisted` follow the
 * seats document, which may be ahead of them; `pending` waits for a cadre's approval and holds no place.
 */
export type EnrolmentDocStatus = 'requested' | 'confirmed' | 'waitlisted' | 'pending' | 'cancelled';

/** `<programmeId>:<childId>`: one enrolment per child and programme. */
export interface EnrolmentDoc extends Doc {
  programmeId: string;
  childId: string;
  guardianId: string;
  orgId: string;
  status: EnrolmentDocStatus;
  /** This request's place in the seats document (a new one each time the child is enrolled again). */
  ticket: string;
  enrolledAt: string;
  confirmedAt?: string | null;
  cancelledAt?: string | null;
  reviewId?: string | null;
  /** Cancelled because seats and waitlist were both full when it came. */
  full?: boolean | null;
}

export const enrolments = defineCollection<EnrolmentDoc>({
  name: 'childcare_enrolments',
  indexes: [{ fields: ['guardianId', 'enrolledAt'] }, { fields: ['programmeId', 'status', 'enrolledAt'] }],
});

/** `<enrolmentId>:<date>:<in|out>`: a child signed in or out, written once and never changed. */
export interface AttendanceDoc extends Doc {
  enrolmentId: string;
  programmeId: string;
  orgId: string;
  date: string;
  event: 'in' | 'out';
  at: string;
  byId: string;
  byName: string;
}

export const attendance = defineCollection<AttendanceDoc>({
  name: 'childcare_attendance',
  indexes: [{ fields: ['programmeId', 'date', 'at'] }, { fields: ['orgId', 'date'] }],
});

export const CHILDCARE_COLLECTIONS = [seats, children, childSlots, enrolments, attendance];
