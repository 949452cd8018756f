import { useCallback, useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Org } from '../../../types/orgs';
import type { User } from '../../../types/account';
import { me, updateProfile } from '../../api/account';
import { currentOpenid } from '../../api/identity';
import { tree } from '../../api/orgs';
import { ROLE_LABELS } from '../../components/labels';
import { orgChoices } from '../../components/labels/org-path';
import { RegistryProfile } from '../../components/registry-profile';
import { StateView } from '../../components/state-view';
import { isLocalMode, ROUTES } from '../../lib/routes';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';
import { errorText } from '../../lib/error-text';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; user: User; orgs: Org[] };

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

      {user.roles.includes('admin') || user.roles.includes('cadre') ? (
        <View className='me-page__card me-page__consult me-page__admin' role='button' onClick={() => void Taro.navigateTo({ url: ROUTES.adminHome })}>
          <Text className='me-page__value'>管理后台</Text>
          <Text className='me-page__hint'>团委组织、驿站、积分奖品{user.roles.includes('admin') ? '、角色和咨询师' : ''}</Text>
        </View>
      ) : null}

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

      {isRider ? <RegistryProfile user={user} onSaved={(saved) => setState({ kind: 'ready', user: saved, orgs })} /> : null}

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
