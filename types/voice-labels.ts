/**
 * Riders' voice (微心愿, 团团递语, 最美骑手): the areas, statuses and wording the client shows. Zod-free, so pages
 * import them without the schemas; types/voice.ts builds its schemas from the same lists.
 */

export const OPINION_AREAS = ['rights', 'safety', 'policy', 'station', 'legal', 'social-insurance', 'medical-insurance', 'health', 'life'] as const;
export type OpinionArea = (typeof OPINION_AREAS)[number];

export const OPINION_AREA_NAMES: Record<OpinionArea, string> = {
  rights: '权益保障',
  safety: '交通安全',
  policy: '政策咨询',
  station: '驿站服务',
  legal: '法律',
  'social-insurance': '社保',
  'medical-insurance': '医保',
  health: '健康',
  life: '生活',
};

export const OPINION_STATUS_NAMES = { open: '待答复', answered: '已答复' } as const;
export type OpinionStatus = keyof typeof OPINION_STATUS_NAMES;

export const WISH_FOR = ['self', 'child'] as const;
export type WishFor = (typeof WISH_FOR)[number];
export const WISH_FOR_NAMES: Record<WishFor, string> = { self: '给自己', child: '给孩子' };

/** A wish's life as its wisher follows it; `rejected` and `needs-info` come from the committee's review. */
export const WISH_STATUS_NAMES = {
  pending: '待审核',
  'needs-info': '待补充',
  rejected: '未通过',
  published: '已发布',
  claimed: '已认领',
  fulfilled: '已实现',
} as const;
export type WishStatus = keyof typeof WISH_STATUS_NAMES;

export const ROUND_STATUS_NAMES = { nominating: '提名中', voting: '投票中', published: '已揭晓' } as const;
export type RoundStatus = keyof typeof ROUND_STATUS_NAMES;

export const NOMINATION_STATUS_NAMES = { asked: '待本人确认', accepted: '已接受提名', shortlisted: '入围' } as const;
export type NominationStatus = keyof typeof NOMINATION_STATUS_NAMES;

export const WISH_TEXT_MAX = 200;
export const OPINION_TEXT_MAX = 500;
export const STORY_MAX = 500;
