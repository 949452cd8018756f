import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ManagedReward } from '../../../../../types/points';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import { isManager } from '../../lib/tree';
import { useAdmin, type AdminBase } from '../../lib/use-admin';
import '../../../../components/form-kit/index.css';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

const fetchRewards = async ({ user }: AdminBase) => (isManager(user) ? api.points.manageRewards({}) : { rewards: [] as ManagedReward[] });

/** The rewards the caller manages: restock (adds to the stock as it is at that moment), retire. */
export default function AdminRewardsPage() {
  const { state, setState, load } = useAdmin(fetchRewards, true);
  const [restocking, setRestocking] = useState<{ id: string; add: string; error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以管理奖品' />;

  const orgName = (id?: string) => (id ? (state.orgs.find((o) => o.id === id)?.name ?? '未知团委') : '所有团委通用');
  const replace = (saved: ManagedReward) => setState({ ...state, rewards: state.rewards.map((r) => (r.id === saved.id ? saved : r)) });

  const restock = async () => {
    if (!restocking || busy) return;
    const add = Number(restocking.add);
    if (!Number.isInteger(add) || add < 1 || add > 100_000) {
      setRestocking({ ...restocking, error: '请填写 1–100000 之间的整数' });
      return;
    }
    setBusy(true);
    try {
      const { reward } = await api.points.restockReward({ id: restocking.id, add });
      replace(reward);
      setRestocking(null);
      void Taro.showToast({ title: `已补货，现有 ${reward.stock} 件`, icon: 'none' });
    } catch (e) {
      setRestocking({ ...restocking, error: errorText(e, '补货失败，请重试') });
    } finally {
      setBusy(false);
    }
  };

  const retire = async (reward: ManagedReward) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '下架奖品',
      content: `下架后骑手不能再兑换「${reward.name}」，已兑换的仍可领取。确定下架？`,
      confirmText: '下架',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      replace((await api.points.retireReward({ id: reward.id })).reward);
      void Taro.showToast({ title: '已下架', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '操作失败，请重试'), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page adm-page rewards-admin'>
      <View className='adm-top'>
        <Button className='primary-button rewards-admin__create' onClick={() => void Taro.navigateTo({ url: PAGES.admin.rewardForm })}>
          添加奖品
        </Button>
      </View>
      {state.rewards.length === 0 ? (
        <StateView kind='empty' message='还没有你管理的奖品' />
      ) : (
        <View className='adm-card'>
          {state.rewards.map((r) => (
            <View key={r.id} className={`adm-row rewards-admin__row ${r.retired ? 'rewards-admin__row--retired' : ''}`}>
              <Text className='adm-row__title'>
                {r.name}
                {r.retired ? <Text className='adm-badge adm-badge--off'>已下架</Text> : null}
              </Text>
              <Text className='adm-row__sub rewards-admin__stock'>{`${r.cost} 积分 · 库存 ${r.stock} 件 · ${orgName(r.orgId)}`}</Text>
              {r.retired ? null : restocking?.id === r.id ? (
                <View className='rewards-admin__restock'>
                  <Input
                    className='rh-field rewards-admin__add'
                    type='number'
                    value={restocking.add}
                    maxlength={6}
                    placeholder='补货数量（件）'
                    onInput={(e) => setRestocking({ ...restocking, add: e.detail.value, error: '' })}
                  />
                  {restocking.error ? <Text className='rh-form-error'>{restocking.error}</Text> : null}
                  <View className='adm-actions'>
                    <Button className='secondary-button adm-button rewards-admin__cancel' onClick={() => setRestocking(null)}>
                      取消
                    </Button>
                    <Button className='primary-button adm-button rewards-admin__confirm' disabled={busy || undefined} onClick={() => void restock()}>
                      {busy ? '正在补货…' : '确认补货'}
                    </Button>
                  </View>
                </View>
              ) : (
                <View className='adm-actions'>
                  <Button className='secondary-button adm-button rewards-admin__restock-open' onClick={() => setRestocking({ id: r.id, add: '', error: '' })}>
                    补货
                  </Button>
                  <Button className='secondary-button adm-button adm-button--danger rewards-admin__retire' onClick={() => void retire(r)}>
                    下架
                  </Button>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
