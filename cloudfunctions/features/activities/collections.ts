import type { ActivityGives, ActivityKind, CampaignKind } from '../../../types';
import type { QuotaDoc } from '../../capabilities/seating/quota';
import type { SeatsDoc } from '../../capabilities/seating/seating';
import { defineCollection, type Doc, type GeoPoint } from '../../core/store/docstore.port';

export interface ActivityDoc extends Doc {
  title: string;
  kind: ActivityKind;
  orgId: string;
  description?: string;
  venue: { name: string; address: string; stationId?: string };
  location: GeoPoint;
  start: string;
  end: string;
  capacity: number;
  /** `points` is what the organiser asked for; attendance credits it in full only when `pointsApproved`. */
  gives: ActivityGives;
  /** A cadre published it, or a cadre of the station's committee approved its points (an `activity-points` item). */
  pointsApproved: boolean;
  /** The review item asking for the points, and how it ended when it has. */
  pointsReview?: { id: string; status: 'pending' | 'approved' | 'rejected' };
  createdBy: string;
  createdAt: string;
}

export const activities = defineCollection<ActivityDoc>({ name: 'activities', geo: 'location', indexes: [{ fields: ['start'] }] });

/** `<activityId>`: the seats and ordered waitlist, the truth of who holds a seat and who waits where (capabilities/seating/seating.ts). */
export const activitySeats = defineCollection<SeatsDoc>({ name: 'activity_seats', indexes: [] });

/**
 * `<activityId>:<riderId>`: one sign-up per rider and activity; a cancelled one may be replaced. `confirmed` and
 * `waitlisted` follow the seats document, which may be ahead of them.
 */
export interface SignupDoc extends Doc {
  activityId: string;
  riderId: string;
  orgId: string;
  status: 'requested' | 'confirmed' | 'waitlisted' | 'cancelled';
  /** This sign-up's place in the seats document (a new one each time the rider signs up again). */
  ticket: string;
  requestedAt: string;
  confirmedAt?: string | null;
  cancelledAt?: string | null;
  /** Cancelled because seats and waitlist were both full when it came. */
  full?: boolean | null;
  /** When the rider was reminded of the coming activity (activities/reminders.ts). */
  remindedAt?: string;
}

export const signups = defineCollection<SignupDoc>({
  name: 'activity_signups',
  indexes: [{ fields: ['activityId', 'status', 'requestedAt'] }, { fields: ['riderId', 'requestedAt'] }],
});

/** `<activityId>:<riderId>`: a rider scanned in, written once and never changed. */
export interface AttendanceDoc extends Doc {
  activityId: string;
  riderId: string;
  orgId: string;
  at: string;
  byId: string;
  pointsAwarded: number;
}

export const attendance = defineCollection<AttendanceDoc>({ name: 'activity_attendance', indexes: [{ fields: ['activityId', 'at'] }] });

export interface CampaignDoc extends Doc {
  title: string;
  kind: CampaignKind;
  orgId: string;
  verifiedOnly: boolean;
  stations: { stationId: string; stock: number }[];
  createdBy: string;
  createdAt: string;
}

export const campaigns = defineCollection<CampaignDoc>({ name: 'care_campaigns', indexes: [{ fields: ['createdAt'] }] });

/** `<campaignId>:<stationId>`: a station's packs (`total` stocked, `left` to hand out), taken one by one (capabilities/seating/quota.ts). */
export const campaignStock = defineCollection<QuotaDoc>({ name: 'care_stock', indexes: [] });

/** `<campaignId>:<riderId>`: the rider's pack, handed out; written once, with the scan, and never changed. */
export interface HandoutDoc extends Doc {
  campaignId: string;
  riderId: string;
  stationId: string;
  /** `<campaignId>:<stationId>`, the stock it came from. */
  stockId: string;
  status: 'confirmed';
  requestedAt: string;
  byId: string;
  confirmedAt: string;
}

export const handouts = defineCollection<HandoutDoc>({ name: 'care_handouts', indexes: [{ fields: ['stockId', 'status', 'requestedAt'] }] });

/**
 * `<riderId>:<day>`: one meal a day, booked once a meal was taken from the window's quota; a cancelled booking, or one
 * whose window closed uncollected, may be replaced.
 */
export interface MealBookingDoc extends Doc {
  riderId: string;
  stationId: string;
  day: string;
  window: number;
  start: string;
  end: string;
  /** `<stationId>:<day>:<window>`. */
  quotaId: string;
  status: 'confirmed' | 'cancelled';
  requestedAt: string;
  confirmedAt?: string | null;
  cancelledAt?: string | null;
  /** Set by the hand-over, so that a cancellation racing it is refused. */
  collectedAt?: string | null;
}

export const mealBookings = defineCollection<MealBookingDoc>({ name: 'meal_bookings', indexes: [{ fields: ['quotaId', 'status', 'requestedAt'] }] });

/** `<bookingId>`: the meal handed over at the restaurant, written once and never changed. */
export interface MealCollectionDoc extends Doc {
  stationId: string;
  riderId: string;
  day: string;
  at: string;
  byId: string;
}

export const mealCollections = defineCollection<MealCollectionDoc>({ name: 'meal_collections', indexes: [] });

/** `<riderId>:<day>` (Shanghai): the points a rider earned from activities that day, against the daily cap. */
export interface ActivityPointsDayDoc extends Doc {
  points: number;
}

export const activityPointDays = defineCollection<ActivityPointsDayDoc>({ name: 'activity_point_days', indexes: [] });

export const ACTIVITIES_COLLECTIONS = [
  activities,
  activitySeats,
  signups,
  attendance,
  activityPointDays,
  campaigns,
  campaignStock,
  handouts,
  mealBookings,
  mealCollections,
];
