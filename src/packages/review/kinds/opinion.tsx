import { View } from '@tarojs/components';
import type { ReviewItem } from '../../../../types/review';
import { OPINION_AREA_NAMES, type OpinionArea } from '../../../../types/voice-labels';
import type { KindView } from './kind-view';
import { Field, str } from './parts';

/** 团团递语: the area and the rider's words; an anonymous one names nobody. Deciding is answering. */
function OpinionDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  return (
    <View>
      <Field label='方面' value={OPINION_AREA_NAMES[str(p.area) as OpinionArea] ?? ''} />
      <Field label='骑手说' value={str(p.text)} />
      <Field label='署名' value={p.anonymous === true ? '匿名' : item.submitterName} />
    </View>
  );
}

export const opinionView: KindView = {
  Details: OpinionDetails,
  decisions: {
    approve: {
      button: '答复',
      title: '答复这条递语',
      confirm: '发送答复',
      placeholder: '写下给骑手的答复（必填；会匿名公开在递语墙上）',
      presets: [],
      required: '请写下答复内容',
    },
    reject: {
      button: '不予受理',
      title: '不予受理',
      confirm: '确认不予受理',
      placeholder: '请写明原因和可以去反映的渠道（必填，骑手会看到）',
      presets: ['请拨打 12345 政务热线反映', '不属于团委职责范围'],
      required: '请写明不予受理的原因',
    },
  },
};
