/**
 * 12355 consultations: the categories, modes, statuses and the hotline as the client shows them. Zod-free, so pages
 * import them without the schemas; the schemas in types/consult.ts are built from the same lists.
 */

export const CONSULT_CATEGORIES = ['law', 'psych', 'labour', 'workplace', 'family', 'love', 'insurance'] as const;
export type ConsultCategory = (typeof CONSULT_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<ConsultCategory, string> = {
  law: '法律',
  psych: '心理',
  labour: '劳动权益',
  workplace: '职场适应',
  family: '亲子',
  love: '婚恋',
  insurance: '社保医保',
};

/** A few common questions per topic: a rider taps one instead of typing. */
export const COMMON_QUESTIONS: Record<ConsultCategory, readonly string[]> = {
  law: ['交通事故后怎么维权', '被平台罚款不合理怎么办', '租房押金不退怎么办'],
  psych: ['最近压力大、睡不好', '和顾客起冲突后心里难受', '感到孤单想找人聊聊'],
  labour: ['工资或提成被拖欠', '没有签劳动合同', '站点要求超时工作'],
  workplace: ['刚入行不知道怎么规划', '想转行学一门技能', '和站长沟通有困难'],
  family: ['孩子放假没人照看', '和孩子沟通越来越少', '孩子学习跟不上'],
  love: ['和对象异地总吵架', '家里催婚压力大', '想认识新朋友'],
  insurance: ['怎么参加灵活就业社保', '骑车受伤医保怎么报销', '职业伤害保障怎么申请'],
};

export const CONSULT_MODES = ['phone', 'video', 'text', 'in-person'] as const;
export type ConsultMode = (typeof CONSULT_MODES)[number];

export const MODE_NAMES: Record<ConsultMode, string> = {
  phone: '电话',
  video: '视频',
  text: '文字',
  'in-person': '面谈',
};

export const BOOKING_STATUSES = ['booked', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_NAMES: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  completed: '已完成',
};

export const CASE_STATUSES = ['open', 'taken', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_NAMES: Record<CaseStatus, string> = {
  open: '待团委接办',
  taken: '办理中',
  closed: '已办结',
};

export const CASE_OUTCOMES = ['resolved', 'referred', 'unresolved'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const OUTCOME_NAMES: Record<CaseOutcome, string> = {
  resolved: '已解决',
  referred: '已转介相关部门',
  unresolved: '未能解决',
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_NAMES: Record<Rating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** The 12355 hotline, one tap away on every consultation screen. */
export const HOTLINE = { number: '12355', hours: '周一至周五 9:00–17:00，心理热线全天' } as const;

/** Upcoming bookings a rider may hold at once. */
export const MAX_UPCOMING_BOOKINGS = 3;
/** A booking can be cancelled or moved until this many minutes before it starts. */
export const CHANGE_CUTOFF_MINUTES = 60;
/** How far ahead riders see free slots. */
export const BOOKING_HORIZON_DAYS = 14;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Minutes after Shanghai midnight of an instant (Shanghai keeps +08:00 all year). */
export function shanghaiMinuteOfDay(at: string | number): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/**
 * Riders' off-peak hours come first: the afternoon lull (14:00–17:00) and the evening after the dinner rush
 * (from 20:00); then the rest. 0 is best.
 */
export function slotPreference(start: string): number {
  const minute = shanghaiMinuteOfDay(start);
  if (minute >= 14 * 60 && minute < 17 * 60) return 0;
  if (minute >= 20 * 60) return 1;
  return 2;
}

/** Slots with off-peak ones first, by time within each group. */
export function offPeakFirst<T extends { start: string }>(slots: readonly T[]): T[] {
  return [...slots].sort((a, b) => slotPreference(a.start) - slotPreference(b.start) || Date.parse(a.start) - Date.parse(b.start));
}
