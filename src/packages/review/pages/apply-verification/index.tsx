import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RIDER_PLATFORMS } from '../../../../../types/account-labels';
import { api } from '../../../../api';
import { PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import { NoteSection, OrgSection, useApplyForm, type FieldErrors } from '../form';

type Field = 'realName' | 'platform' | 'employer' | 'org';

export default function ApplyVerificationPage() {
  const { load, reload, orgId, setOrgId, errors, onEdit, submitError, busy, validate, send } = useApplyForm<Field>();
  const [realName, setRealName] = useState('');
  const [platformIndex, setPlatformIndex] = useState(-1);
  const [employer, setEmployer] = useState('');
  const [note, setNote] = useState('');

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void reload()} />;
  if (load.user.verified) {
    return (
      <StateView
        kind='empty'
        message='你已经通过骑手认证，无需再次申请'
        action={{ label: '回到办事', onTap: () => void Taro.switchTab({ url: PAGES.review }) }}
      />
    );
  }

  const submit = async () => {
    const found: FieldErrors<Field> = {};
    const name = realName.trim();
    if (name.length < 2 || name.length > 20) found.realName = '请填写真实姓名（2–20 个字）';
    if (platformIndex < 0) found.platform = '请选择所在平台';
    if (!employer.trim()) found.employer = '请填写所在单位或站点';
    if (!orgId) found.org = '请选择所属团委';
    if (!validate(found)) return;
    await send(() =>
      api.account.applyVerification({
        realName: name,
        platform: RIDER_PLATFORMS[platformIndex] ?? '其他',
        employer: employer.trim(),
        ...(orgId ? { orgId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  };

  return (
    <View className='page apply-form'>
      <TextSection
        label='真实姓名'
        error={errors.realName}
        className='apply-form__real-name'
        value={realName}
        maxlength={20}
        placeholder='与身份证一致'
        onInput={onEdit('realName', setRealName)}
      />

      <PickerField
        label='所在平台'
        range={[...RIDER_PLATFORMS]}
        index={platformIndex}
        placeholder='请选择平台'
        className='apply-form__platform'
        error={errors.platform}
        onPick={onEdit('platform', setPlatformIndex)}
      />

      <TextSection
        label='单位/站点'
        error={errors.employer}
        className='apply-form__employer'
        value={employer}
        maxlength={60}
        placeholder='例如：美团魏塘站'
        onInput={onEdit('employer', setEmployer)}
      />

      <OrgSection orgs={load.orgs} orgId={orgId} error={errors.org} onPick={onEdit('org', setOrgId)} />

      <NoteSection value={note} placeholder='例如：工号、从业时间' onInput={setNote} />

      <SubmitBar fixed label='提交认证申请' busy={busy} messages={[submitError]} onSubmit={() => void submit()} />
    </View>
  );
}
