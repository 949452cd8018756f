/**
 * The review queue's enums and what people call them, in the order the queue's filters show them. Zod-free: the
 * server's kinds (each module's reviewKinds, registered by cloudfunctions/functions.ts) take their label from here and the client's queue, filters, counts
 * and badges read the same lists, so a kind the server files is never 「其他申请」 on a screen.
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
  'activity-points': '活动积分',
} as const;

export type ReviewKindName = keyof typeof REVIEW_KIND_LABELS;

export const REVIEW_KIND_NAMES = Object.keys(REVIEW_KIND_LABELS) as ReviewKindName[];

export const isReviewKind = (kind: string): kind is ReviewKindName => Object.prototype.hasOwnProperty.call(REVIEW_KIND_LABELS, kind);

/** An item's status, in the order the queue's filter shows them. */
export const REVIEW_STATUS_LABELS = {
  pending: '待审核',
  'needs-info': '需补充材料',
  approved: '已通过',
  rejected: '未通过',
} as const;
export type ReviewStatus = keyof typeof REVIEW_STATUS_LABELS;
export const REVIEW_STATUSES = Object.keys(REVIEW_STATUS_LABELS) as [ReviewStatus, ...ReviewStatus[]];

/** A step of an item's history. */
export const REVIEW_STEP_LABELS = {
  submitted: '提交申请',
  approved: '通过',
  rejected: '不通过',
  'needs-info': '退回补充材料',
  'info-added': '补充材料',
} as const;
export type ReviewStepAction = keyof typeof REVIEW_STEP_LABELS;
