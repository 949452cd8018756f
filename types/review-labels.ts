/**
 * Every kind of review item and what people call it, in the order the queue's filter shows them. Zod-free: the
 * server's kinds (cloudfunctions/review/kinds.ts) take their label from here and the client's queue, filters, counts
 * and badges read the same list, so a kind the server files is never 「其他申请」 on a screen.
 */
export const REVIEW_KIND_LABELS = {
  station: '驿站登记',
  'station-change': '驿站信息修改',
  verification: '骑手认证',
  claim: '积分申领',
  case: '精准递援',
  enrolment: '骑士班报名',
  volunteer: '志愿者申请',
  wish: '微心愿',
  opinion: '团团递语',
} as const;

export type ReviewKindName = keyof typeof REVIEW_KIND_LABELS;

export const REVIEW_KIND_NAMES = Object.keys(REVIEW_KIND_LABELS) as ReviewKindName[];

export const isReviewKind = (kind: string): kind is ReviewKindName => Object.prototype.hasOwnProperty.call(REVIEW_KIND_LABELS, kind);
