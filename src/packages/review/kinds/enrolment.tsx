import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str } from './parts';

/** 骑士班报名: which class, which child and how old they are on the first session. */
function EnrolmentDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  return (
    <View>
      <Field label='骑士班' value={str(p.programmeTitle)} />
      <Field label='孩子' value={str(p.childName)} />
      <Field label='年龄' value={p.age !== undefined ? `${str(p.age)} 岁` : ''} />
    </View>
  );
}

export const enrolmentView: KindView = { Details: EnrolmentDetails, decisions: STANDARD_DECISIONS };
