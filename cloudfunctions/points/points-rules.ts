/**
 * The points rules: every number that decides who gets how many points, and how long a check-in code lives, is
 * here and nowhere else. Pure functions only: time is passed in, nothing is read from a store or a clock.
 */
import type { BoardCategory, ClaimKind } from '../../types/points';
import type { LatLng } from '../../types/common';
import type { Counted } from '../core/attempts';
import { distanceM } from '../core/geo';

// ---- Check-ins ----------------------------------------------------------------------------------------------

/** Points for one credited check-in. */
export const CHECKIN_POINTS = 5;
/** Credited check-ins per rider per station per Shanghai day. */
export const CHECKIN_STATION_DAILY_CAP = 1;
/** Credited check-ins per rider per Shanghai day, over all stations. */
export const CHECKIN_DAILY_CAP = 3;

export type CheckinCreditReason = 'credited' | 'station-daily-cap' | 'daily-cap';

export interface CheckinCredit {
  points: number;
  reason: CheckinCreditReason;
  /** A sentence the staff member and the rider can read. */
  note: string;
}

/**
 * Points for a check-in, given how many of the rider's check-ins were already credited today (Shanghai day), in all
 * and at this station. Every visit is recorded; beyond the caps it earns nothing.
 */
export function checkinCredit(today: { creditedToday: number; creditedAtStationToday: number }): CheckinCredit {
  if (today.creditedAtStationToday >= CHECKIN_STATION_DAILY_CAP) {
    return { points: 0, reason: 'station-daily-cap', note: '今天已在本驿站签到过，本次签到不加积分' };
  }
  if (today.creditedToday >= CHECKIN_DAILY_CAP) {
    return { points: 0, reason: 'daily-cap', note: `今天的签到积分已满 ${CHECKIN_DAILY_CAP} 次，本次签到不加积分` };
  }
  return { points: CHECKIN_POINTS, reason: 'credited', note: `签到成功，获得 ${CHECKIN_POINTS} 积分` };
}

// ---- Activities ---------------------------------------------------------------------------------------------

/** Points a rider may earn from activities in one Shanghai day, however many they attend. */
export const ACTIVITY_DAILY_POINTS_CAP = 100;

/**
 * What attending an activity credits: its points once a cadre set or approved them, otherwise at most the
 * check-in credit (station staff publish activities without review); and never past the day's cap.
 */
export function activityCredit(offered: { points: number; approved: boolean }, creditedToday: number): number {
  const allowed = offered.approved ? offered.points : Math.min(offered.points, CHECKIN_POINTS);
  return Math.max(0, Math.min(allowed, ACTIVITY_DAILY_POINTS_CAP - creditedToday));
}

// ---- Check-in codes -----------------------------------------------------------------------------------------

/** Life of a check-in code; the client refreshes it before it runs out. TTL + skew stays within the 60 s promise. */
export const CODE_TTL_SECONDS = 45;
/**
 * Tolerance for clocks of different function instances, on the early side only: a code claiming to live up to this
 * much longer than we issue is still ours. Its `expiresAt` is the last instant it is accepted (API.md).
 */
export const CLOCK_SKEW_SECONDS = 5;
/** The client asks for a new code this many seconds before the old one expires. */
export const CODE_REFRESH_BEFORE_SECONDS = 10;
/** Digits of the short code a rider can read out or staff can type. */
export const SHORT_CODE_DIGITS = 8;
/**
 * A short code stays reserved this long after its code expired, so that typing it late answers "expired" rather
 * than "unknown", and never reaches a newer code.
 */
export const SHORT_CODE_RESERVE_SECONDS = 10 * 60;

/**
 * Wrong typed codes (check-in short codes and pickup codes) a staff member, and a station, may enter before being
 * refused for the rest of the minute or the day. Honest typos stay far below; at 10,000 live 8-digit codes a
 * guesser at a station gets one hit in about 10,000 tries, which these limits spread over a year.
 */
