import { defineCollection, type Doc } from '../../core/store/docstore.port';

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

/**
 * `<programmeId>:<volunteerId>`: a cadre of the programme's committee placed a volunteer (of any committee) on the
 * programme, so they may sign up for its sessions.
 */
export interface PlacementDoc extends Doc {
  programmeId: string;
  volunteerId: string;
  orgId: string;
  byId: string;
  at: string;
}

export const placements = defineCollection<PlacementDoc>({ name: 'volunteer_placements', indexes: [{ fields: ['programmeId', 'at'] }] });

/**
 * `<programmeId>:<date>`: how many of the session's volunteer places are taken, taken with a conditional
 * single-document update (`taken < capacity → taken + 1`), so the session never takes more than its capacity.
 */
export interface SessionPlaceDoc extends Doc {
  taken: number;
}

export const sessionPlaces = defineCollection<SessionPlaceDoc>({ name: 'volunteer_session_places', indexes: [] });

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

export const VOLUNTEERS_COLLECTIONS = [volunteers, shifts, placements, sessionPlaces, clocks, hoursEntries];
