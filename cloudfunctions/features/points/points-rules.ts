/**
 * The points rules: claims, boards and hazard duplicates. Check-in credit and codes live with the codes
 * (capabilities/codes/checkin-rules.ts). Pure functions only: nothing is read from a store or a clock.
 */
import type { BoardCategory, ClaimKind } from '../../../types/points';
import type { LatLng } from '../../../types/common';
import { distanceM } from '../../core/geo';

// ---- Claims -------------------------------------------------------------------------------------------------

/** Points credited when a cadre approves a claim of each kind. */
export const CLAIM_POINTS: Record<ClaimKind, number> = { errand: 10, hazard: 8, event: 5 };

/** Hours a cadre has to decide a claim. */
export const CLAIM_DUE_HOURS = 72;

export function claimPoints(kind: ClaimKind): number {
  return CLAIM_POINTS[kind];
}

// ---- Leaderboards -------------------------------------------------------------------------------------------

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
