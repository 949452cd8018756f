/** Childcare programmes and the volunteers who staff their sessions: what childcare and volunteers both read. */
import type { Session } from '../../../types';
import { defineCollection, type Doc, type GeoPoint } from '../../core/store/docstore.port';

export interface ProgrammeDoc extends Doc {
  title: string;
  orgId: string;
  description?: string;
  site: { name: string; address: string; stationId?: string };
  /** The site, for programmes near a rider. */
  location: GeoPoint;
  ageMin: number;
  ageMax: number;
  capacity: number;
  signupOpens: string;
  signupCloses: string;
  requiresReview: boolean;
  /** Volunteers each session takes (programmes from before it was asked: the default). */
  volunteersPerSession?: number;
  /** In date order, one a day. */
  sessions: Session[];
  firstDate: string;
  lastDate: string;
  createdBy: string;
  createdAt: string;
}

export const programmes = defineCollection<ProgrammeDoc>({
  name: 'childcare_programmes',
  geo: 'location',
  indexes: [{ fields: ['orgId', 'lastDate', 'firstDate'] }, { fields: ['lastDate', 'firstDate'] }],
});

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

export const PROGRAMMES_COLLECTIONS = [programmes, volunteers, shifts, clocks, hoursEntries];
