import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../../api';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { inScope, isManager } from '../../lib/tree';
import { nothing, useAdmin } from '../../lib/use-admin';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

type Field = 'name' | 'cost' | 'stock' | 'org';
const COUNTY_WIDE = '所有团委通用（由管理员管理）';
const isCount = (v: string, min: number) => /^\d{1,7}$/.test(v) && Number(v) >= min && Number(v) <= 1_000_000;

/** A new reward: name, cost in points, first stock, and the committee offering it (a cadre's own by default). */
export default function RewardFormPage() {
  const { state, load } = useAdmin(nothing);
  const [name, setName] = useState('');
  const [cost, setCost] = useState('');
  const [stock, setStock] = useState('');
  const [description, setDescription] = useState('');
  const [orgId, setOrgId] = useState<string | null | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以添加奖品' />;

  const admin = state.scope === undefined;
  const own = state.user.cadreOrgIds ?? [];
  const choices = [...(admin ? [{ id: null, label: COUNTY_WIDE }] : []), ...orgChoices(state.orgs).filter((c) => inScope(state.scope, c.id))];
  // Until one is picked: county-wide for an admin, the cadre's committee when they have exactly one.
  const chosen = orgId !== undefined ? orgId : admin ? null : own.length === 1 ? own[0] : undefined;
  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (name.trim().length < 1 || name.trim().length > 40) found.name = '请填写奖品名称（最多 40 个字）';
    if (!isCount(cost, 1)) found.cost = '请填写所需积分（正整数）';
    if (!isCount(stock, 0)) found.stock = '请填写库存（0 或正整数）';
    if (chosen === undefined) found.org = '请选择提供奖品的团委';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || busy) return;
    setBusy(true);
    try {
      await api.points.createReward({
        name: name.trim(),
        cost: Number(cost),
        stock: Number(stock),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(chosen ? { orgId: chosen } : {}),
      });
      void Taro.showToast({ title: '已添加', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      setSubmitError(errorText(e, '保存失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page adm-page reward-form'>
      <TextSection
        label='奖品名称'
        className='reward-form__name'
        value={name}
        maxlength={40}
        placeholder='例如：防晒冰袖'
        error={errors.name}
        onInput={(v) => {
          setName(v);
          clear('name');
        }}
      />
      <TextSection
        label='所需积分'
        className='reward-form__cost'
        type='number'
        value={cost}
        maxlength={7}
        placeholder='例如：30'
        error={errors.cost}
        onInput={(v) => {
          setCost(v);
          clear('cost');
        }}
      />
      <TextSection
        label='库存（件）'
        className='reward-form__stock'
        type='number'
        value={stock}
        maxlength={7}
        placeholder='例如：50'
        error={errors.stock}
        onInput={(v) => {
          setStock(v);
          clear('stock');
        }}
      />
      <PickerField
        label='提供奖品的团委'
        className='reward-form__org'
        range={choices.map((c) => c.label)}
        index={choices.findIndex((c) => c.id === chosen)}
        error={errors.org}
        onPick={(i) => {
          setOrgId(choices[i]?.id ?? null);
          clear('org');
        }}
      />
      <TextSection
        label='说明（选填）'
        className='reward-form__description'
        multiline
        value={description}
        maxlength={200}
        placeholder='例如：夏季专供，驿站领取'
        onInput={setDescription}
      />
      <SubmitBar label='添加奖品' busy={busy} busyLabel='正在保存…' messages={[submitError]} onSubmit={() => void submit()} />
    </View>
  );
}
