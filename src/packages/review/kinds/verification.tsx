import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str } from './parts';

/** 骑手认证: who the rider says they are and where they ride. */
function VerificationDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  return (
    <View>
      <Field label='真实姓名' value={str(p.realName)} />
      <Field label='配送平台' value={str(p.platform)} />
      <Field label='所在站点或单位' value={str(p.employer)} />
    </View>
  );
}

export const verificationView: KindView = { Details: VerificationDetails, decisions: STANDARD_DECISIONS };
