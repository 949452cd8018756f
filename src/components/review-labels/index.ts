import type { ReviewItem, ReviewStatus } from '../../../types/review';
import { isReviewKind, REVIEW_KIND_LABELS } from '../../../types/review-labels';

/** A kind's name; one this client does not know yet (a newer server) still reads sensibly. */
export const kindLabel = (kind: string): string => (isReviewKind(kind) ? REVIEW_KIND_LABELS[kind] : '其他申请');

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
