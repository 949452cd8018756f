import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Org } from '../../../../../types/orgs';
import type { User } from '../../../../../types/account';
import { me } from '../../../../api/account';
import { tree } from '../../../../api/orgs';
import { applyVerification } from '../../../../api/review';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { markReviewsChanged } from '../../../../lib/review-refresh';
import { reviewDetailUrl } from '../../../../lib/routes';
import { errorText } from '../../../../lib/use-paged';
import { askToNotifyOutcome } from '../../../../lib/subscribe';
import '../form.css';

export const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', '中通', '圆通', '韵达', '申通', '极兔', '其他'];

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; user: User; orgs: Org[] };
type Field = 'realName' | 'platform' | 'employer' | 'org';

export default function ApplyVerificationPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [realName, setRealName] = useState('');
  const [platformIndex, setPlatformIndex] = useState(-1);
  const [employer, setEmployer] = useState('');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  const loadAll = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const [{ user }, { orgs }] = await Promise.all([me(), tree()]);
      setLoad({ kind: 'ready', user, orgs });
      setOrgId((prev) => prev ?? user.orgId);
    } catch (e) {
      setLoad({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void loadAll()} />;
  if (load.user.verified) return <StateView kind='empty' message='你已经通过骑手认证，无需再次申请' />;

  const choices = orgChoices(load.orgs);
  const orgIndex = choices.findIndex((c) => c.id === orgId);
  const clear = (field: Field) => setErrors((prev) => ({ ...prev, [field]: undefined }));

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    const name = realName.trim();
    if (name.length < 2 || name.length > 20) found.realName = '请填写真实姓名（2–20 个字）';
    if (platformIndex < 0) found.platform = '请选择所在平台';
    if (!employer.trim()) found.employer = '请填写所在单位或站点';
    if (!orgId) found.org = '请选择所属团委';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    await askToNotifyOutcome();
    try {
      const { reviewId } = await applyVerification({
        realName: name,
        platform: PLATFORMS[platformIndex],
        employer: employer.trim(),
        ...(orgId ? { orgId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      markReviewsChanged();
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      void Taro.redirectTo({ url: reviewDetailUrl(reviewId) });
    } catch (e) {
      setSubmitError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page apply-form'>
      <View className='apply-form__section'>
        <Text className='apply-form__label'>真实姓名</Text>
        <Input
          className='apply-form__input apply-form__real-name'
          value={realName}
          maxlength={20}
          placeholder='与身份证一致'
          onInput={(e) => {
            setRealName(e.detail.value);
            clear('realName');
          }}
        />
        {errors.realName ? <Text className='apply-form__error'>{errors.realName}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>所在平台</Text>
        <Picker
          mode='selector'
          range={PLATFORMS}
          value={Math.max(0, platformIndex)}
          onChange={(e) => {
            setPlatformIndex(Number(e.detail.value));
            clear('platform');
          }}
        >
          <View className='apply-form__picker apply-form__platform'>{platformIndex >= 0 ? PLATFORMS[platformIndex] : '请选择平台'}</View>
        </Picker>
        {errors.platform ? <Text className='apply-form__error'>{errors.platform}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>单位/站点</Text>
        <Input
          className='apply-form__input apply-form__employer'
          value={employer}
          maxlength={60}
          placeholder='例如：美团魏塘站'
          onInput={(e) => {
            setEmployer(e.detail.value);
            clear('employer');
          }}
        />
        {errors.employer ? <Text className='apply-form__error'>{errors.employer}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>所属团委</Text>
        {choices.length > 0 ? (
          <Picker
            mode='selector'
            range={choices.map((c) => c.label)}
            value={Math.max(0, orgIndex)}
            onChange={(e) => {
              setOrgId(choices[Number(e.detail.value)]?.id);
              clear('org');
            }}
          >
            <View className='apply-form__picker apply-form__org'>{orgIndex >= 0 ? choices[orgIndex].label : '请选择所属团委'}</View>
          </Picker>
        ) : (
          <Text className='apply-form__hint'>暂无可选的团委</Text>
        )}
        {errors.org ? <Text className='apply-form__error'>{errors.org}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>备注（选填）</Text>
        <Textarea
          className='apply-form__textarea'
          value={note}
          maxlength={200}
          placeholder='例如：工号、从业时间'
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>

      <View className='bottom-bar'>
        {submitError ? <Text className='apply-form__error apply-form__submit-error'>{submitError}</Text> : null}
        <Button className='primary-button apply-form__submit' onClick={() => void submit()} disabled={busy || undefined} loading={busy || undefined}>
          提交认证申请
        </Button>
      </View>
    </View>
  );
}