export const TYPED_CODE_LIMITS = {
  staff: { perMinute: 5, perDay: 30 },
  station: { perMinute: 10, perDay: 60 },
} as const;

/** Who is counted when a staff member types a code at a station. */
export function typedCodeCounters(what: 'checkin-code' | 'pickup-code', staffId: string, stationId: string): Counted[] {
  return [
    { key: `${what}:staff:${staffId}`, ...TYPED_CODE_LIMITS.staff },
    { key: `${what}:station:${stationId}`, ...TYPED_CODE_LIMITS.station },
  ];
}

export type CodeTimeOutcome = 'valid' | 'expired' | 'too-far-ahead';

/** Whether a code expiring at `expMs` is usable at `nowMs`: up to and including its expiry, never after. */
export function codeTimeOutcome(expMs: number, nowMs: number): CodeTimeOutcome {
  if (nowMs > expMs) return 'expired';
  // We never issue a code living longer than the TTL; one that claims to is not ours.
  if (expMs > nowMs + (CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000) return 'too-far-ahead';
  return 'valid';
}

// ---- Claims -------------------------------------------------------------------------------------------------

/** Points credited when a cadre approves a claim of each kind. */
export const CLAIM_POINTS: Record<ClaimKind, number> = { errand: 10, hazard: 8, event: 5 };

/** Hours a cadre has to decide a claim. */
export const CLAIM_DUE_HOURS = 72;

export function claimPoints(kind: ClaimKind): number {
  return CLAIM_POINTS[kind];
}

// ---- Leaderboards -------------------------------------------------------------------------------------------

/** Which board an entry counts towards: check-ins; hazard reports; service = errands + events. */
export const CHECKIN_CATEGORY: BoardCategory = 'checkins';
export const CLAIM_CATEGORY: Record<ClaimKind, BoardCategory> = { errand: 'service', hazard: 'hazards', event: 'service' };
/** Rows shown on a monthly board; a star must be named from among them. */
export const BOARD_SIZE = 50;

export function claimCategory(kind: ClaimKind): BoardCategory {
  return CLAIM_CATEGORY[kind];
}

/** Competition ranking ("1224"): equal counts share a rank; rows come sorted by count, highest first. */
export function rankRows<T extends { count: number }>(rows: T[]): (T & { rank: number })[] {
  let rank = 0;
  let previous: number | undefined;
  return rows.map((row, i) => {
    if (row.count !== previous) {
      rank = i + 1;
      previous = row.count;
    }
    return { ...row, rank };
  });
}

// ---- Hazard duplicates --------------------------------------------------------------------------------------

/** Hazard reports within this distance and time of each other are shown to the cadre as possible duplicates. */
export const HAZARD_DUPLICATE_RADIUS_M = 100;
export const HAZARD_DUPLICATE_WINDOW_HOURS = 24;

export interface HazardReport {
  id: string;
  at: string;
  location: LatLng;
}

/** The distance in metres when `other` is a possible duplicate of `report`, else null. */
export function duplicateDistance(report: HazardReport, other: HazardReport): number | null {
  if (other.id === report.id) return null;
  const hours = Math.abs(Date.parse(other.at) - Date.parse(report.at)) / 3_600_000;
  if (!(hours <= HAZARD_DUPLICATE_WINDOW_HOURS)) return null;
  const d = distanceM(report.location, other.location);
  return d <= HAZARD_DUPLICATE_RADIUS_M ? d : null;
}

/** Possible duplicates of a report among candidates, nearest first. */
export function possibleDuplicates<T extends HazardReport>(report: HazardReport, candidates: T[]): { item: T; distanceM: number }[] {
  return candidates
    .map((item) => ({ item, distanceM: duplicateDistance(report, item) }))
    .filter((c): c is { item: T; distanceM: number } => c.distanceM !== null)
    .sort((a, b) => a.distanceM - b.distanceM);
}
