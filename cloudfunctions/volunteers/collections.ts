import { defineCollection, type Doc } from '../core/store/docstore.port';

/** `<userId>`: a volunteer's application and, once approved, their record. Name and certificates sealed. */
export interface VolunteerDoc extends Doc {
  orgId: string;
  nameEnc: string;
  skills: string[];
  /** Sealed JSON of `{ kind, expiresOn }[]`. */
  certificatesEnc: string;
  status: 'applied' | 'approved';
  reviewId: string;
  appliedAt: string;
  approvedAt?: string;
}

export const volunteers = defineCollection<VolunteerDoc>({ name: 'volunteers', indexes: [{ fields: ['orgId', 'status'] }] });

/** `<programmeId>:<date>:<userId>`: a volunteer's place on one session's roster. */
export interface ShiftDoc extends Doc {
  programmeId: string;
  programmeTitle: string;
  orgId: string;
  date: string;
  start: string;
  end: string;
  course: string;
  volunteerId: string;
  signedUpAt: string;
}

export const shifts = defineCollection<ShiftDoc>({
  name: 'volunteer_shifts',
  indexes: [{ fields: ['programmeId', 'date'] }, { fields: ['volunteerId', 'date'] }],
});

/** `<shiftId>:<in|out>`: a clock-in or clock-out, written once and never changed. */
export interface ClockDoc extends Doc {
  shiftId: string;
  programmeId: string;
  date: string;
  volunteerId: string;
  event: 'in' | 'out';
  at: string;
  byId: string;
}

export const clocks = defineCollection<ClockDoc>({ name: 'volunteer_clocks', indexes: [{ fields: ['programmeId', 'date'] }] });

/** `<shiftId>`: the hours a shift earned, credited once at clock-out. */
export interface HoursDoc extends Doc {
  volunteerId: string;
  programmeId: string;
  programmeTitle: string;
  orgId: string;
  date: string;
  hours: number;
  at: string;
}

export const hoursEntries = defineCollection<HoursDoc>({
  name: 'volunteer_hours',
  indexes: [{ fields: ['volunteerId', 'date'] }, { fields: ['orgId', 'date'] }],
});

export const VOLUNTEERS_COLLECTIONS = [volunteers, shifts, clocks, hoursEntries];
