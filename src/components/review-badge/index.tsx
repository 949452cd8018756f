import { Text } from '@tarojs/components';
import type { ReviewStatus } from '../../../types/review';
import { REVIEW_STATUS_LABELS } from '../../../types/review-labels';
import { kindLabel } from '../review-labels';
import './index.css';

/** 待审核 / 需补充材料 / 已通过 / 未通过, each in its own colour. */
export function StatusBadge({ status }: { status: ReviewStatus }) {
  return <Text className={`review-status review-status--${status}`}>{REVIEW_STATUS_LABELS[status]}</Text>;
}

/** The kind of a request: 驿站登记 / 骑手认证 / 积分申领. */
export function KindTag({ kind }: { kind: string }) {
  return <Text className='review-kind'>{kindLabel(kind)}</Text>;
}

/** Red 已超时 mark. */
export function OverdueMark({ text = '已超时' }: { text?: string }) {
  return <Text className='review-overdue'>{text}</Text>;
}
