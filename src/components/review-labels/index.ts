import type { ReviewItem, ReviewStatus, ReviewStep } from '../../../types/review';
import { isReviewKind, REVIEW_KIND_LABELS, REVIEW_KIND_NAMES } from '../../../types/review-labels';

/** Every kind the server files, in the queue filter's order (types/review-labels.ts, shared with the server). */
export const REVIEW_KIND_ORDER = REVIEW_KIND_NAMES;

/** A kind's name; one this client does not know yet (a newer server) still reads sensibly. */
export const kindLabel = (kind: string): string => (isReviewKind(kind) ? REVIEW_KIND_LABELS[kind] : '其他申请');

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: '待审核',
  'needs-info': '需补充材料',
  approved: '已通过',
  rejected: '未通过',
};
export const REVIEW_STATUS_ORDER = Object.keys(REVIEW_STATUS_LABELS) as ReviewStatus[];

export const STEP_LABELS: Record<ReviewStep['action'], string> = {
  submitted: '提交申请',
  approved: '通过',
  rejected: '不通过',
  'needs-info': '退回补充材料',
  'info-added': '补充材料',
};

export const isOpen = (status: ReviewStatus) => status === 'pending' || status === 'needs-info';

const HOUR_MS = 3_600_000;

/** 已超时 5 小时 / 已超时 3 天 for an overdue item, 20 小时内处理 / 6 天内处理 for an open one, null once decided. */
export function dueText(item: Pick<ReviewItem, 'status' | 'dueAt' | 'overdue'>, now: number = Date.now()): string | null {
  if (!isOpen(item.status)) return null;
  const left = Date.parse(item.dueAt) - now;
  if (!Number.isFinite(left)) return null;
  if (item.overdue || left <= 0) {
    const hours = Math.max(1, Math.floor(-left / HOUR_MS));
    return hours >= 48 ? `已超时 ${Math.floor(hours / 24)} 天` : `已超时 ${hours} 小时`;
  }
  const hours = Math.max(1, Math.ceil(left / HOUR_MS));
  return hours > 48 ? `${Math.ceil(hours / 24)} 天内处理` : `${hours} 小时内处理`;
}

/** Overdue first, keeping the server's order (oldest first) inside each group. */
export function overdueFirst<T extends Pick<ReviewItem, 'overdue'>>(items: T[]): T[] {
  return [...items.filter((i) => i.overdue), ...items.filter((i) => !i.overdue)];
}
