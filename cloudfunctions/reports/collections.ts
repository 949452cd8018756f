import type { ConsultCategory } from '../../types';
import { defineCollection, type Doc } from '../core/store/docstore.port';

/**
 * `<bucket>:<stationId>:<riderId>`: the rider visited the station within the bucket — a Shanghai day (YYYY-MM-DD),
 * month (YYYY-MM) or year (YYYY). Written (the same content every time) on the rider's first visit to the station
 * each day, so unique riders over a period are the distinct riders among the few buckets that tile it.
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

/**
 * `<stationId>:<bucket>`: a station's visits, check-in points and distinct riders in a Shanghai month (YYYY-MM) or year
 * (YYYY), beside the checkin domain's station days, so that whole months and years of a period are read as such.
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

/** Counters of one committee's Shanghai day for everything but check-ins (those live on the station's day). */
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

/** `<orgId>:<day>`. */
export interface OrgDayDoc extends Doc, Partial<OrgDayCounts>, ConsultCounts {
  orgId: string;
  day: string;
  month: string;
}

export const orgDays = defineCollection<OrgDayDoc>({ name: 'report_org_days', indexes: [{ fields: ['orgId', 'day', 'month'] }] });

/** `<programmeId>:<date>`: a childcare session was held (a first child signed in). */
export interface SessionHeldDoc extends Doc {
  orgId: string;
  date: string;
}

export const sessionsHeld = defineCollection<SessionHeldDoc>({ name: 'report_sessions_held', indexes: [] });

/** `<orgId>`: the riders whose home committee it is, counted from their profiles. */
export interface RegistryDoc extends Doc {
  riders: number;
  verified: number;
  leagueMembers: number;
  platforms: { name: string; riders: number }[];
  birthYears: { year: number; riders: number }[];
}

export const registries = defineCollection<RegistryDoc>({ name: 'report_registries', indexes: [] });

export const REPORTS_COLLECTIONS = [riderVisits, stationBuckets, orgDays, sessionsHeld, registries];
