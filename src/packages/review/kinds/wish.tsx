import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { WISH_FOR_NAMES, type WishFor } from '../../../../types/voice-labels';
import { NEEDS_INFO, type KindView } from './kind-view';
import { Field, Photos, str } from './parts';

/** 微心愿: for whom, the wish in the rider's words, and its photo. */
function WishDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const photo = str(p.photo);
  return (
    <View>
      <Field label='心愿' value={str(p.text)} />
      <Field label='为谁许愿' value={WISH_FOR_NAMES[str(p.forWhom) as WishFor] ?? ''} />
      <Photos label='心愿照片' urls={photo ? [photo] : []} />
    </View>
  );
}

export const wishView: KindView = {
  Details: WishDetails,
  decisions: {
    approve: {
      button: '发布到心愿墙',
      title: '发布这个心愿',
      confirm: '确认发布',
      placeholder: '备注（选填）；心愿墙不显示骑手姓名',
      presets: [],
      required: null,
    },
    'needs-info': NEEDS_INFO,
    reject: {
      button: '不发布',
      title: '不发布这个心愿',
      confirm: '确认不发布',
      placeholder: '请写明原因（必填，骑手会看到）',
      presets: ['超出微心愿范围', '内容不完整'],
      required: '请写明不发布的原因',
    },
  },
};
