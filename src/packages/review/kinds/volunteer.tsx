import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str } from './parts';

/** 志愿者申请: the applicant's name, skills and certificates with their expiry. */
function VolunteerDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  return (
    <View>
      <Field label='姓名' value={str(p.name)} />
      <Field label='特长技能' value={str(p.skills)} />
      <Field label='证书' value={str(p.certificates) || '无'} />
    </View>
  );
}

export const volunteerView: KindView = { Details: VolunteerDetails, decisions: STANDARD_DECISIONS };
