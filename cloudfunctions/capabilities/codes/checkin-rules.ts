/**
 * The check-in rules: how many points a check-in credits and how long a check-in code lives, here and nowhere
 * else. Pure functions only: time is passed in, nothing is read from a store or a clock.
 */
import type { BoardCategory } from '../../../types/points';
import type { Counted } from '../../core/attempts';

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

/** Which board an entry counts towards: check-ins; hazard reports; service = errands + events. */
export const CHECKIN_CATEGORY: BoardCategory = 'checkins';
