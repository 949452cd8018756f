import { Text, View } from '@tarojs/components';
import { CATEGORY_NAMES, type ConsultCategory } from '../../../../types/consult-labels';
import type { ReviewItem } from '../../../../types/review';
import { PAGES, pageLink } from '../../../../types/pages';
import type { KindView } from './kind-view';
import { Field, LinkRow, str } from './parts';

/**
 * 精准递援: a consultation the counsellor escalated. The item carries only the case number and topic; the notes stay
 * on the case, which its cadres open from here. Approving is taking the case; refusing closes it with the reason.
 */
function CaseDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const category = CATEGORY_NAMES[str(p.category) as ConsultCategory] ?? '';
  return (
    <View>
      <Field label='个案编号' value={str(p.number)} />
      <Field label='咨询类别' value={category} />
      <Text className='review-detail__hint'>咨询内容和咨询师的说明只给本团委的团干部看，点下面查看。</Text>
      {str(p.caseId) ? <LinkRow label='查看个案和办理记录' url={pageLink(PAGES.consult.case, { id: str(p.caseId) })} /> : null}
    </View>
  );
}

export const caseView: KindView = {
  Details: CaseDetails,
  decisions: {
    approve: { button: '接办个案', title: '由本团委接办这个个案', confirm: '确认接办', placeholder: '备注（选填）', presets: [], required: null },
    reject: {
      button: '不接办',
      title: '本团委不接办',
      confirm: '确认不接办',
      placeholder: '请写明原因和建议的去处（必填，骑手会看到）',
      presets: ['请联系人社部门', '请拨打 12345 热线', '不属于本团委辖区'],
      required: '请写明不接办的原因',
    },
  },
};
