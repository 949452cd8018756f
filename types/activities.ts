import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  ACTIVITY_LIMITS,
  CAMPAIGN_KINDS,
  type ActivityKind,
  type CampaignKind,
  type MealBookingStatus,
  type SignupStatus,
} from './activities-labels';
import { id, instant, latLng, line, text, type LatLng } from './common';

export * from './activities-labels';

/** A rider's code as staff scan it, or the short code they type. */
const code = z.string().trim().min(4).max(600);
const near = { lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() };
const bothOrNeither = (v: { lat?: number; lng?: number }) => (v.lat === undefined) === (v.lng === undefined);

export interface ActivityGives {
  points: number;
  certificate: boolean;
  pack: boolean;
}

export interface Activity {
  id: string;
  title: string;
  kind: ActivityKind;
  orgId: string;
  description?: string;
  venue: { name: string; address: string; location: LatLng; stationId?: string };
  /** From the caller's location, when given. */
  distanceM?: number;
  start: string;
  end: string;
  capacity: number;
  seatsLeft: number;
  waitlisted: number;
  /** What attending gives now: points as approved (at most the check-in credit until a cadre approves more). */
  gives: ActivityGives;
  /** The points the organiser asked for, while a cadre has yet to approve them. */
  pointsAwaitingApproval?: number;
}

export interface Signup {
  id: string;
  activityId: string;
  status: SignupStatus;
  /** 1 = next to get a seat; only while waitlisted. */
  position?: number;
  signedAt: string;
  /** When staff scanned the rider in. */
  attendedAt?: string;
}

export interface MySignup extends Signup {
  activity: Pick<Activity, 'id' | 'title' | 'kind' | 'start' | 'end'> & { venueName: string };
}

export interface RosterEntry {
  riderName: string;
  status: SignupStatus;
  position?: number;
  signedAt: string;
  attendedAt?: string;
}

export interface CampaignStation {
  stationId: string;
  name: string;
  stock: number;
  left: number;
  distanceM?: number;
}

export interface Campaign {
  id: string;
  title: string;
  kind: CampaignKind;
  orgId: string;
  verifiedOnly: boolean;
  stations: CampaignStation[];
  /** Whether the caller has had theirs. */
  received: boolean;
}

export interface MealWindowView {
  index: number;
  start: string;
  end: string;
  quota: number;
  /** Quota − booked, for a window that has not closed today; 0 once it has. */
  left: number;
  state: 'upcoming' | 'open' | 'closed';
}

export interface MealBooking {
  id: string;
  stationId: string;
  stationName: string;
  day: string;
  window: { start: string; end: string };
  status: MealBookingStatus;
  collectedAt?: string;
}

const activityInput = z
  .object({
    title: line(2, 40),
    kind: z.enum(ACTIVITY_KINDS),
    orgId: id,
    description: text(0, 500).optional(),
    venue: z.object({ name: line(2, 40), address: line(2, 80), location: latLng, stationId: id.optional() }),
    start: instant,
    end: instant,
    capacity: z.number().int().min(1).max(ACTIVITY_LIMITS.capacityMax),
    gives: z.object({
      points: z.number().int().min(0).max(ACTIVITY_LIMITS.pointsMax).default(0),
      certificate: z.boolean().default(false),
      pack: z.boolean().default(false),
    }),
  })
  .refine((a) => Date.parse(a.start) < Date.parse(a.end), { message: '结束时间应晚于开始时间', path: ['end'] });

export const activitiesSchemas = {
  create: activityInput,
  list: z.object(near).refine(bothOrNeither, { message: '请同时提供经纬度', path: ['lat'] }),
  get: z.object({ id }),
  signUp: z.object({ activityId: id }),
  cancel: z.object({ activityId: id }),
  mine: z.object({}),
  attend: z.object({ activityId: id, code }),
  organised: z.object({}),
  roster: z.object({ activityId: id }),
  message: z.object({ activityId: id, body: text(2, 200) }),
  createCampaign: z
    .object({
      title: line(2, 40),
      kind: z.enum(CAMPAIGN_KINDS),
      orgId: id,
      verifiedOnly: z.boolean().default(true),
      stations: z
        .array(z.object({ stationId: id, stock: z.number().int().min(1).max(ACTIVITY_LIMITS.stockMax) }))
        .min(1)
        .max(ACTIVITY_LIMITS.campaignStationsMax),
    })
    .refine((c) => new Set(c.stations.map((s) => s.stationId)).size === c.stations.length, { message: '每个驿站只能列一次', path: ['stations'] }),
  campaigns: z.object(near).refine(bothOrNeither, { message: '请同时提供经纬度', path: ['lat'] }),
  handOut: z.object({ campaignId: id, stationId: id, code }),
  meals: z.object({ stationId: id }),
  bookMeal: z.object({ stationId: id, window: z.number().int().min(0).max(3) }),
  cancelMeal: z.object({}),
  myMeal: z.object({}),
  collectMeal: z.object({ stationId: id, code }),
};

export interface ActivitiesApi {
  create: { output: { activity: Activity } };
  list: { output: { activities: Activity[] } };
  get: { output: { activity: Activity; signup?: Signup } };
  signUp: { output: { signup: Signup } };
  cancel: { output: { signup: Signup } };
  mine: { output: { signups: MySignup[] } };
  attend: { output: { riderName: string; pointsAwarded: number; visit: boolean } };
  organised: { output: { activities: Activity[] } };
  roster: { output: { activity: Activity; signups: RosterEntry[]; attended: number } };
  message: { output: { sent: number } };
  createCampaign: { output: { campaign: Campaign } };
  campaigns: { output: { campaigns: Campaign[] } };
  handOut: { output: { riderName: string; left: number } };
  meals: { output: { stationName: string; partner?: string; windows: MealWindowView[] } };
  bookMeal: { output: { booking: MealBooking } };
  cancelMeal: { output: { booking: MealBooking } };
  myMeal: { output: { booking?: MealBooking } };
  collectMeal: { output: { riderName: string; window: { start: string; end: string } } };
}
