/** Activities (活动), care packs and free meals: constants the mini-program and the functions share; zod-free. */

export const ACTIVITY_KINDS = ['care', 'film', 'class', 'volunteer'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  care: '冬日递暖 / 夏送清凉',
  film: '公益观影',
  class: '青年夜校 / 微课堂',
  volunteer: '交友 / 城市跑男',
};

export const CAMPAIGN_KINDS = ['winter', 'summer', 'gift'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  winter: '冬日递暖',
  summer: '夏送清凉',
  gift: '暖心大礼包',
};

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};

/** A meal booking: booked for a window, collected at the restaurant, or lapsed when the window closed uncollected. */
export type MealBookingStatus = 'booked' | 'collected' | 'lapsed' | 'cancelled';

export const MEAL_STATUS_LABELS: Record<MealBookingStatus, string> = {
  booked: '已预订，请在时段内到店出示签到码',
  collected: '已领取',
  lapsed: '时段已过，未领取',
  cancelled: '已取消',
};

export const ACTIVITY_LIMITS = {
  capacityMax: 500,
  /** Bounded so the activity's seats document stays small. */
  waitlistMax: 200,
  pointsMax: 100,
  /** What "this week" shows: activities starting within this many days. */
  weekDays: 7,
  campaignStationsMax: 50,
  stockMax: 10_000,
  /** Staff may scan a meal booking from this many minutes before its window opens. */
  mealEarlyMinutes: 30,
} as const;
