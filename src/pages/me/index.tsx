import { useEffect, useRef, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Org } from '../../../types/orgs';
import type { User } from '../../../types/account';
import { api } from '../../api';
import { currentOpenid } from '../../api/identity';
import { ROLE_LABELS } from '../../../types/account-labels';
import { orgChoices } from '../../components/labels/org-path';
import { RegistryProfile } from '../../components/registry-profile';
import { StateView } from '../../components/state-view';
import { PAGES } from '../../../types/pages';
import { isLocalMode } from '../../lib/local-mode';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';
import { errorText } from '../../lib/error-text';
import { useLastKnown } from '../../lib/last-known';
import { SignInGate } from '../../components/sign-in-gate';

interface MeData {
  user: User;
  orgs: Org[];
}

const signedIn = () => !isLocalMode() || currentOpenid() !== null;

const fetchMe = async (): Promise<MeData> => {
  if (!signedIn()) throw new Error('signed out');
  const [{ user }, { orgs }] = await Promise.all([api.account.me(), api.orgs.tree()]);
  return { user, orgs };
};

/** Riders answer the registry's questions; counsellors, cadres and admins are not counted as riders there. */
const answersRegistry = (user: User) => !user.roles.some((r) => r === 'counsellor' || r === 'cadre' || r === 'admin');

/** Tab 我的: who I am (with the user number an admin needs to grant a role), my committee, the registry questions. */
export default function MePage() {
  const { data, status, error, final, reload } = useLastKnown<MeData>('me', fetchMe);
  const [saved, setSaved] = useState<User | null>(null);
  const [saving, setSaving] = useState(false);
  const loadedAs = useRef(currentOpenid());

  useEffect(() => {
    if (!signedIn()) void Taro.navigateTo({ url: PAGES.auth.signIn });
  }, []);

  // Back from the sign-in page as someone else: their data, not the last person's.
  useDidShow(() => {
    if (!isLocalMode() || !signedIn() || loadedAs.current === currentOpenid()) return;
    loadedAs.current = currentOpenid();
    setSaved(null);
    void reload();
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn()) return <SignInGate />;
  if (!data) {
    if (status === 'failed') return <StateView kind='error' message={error} onRetry={final ? undefined : () => void reload()} />;
    return <StateView kind='loading' />;
  }

  const user = saved ?? data.user;
  const { orgs } = data;

  const choices = orgChoices(orgs);
  const home = choices.find((c) => c.id === user.orgId);
  const isRider = user.roles.includes('rider') || user.roles.length === 0;
  const copyNumber = () => void Taro.setClipboardData({ data: user.id }).catch(() => undefined);

  const pickOrg = async (index: number) => {
    const choice = choices[index];
    if (!choice || choice.id === user.orgId) return;
    setSaving(true);
    try {
      const { user: saved } = await api.account.updateProfile({ orgId: choice.id });
      setSaved(saved);
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
        <View className='me-page__number' role='button' onClick={copyNumber}>
          <Text className='me-page__number-label'>用户编号</Text>
          <Text className='me-page__number-value' userSelect>
            {user.id}
          </Text>
          <Text className='me-page__number-copy'>复制</Text>
        </View>
        <Text className='me-page__hint'>管理员给你开通工作人员、团干部或咨询师时，请把用户编号发给他。</Text>
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

      {status === 'failed' ? <View className='notice'>暂时连不上，显示的是上次的信息</View> : null}

      {user.roles.includes('admin') || user.roles.includes('cadre') ? (
        <View className='me-page__card me-page__consult me-page__admin' role='button' onClick={() => void Taro.navigateTo({ url: PAGES.admin.home })}>
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
              value={Math.max(
                0,
                choices.findIndex((c) => c.id === user.orgId),
              )}
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

      {answersRegistry(user) ? <RegistryProfile user={user} onSaved={setSaved} /> : null}

      {isLocalMode() ? (
        <TabBottomBar>
          <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: PAGES.auth.signIn })}>
            切换身份
          </Button>
        </TabBottomBar>
      ) : null}
    </View>
  );
}
