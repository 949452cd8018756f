import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str } from './parts';

/** 活动积分: the activity station staff published, where, and the points each attendee would get once approved. */
function ActivityPointsDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  return (
    <View>
      <Field label='活动' value={str(p.title)} />
      <Field label='地点' value={str(p.venue)} />
      <Field label='每人积分' value={p.points !== undefined ? `${str(p.points)} 分` : ''} />
    </View>
  );
}

export const activityPointsView: KindView = { Details: ActivityPointsDetails, decisions: STANDARD_DECISIONS };
