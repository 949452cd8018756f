import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InputOf } from '../../../types';
import type { User } from '../../../types/account';
import { RIDER_PLATFORMS } from '../../../types/account-labels';
import { api } from '../../api';
import { errorText } from '../../lib/error-text';
import './index.css';

interface Props {
  user: User;
  onSaved: (user: User) => void;
}

/** Birth years a rider may pick: 16 to 65 years old this year, youngest first. */
function birthYears(thisYear: number): number[] {
  return Array.from({ length: 50 }, (_, i) => thisYear - 16 - i);
}

/**
 * The profile facts the committee's registry (摸清底数) counts — platform, birth year, League membership — and whether
 * the rider shows their nickname on boards and lists. All optional.
 */
export function RegistryProfile({ user, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  const years = birthYears(new Date().getFullYear());

  const save = async (input: InputOf<'account', 'updateProfile'>) => {
    setSaving(true);
    try {
      const { user: saved } = await api.account.updateProfile(input);
      onSaved(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '保存失败，请稍后再试'), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='me-page__card registry-profile'>
      <Text className='me-page__label'>骑手信息（选填）</Text>
      <Text className='me-page__hint'>团委用它摸清辖区骑手底数（平台、年龄段、团员人数），只统计人数，不公开个人信息。</Text>
      <Picker
        mode='selector'
        range={[...RIDER_PLATFORMS]}
        value={Math.max(
          0,
          RIDER_PLATFORMS.findIndex((p) => p === user.platform),
        )}
        onChange={(e) => void save({ platform: RIDER_PLATFORMS[Number(e.detail.value)] ?? '其他' })}
        disabled={saving || undefined}
      >
        <View className='registry-profile__row' role='button'>
          <Text className='registry-profile__name'>所在平台</Text>
          <Text className='registry-profile__value'>{user.platform ?? '请选择'}</Text>
        </View>
      </Picker>
      <Picker
        mode='selector'
        range={years.map((y) => `${y} 年`)}
        value={Math.max(0, years.indexOf(user.birthYear ?? years[9]!))}
        onChange={(e) => void save({ birthYear: years[Number(e.detail.value)] })}
        disabled={saving || undefined}
      >
        <View className='registry-profile__row' role='button'>
          <Text className='registry-profile__name'>出生年份</Text>
          <Text className='registry-profile__value'>{user.birthYear ? `${user.birthYear} 年` : '请选择'}</Text>
        </View>
      </Picker>
      <View className='registry-profile__row'>
        <Text className='registry-profile__name'>共青团员</Text>
        <View className='registry-profile__choices'>
          {[true, false].map((member) => (
            <Button
              key={String(member)}
              className={`registry-profile__choice ${user.leagueMember === member ? 'registry-profile__choice--on' : ''}`}
              aria-pressed={user.leagueMember === member}
              disabled={saving || undefined}
              onClick={() => void save({ leagueMember: member })}
            >
              {member ? '是' : '不是'}
            </Button>
          ))}
        </View>
      </View>
      <View className='registry-profile__row'>
        <Text className='registry-profile__name'>榜单显示昵称</Text>
        <View className='registry-profile__choices'>
          {[true, false].map((listed) => (
            <Button
              key={String(listed)}
              className={`registry-profile__choice ${(user.listed ?? false) === listed ? 'registry-profile__choice--on' : ''}`}
              aria-pressed={(user.listed ?? false) === listed}
              disabled={saving || undefined}
              onClick={() => void save({ listed })}
            >
              {listed ? '显示' : '不显示'}
            </Button>
          ))}
        </View>
      </View>
      <Text className='me-page__hint'>选择显示后，积分榜和最美骑手提名名单上会出现你的昵称；不显示时别人只看到“未公开昵称的骑手”。</Text>
    </View>
  );
}
