import { useCallback, useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Org } from '../../../types/orgs';
import type { User } from '../../../types/account';
import { me, updateProfile } from '../../api/account';
import { ApiError } from '../../api/client';
import { currentOpenid } from '../../api/identity';
import { tree } from '../../api/orgs';
import { ROLE_LABELS } from '../../components/labels';
import { orgChoices } from '../../components/labels/org-path';
import { StateView } from '../../components/state-view';
import { isLocalMode, ROUTES } from '../../lib/routes';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; user: User; orgs: Org[] };

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请检查网络后重试');
const signedIn = () => !isLocalMode() || currentOpenid() !== null;

export default function MePage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [saving, setSaving] = useState(false);
  const [loadedAs, setLoadedAs] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!signedIn()) {
      void Taro.navigateTo({ url: ROUTES.signIn });
      return;
    }
    setLoadedAs(currentOpenid());
    setState({ kind: 'loading' });
    try {
      const [{ user }, { orgs }] = await Promise.all([me(), tree()]);
      setState({ kind: 'ready', user, orgs });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (isLocalMode() && loadedAs !== currentOpenid()) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={() => void load()} />;

  const { user, orgs } = state;
  const choices = orgChoices(orgs);
  const home = choices.find((c) => c.id === user.orgId);
  const isRider = user.roles.includes('rider') || user.roles.length === 0;

  const pickOrg = async (index: number) => {
    const choice = choices[index];
    if (!choice || choice.id === user.orgId) return;
    setSaving(true);
    try {
      const { user: saved } = await updateProfile({ orgId: choice.id });
      setState({ kind: 'ready', user: saved, orgs });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page me-page'>
      <View className='me-page__card'>
        <Text className='me-page__name'>{user.displayName}</Text>
        <View className='me-page__roles'>
          {user.roles.map((r) => (
            <Text key={r} className='me-page__role'>
              {ROLE_LABELS[r] ?? r}
            </Text>
          ))}
          {user.verified ? <Text className='me-page__role me-page__role--verified'>已认证</Text> : null}
        </View>
        {user.stars?.length ? (
          <View className='me-page__stars'>
            {user.stars.map((star) => (
              <Text key={`${star.month}-${star.category}`} className='me-page__star'>
                ★ {star.month.replace('-', ' 年 ')} 月{star.category}
              </Text>
            ))}
          </View>
        ) : null}
        {user.awards?.length ? (
          <View className='me-page__stars'>
            {user.awards.map((award) => (
              <Text key={award.round} className='me-page__star'>
                ★ {award.title}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      <View className='me-page__card me-page__activities'>
        <Text className='me-page__value'>活动 · 爱心餐 · 关爱礼包</Text>
        <Text className='me-page__hint'>本周活动报名、今天的免费爱心餐、冬日递暖礼包</Text>
        <Button className='secondary-button me-page__pick me-page__activities-list' onClick={() => void Taro.navigateTo({ url: ROUTES.activities })}>
          看看本周活动
        </Button>
        {user.roles.some((r) => r === 'staff' || r === 'cadre' || r === 'admin') ? (
          <Button className='secondary-button me-page__pick me-page__activities-scan' onClick={() => void Taro.navigateTo({ url: ROUTES.activitiesScan })}>
            活动扫码 / 核销
          </Button>
        ) : null}
      </View>

      <View className='me-page__card me-page__consult' onClick={() => void Taro.navigateTo({ url: '/packages/voice/pages/home/index' })}>
        <Text className='me-page__value'>骑手心声</Text>
        <Text className='me-page__hint'>微心愿、团团递语、最美骑手评选</Text>
      </View>

      <View className='me-page__card me-page__childcare'>
        <Text className='me-page__value'>骑士班</Text>
        <Text className='me-page__hint'>骑手子女假期和放学后托管，志愿服务</Text>
        <Button className='secondary-button me-page__pick me-page__childcare-list' onClick={() => void Taro.navigateTo({ url: ROUTES.childcareProgrammes })}>
          骑士班报名
        </Button>
        <Button className='secondary-button me-page__pick me-page__childcare-mine' onClick={() => void Taro.navigateTo({ url: ROUTES.childcareMine })}>
          我的报名
        </Button>
        <Button className='secondary-button me-page__pick me-page__volunteer' onClick={() => void Taro.navigateTo({ url: ROUTES.volunteerHome })}>
          志愿服务
        </Button>
        {user.roles.includes('cadre') || user.roles.includes('admin') ? (
          <Button className='secondary-button me-page__pick me-page__childcare-create' onClick={() => void Taro.navigateTo({ url: ROUTES.childcareCreate })}>
            开设骑士班
          </Button>
        ) : null}
      </View>

      {user.roles.includes('admin') || user.roles.includes('cadre') ? (
        <View className='me-page__card me-page__consult me-page__admin' role='button' onClick={() => void Taro.navigateTo({ url: ROUTES.adminHome })}>
          <Text className='me-page__value'>管理后台</Text>
          <Text className='me-page__hint'>团委组织、驿站、积分奖品{user.roles.includes('admin') ? '、角色和咨询师' : ''}</Text>
        </View>
      ) : null}

      <View className='me-page__card me-page__consult me-page__consult-12355' onClick={() => void Taro.navigateTo({ url: ROUTES.consult })}>
        <Text className='me-page__value'>12355 咨询</Text>
        <Text className='me-page__hint'>法律、心理、劳动权益……免费预约，保密</Text>
      </View>

      <View className='me-page__card'>
        <Text className='me-page__label'>所属团委</Text>
        <Text className='me-page__value'>{home ? home.label : '尚未选择'}</Text>
        {isRider ? (
          choices.length > 0 ? (
            <Picker
              mode='selector'
              range={choices.map((c) => c.label)}
              value={Math.max(0, choices.findIndex((c) => c.id === user.orgId))}
              onChange={(e) => void pickOrg(Number(e.detail.value))}
              disabled={saving || undefined}
            >
              <View className='secondary-button me-page__pick'>{home ? '更换所属团委' : '选择所属团委'}</View>
            </Picker>
          ) : (
            <Text className='me-page__hint'>暂无可选的团委</Text>
          )
        ) : null}
      </View>

      {isLocalMode() ? (
        <TabBottomBar>
          <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: ROUTES.signIn })}>
            切换身份
          </Button>
        </TabBottomBar>
      ) : null}
    </View>
  );
}
