import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_NAMES, CONSULT_CATEGORIES, type ConsultCategory } from '../../../../types/consult-labels';
import type { Counsellor } from '../../../../types/consult';
import type { Org } from '../../../../types/orgs';
import { api } from '../../../api';
import { orgChoices } from '../../../components/labels/org-path';
import { Chips, FormSection, PickerField, SubmitBar, TextSection } from '../../../components/form-kit';
import { errorText } from '../../../lib/error-text';

const CATEGORY_OPTIONS = CONSULT_CATEGORIES.map((value) => ({ value, label: CATEGORY_NAMES[value] }));
type Field = 'name' | 'categories' | 'org';

interface Props {
  orgs: Org[];
  /** The person picked on the roles page (their user number). */
  userId?: string;
  onPersonMissing: () => void;
  onDone: (counsellor: Counsellor) => void;
}

/** Makes a user a 12355 counsellor (or updates one): name, topics, committee, a short introduction. */
export function CounsellorForm({ orgs, userId, onPersonMissing, onDone }: Props) {
  const [name, setName] = useState('');
  const [categories, setCategories] = useState<ConsultCategory[]>([]);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [intro, setIntro] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);
  const choices = orgChoices(orgs);

  const submit = async () => {
    const found: typeof errors = {};
    if (!userId) onPersonMissing();
    if (name.trim().length < 1 || name.trim().length > 20) found.name = '请填写咨询师姓名（最多 20 个字）';
    if (categories.length === 0) found.categories = '请至少选择一个咨询方向';
    if (!orgId) found.org = '请选择所属团委';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || !userId || !orgId || busy) return;
    setBusy(true);
    try {
      const { counsellor } = await api.consult.addCounsellor({
        userId,
        name: name.trim(),
        categories,
        orgId,
        ...(intro.trim() ? { intro: intro.trim() } : {}),
      });
      void Taro.showToast({ title: '已添加咨询师', icon: 'success' });
      onDone(counsellor);
    } catch (e) {
      setSubmitError(errorText(e, '保存失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='counsellor-form'>
      <TextSection
        label='咨询师姓名'
        className='counsellor-form__name'
        value={name}
        maxlength={20}
        placeholder='例如：王律师'
        error={errors.name}
        onInput={setName}
      />
      <FormSection label='咨询方向（可多选）' error={errors.categories}>
        <Chips
          className='counsellor-form__categories'
          options={CATEGORY_OPTIONS}
          selected={categories}
          onToggle={(c) => setCategories(categories.includes(c) ? categories.filter((x) => x !== c) : [...categories, c])}
        />
      </FormSection>
      <PickerField
        label='所属团委'
        className='counsellor-form__org'
        range={choices.map((c) => c.label)}
        index={choices.findIndex((c) => c.id === orgId)}
        error={errors.org}
        onPick={(i) => setOrgId(choices[i]?.id)}
      />
      <TextSection
        label='简介（选填）'
        className='counsellor-form__intro'
        multiline
        value={intro}
        maxlength={300}
        placeholder='例如：执业律师，擅长劳动争议'
        onInput={setIntro}
      />
      <SubmitBar label='添加咨询师' busy={busy} busyLabel='正在保存…' messages={[submitError]} onSubmit={() => void submit()} />
    </View>
  );
}
