import { z } from 'zod';
import {
  cursor,
  hoursRule,
  id,
  latLng,
  line,
  mealWindow,
  stationService,
  text,
  type HoursRule,
  type LatLng,
  type MealWindow,
  type StationService,
} from './common';

export const LIVE_STATUSES = ['open', 'full', 'closed'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export interface Station {
  id: string;
  name: string;
  orgId: string;
  location: LatLng;
  address: string;
  services: StationService[];
  hours?: HoursRule[];
  meals?: MealWindow[];
  mealPartner?: string;
  phone?: string;
  /** Live status set by staff. */
  liveStatus: LiveStatus;
  published: boolean;
}

export interface StationView extends Station {
  openNow: boolean;
  distanceM?: number;
  /** Free meals (爱心餐) left in today's window open now, or else the next one today (its start, e.g. 13:00). */
  mealsLeft?: { window: string; left: number };
}

export interface NearbyStation extends StationView {
  distanceM: number;
}

const stationPhone = z
  .string()
  .trim()
  .regex(/^[\d-]{5,20}$/, '请输入正确的电话号码');

const stationDetails = z.object({
  name: line(2, 40),
  orgId: id,
  location: latLng,
  address: line(2, 100),
  services: z.array(stationService).max(10).default([]),
  hours: z.array(hoursRule).max(14).optional(),
  meals: z.array(mealWindow).max(4).optional(),
  mealPartner: line(0, 40).optional(),
  phone: stationPhone.optional(),
});
export type StationDetails = z.infer<typeof stationDetails>;

/**
 * What staff may correct about their station; every field is something riders see, so a change goes to review.
 * Fields left out stay as they are; an empty phone removes it, empty hours mean always open.
 */
export const stationChanges = z
  .object({
    name: line(2, 40),
    address: line(2, 100),
    hours: z.array(hoursRule).max(14),
    services: z.array(stationService).max(10),
    phone: z.union([z.literal(''), stationPhone]),
    meals: z.array(mealWindow).max(4),
  })
  .partial();
export type StationChanges = z.infer<typeof stationChanges>;

/** A proposed change waiting for review, as the station console shows it. */
export interface PendingStationChange {
  reviewId: string;
  status: 'pending' | 'needs-info';
  submittedAt: string;
  fields: (keyof StationChanges)[];
}

/** What an admin or a cadre in scope may change directly (no review): riders' fields, the place and the committee. */
export const stationEdits = stationChanges
  .extend({ location: latLng, orgId: id })
  .partial()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: '没有需要修改的内容' });
export type StationEdits = z.infer<typeof stationEdits>;

export const stationsSchemas = {
  create: stationDetails,
  nearby: z.object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    radiusM: z.number().int().min(1).max(50_000).default(5_000),
    limit: z.number().int().min(1).max(100).default(20),
    services: z.array(stationService).max(10).optional(),
    openNow: z.boolean().optional(),
  }),
  get: z.object({ id, lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() }),
  apply: stationDetails.extend({ note: text(0, 200).optional() }),
  setStatus: z.object({ id, liveStatus: z.enum(LIVE_STATUSES) }),
  /** Staff: their station as they manage it, with any change waiting for review. */
  manage: z.object({ id }),
  /** Staff propose corrections to their station's details: a review item of kind `station-change`. */
  proposeChange: z.object({ id, changes: stationChanges, note: text(0, 200).optional() }),
  /** Admins and cadres: the stations of a committee's subtree (by default all they oversee), published or not. */
  list: z.object({ orgId: id.optional(), cursor: cursor.optional(), limit: z.number().int().min(1).max(100).default(50) }),
  /** Admins and cadres in scope edit a station's details directly. */
  update: z.object({ id, changes: stationEdits }),
  /** Admins and cadres in scope take a station off the map (riders no longer find it) or put it back. */
  setPublished: z.object({ id, published: z.boolean() }),
};

export interface StationsApi {
  create: { output: { station: Station } };
  nearby: { output: { stations: NearbyStation[] } };
  get: { output: { station: StationView } };
  apply: { output: { reviewId: string } };
  setStatus: { output: { station: Station } };
  manage: { output: { station: StationView; pendingChange?: PendingStationChange } };
  proposeChange: { output: { reviewId: string; fields: (keyof StationChanges)[] } };
  list: { output: { stations: Station[]; cursor?: string } };
  update: { output: { station: Station } };
  setPublished: { output: { station: Station } };
}
