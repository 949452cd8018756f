import { useCallback, useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CHILD_CONSENT_TEXT, CHILD_CONSENT_VERSION } from '../../../../../types/childcare-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import '../../lib/childcare.css';
import { useLoad } from '../../../../lib/use-load';
import { todayInShanghai } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

type Step = 'list' | 'consent' | 'form';

const empty = { name: '', birthDate: '', emergencyPhone: '', school: '', allergies: '' };

async function fetchChildren() {
  return api.childcare.children({});
}

/** The guardian's children (masked), and adding one: the consent notice first; refusing stores nothing. */
export default function ChildrenPage() {
  const fetch = useCallback(fetchChildren, []);
  const { state, setState, load } = useLoad(fetch);
  const [step, setStep] = useState<Step>('list');
  const [form, setForm] = useState(empty);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  const set = (field: keyof typeof empty) => (e: { detail: { value: string } }) => setForm({ ...form, [field]: e.detail.value });

  const save = async () => {
    if (saving) return;
    if (!form.name.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(form.birthDate) || !/^1\d{10}$/.test(form.emergencyPhone.trim())) {
      setError('请填写孩子姓名、出生日期和 11 位紧急联系电话');
      return;
    }
    setSaving(true);
    setError('');
    try {
      const { child } = await api.childcare.addChild({
        name: form.name.trim(),
        birthDate: form.birthDate,
        emergencyPhone: form.emergencyPhone.trim(),
        ...(form.school.trim() ? { school: form.school.trim() } : {}),
        ...(form.allergies.trim() ? { allergies: form.allergies.trim() } : {}),
        consent: { version: CHILD_CONSENT_VERSION, accepted: true },
      });
      setState({ kind: 'ready', children: [...state.children, child] });
      setForm(empty);
      setStep('list');
      void Taro.showToast({ title: '已添加', icon: 'success' });
    } catch (e) {
      setError(errorText(e, '网络不给力，请重试'));
    } finally {
      setSaving(false);
    }
  };

  if (step === 'consent') {
    return (
      <View className='page children-page'>
        <View className='cc-card children-page__consent'>
          <Text className='cc-card__title'>监护人告知书</Text>
          <Text className='cc-card__sub'>版本 {CHILD_CONSENT_VERSION}</Text>
          {CHILD_CONSENT_TEXT.map((p) => (
            <Text key={p} className='cc-consent__text'>
              {p}
            </Text>
          ))}
          <Button className='primary-button cc-block-button children-page__agree' onClick={() => setStep('form')}>
            我已阅读并同意
          </Button>
          <Button
            className='secondary-button cc-block-button children-page__refuse'
            onClick={() => {
              setStep('list');
              void Taro.showToast({ title: '未同意，未保存任何信息', icon: 'none' });
            }}
          >
            不同意
          </Button>
        </View>
      </View>
    );
  }

  if (step === 'form') {
    return (
      <View className='page children-page'>
        <View className='cc-card children-page__form'>
          <Text className='cc-card__title'>添加孩子</Text>
          <Text className='cc-label'>孩子姓名</Text>
          <Input className='cc-input children-page__name' value={form.name} maxlength={20} placeholder='姓名' onInput={set('name')} />
          <Text className='cc-label'>出生日期</Text>
          <Picker mode='date' value={form.birthDate || '2018-01-01'} end={todayInShanghai()} onChange={set('birthDate')}>
            <View className='cc-input children-page__birth' role='button' aria-label={`出生日期：${form.birthDate || '请选择'}`}>
              {form.birthDate || '请选择'}
            </View>
          </Picker>
          <Text className='cc-label'>紧急联系电话</Text>
          <Input
            className='cc-input children-page__phone'
            type='number'
            value={form.emergencyPhone}
            maxlength={11}
            placeholder='11 位手机号'
            onInput={set('emergencyPhone')}
          />
          <Text className='cc-label'>学校（选填）</Text>
          <Input className='cc-input children-page__school' value={form.school} maxlength={40} placeholder='学校' onInput={set('school')} />
          <Text className='cc-label'>过敏情况（选填）</Text>
          <Textarea
            className='cc-textarea children-page__allergies'
            value={form.allergies}
            maxlength={200}
            placeholder='如：花生、芒果'
            onInput={set('allergies')}
          />
          {error ? <Text className='cc-error'>{error}</Text> : null}
          <Button className='primary-button cc-block-button children-page__save' disabled={saving || undefined} onClick={() => void save()}>
            {saving ? '正在保存…' : '保存'}
          </Button>
          <Button className='secondary-button cc-block-button' onClick={() => setStep('list')}>
            取消
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page children-page'>
      <View className='cc-card'>
        <Text className='cc-card__title'>我的孩子</Text>
        <Text className='cc-card__sub'>信息已加密保存，列表中只显示部分内容。</Text>
        {state.children.length === 0 ? <Text className='cc-card__sub children-page__empty'>还没有添加孩子</Text> : null}
        {state.children.map((c) => (
          <View key={c.id} className='cc-row children-page__child'>
            <View className='cc-row__main'>
              <Text className='cc-row__title'>
                {c.name}
                {c.hasAllergies ? <Text className='cc-allergy'>有过敏</Text> : null}
              </Text>
              <Text className='cc-row__sub'>
                {c.age} 岁{c.school ? ` · ${c.school}` : ''} · 紧急电话 {c.emergencyPhone}
              </Text>
            </View>
          </View>
        ))}
        <Button className='primary-button cc-block-button children-page__add' onClick={() => setStep('consent')}>
          添加孩子
        </Button>
      </View>
    </View>
  );
}
