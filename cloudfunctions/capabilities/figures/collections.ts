import { CONSULT_CATEGORIES, type ConsultCategory } from '../../../types/consult-labels';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** What a committee's day counts besides check-ins. */
export interface OrgDayCounts {
  /** Points credited other than for check-ins (claims, …). */
  points: number;
  claimsApproved: number;
  consultations: number;
  casesOpened: number;
  casesClosed: number;
  childcareSessions: number;
  childMinutes: number;
  volunteerHours: number;
}

/** Completed consultations per category, as flat fields (`consult_law`, …) so the store can sum them. */
export type ConsultCounts = { [C in ConsultCategory as `consult_${C}`]?: number };

/** Every count a committee's day sums: what the fold adds up and a report reads back. */
export const ORG_DAY_COUNTS = [
  'points',
  'claimsApproved',
  'consultations',
  'casesOpened',
  'casesClosed',
  'childcareSessions',
  'childMinutes',
  'volunteerHours',
  ...CONSULT_CATEGORIES.map((c) => `consult_${c}` as const),
] as const satisfies readonly (keyof OrgDayCounts | keyof ConsultCounts)[];

/**
 * One event's part in the committee figures, written in the event's own transaction and keyed by the event
 * (`visit:<checkinId>`, `claim:<reviewId>`, …), so an event counts once and no two events write one document. The
 * scheduler folds facts into the roll-ups below in the order they were written (`at`, then `_id`); a report reads the
 * roll-ups and adds the facts not folded yet, so its figures match the records at any moment.
 */
export interface FactDoc extends Doc, Partial<OrgDayCounts>, ConsultCounts {
  /** The committee the figure belongs to: a visit's station's, or the event's own. */
  orgId: string;
  /** The Shanghai day it counts on. */
  day: string;
  /** When it was written. */
  at: string;
  /** A visit: the station and the rider, one visit and the check-in's points. */
  stationId?: string;
  riderId?: string;
  visits?: number;
  visitPoints?: number;
}

export const facts = defineCollection<FactDoc>({ name: 'report_facts', indexes: [{ fields: ['at'] }, { fields: ['orgId', 'at'] }] });

/** `facts`: how far the fold has gone (every fact up to this `at` and `_id` is in the roll-ups); `version` counts folds. */
export interface FoldMarkDoc extends Doc {
  at: string;
  factId: string;
  version: number;
}

export const foldMarks = defineCollection<FoldMarkDoc>({ name: 'report_fold_marks', indexes: [] });

/** `<stationId>:<day>`: a station's visits and check-in points on a Shanghai day (folded). */
export interface StationDayDoc extends Doc {
  stationId: string;
  orgId: string;
  day: string;
  visits: number;
  points: number;
}

export const stationDays = defineCollection<StationDayDoc>({
  name: 'report_station_days',
  indexes: [{ fields: ['orgId', 'day', 'stationId'] }],
});

/**
 * `<stationId>:<bucket>`: a station's visits, check-in points and distinct riders in a Shanghai month (YYYY-MM) or year
 * (YYYY), beside the station days, so that whole months and years of a period are read as such.
 */
export interface StationBucketDoc extends Doc {
  stationId: string;
  orgId: string;
  bucket: string;
  visits: number;
  points: number;
  riders: number;
}

export const stationBuckets = defineCollection<StationBucketDoc>({ name: 'report_station_buckets', indexes: [{ fields: ['orgId', 'bucket', 'stationId'] }] });

/**
 * `<bucket>:<stationId>:<riderId>`: the rider visited the station within the bucket — a Shanghai day (YYYY-MM-DD),
 * month (YYYY-MM) or year (YYYY) — so unique riders over a period are the distinct riders among the few buckets that
 * tile it (folded).
 */
export interface RiderVisitDoc extends Doc {
  bucket: string;
  orgId: string;
  stationId: string;
  riderId: string;
}

export const riderVisits = defineCollection<RiderVisitDoc>({
  name: 'report_rider_visits',
  indexes: [{ fields: ['orgId', 'bucket', 'riderId'] }, { fields: ['orgId', 'bucket', 'stationId', 'riderId'] }],
});

/** `<orgId>:<day>`: a committee's day, for everything but check-ins (folded). */
export interface OrgDayDoc extends Doc, Partial<OrgDayCounts>, ConsultCounts {
  orgId: string;
  day: string;
  month: string;
}

export const orgDays = defineCollection<OrgDayDoc>({ name: 'report_org_days', indexes: [{ fields: ['orgId', 'day', 'month'] }] });

/** The roll-ups the fold owns: `npm run rollups:rebuild` empties them and folds every fact again. */
export const ROLLUP_COLLECTIONS = [foldMarks, stationDays, stationBuckets, riderVisits, orgDays];

export const FIGURES_COLLECTIONS = [facts, ...ROLLUP_COLLECTIONS];
