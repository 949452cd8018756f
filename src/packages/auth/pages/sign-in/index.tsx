import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { currentOpenid, signInAs } from '../../../../api/identity';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import { isLocalMode } from '../../../../lib/local-mode';
import './index.css';

/** The demo identities seeded in local mode (server/ seeds the same openids). */
export const DEMO_IDENTITIES = [
  { openid: 'demo-rider', label: '骑手', hint: '查找驿站、出示签到码、积分' },
  { openid: 'demo-rider-2', label: '骑手·王', hint: '第二位家长：骑士班候补' },
  { openid: 'demo-staff', label: '驿站工作人员', hint: '扫码签到、维护驿站状态' },
  { openid: 'demo-volunteer', label: '志愿者', hint: '骑士班志愿服务、名单签到、时长' },
  { openid: 'demo-cadre', label: '团干部·嘉善县', hint: '审核全县的申请' },
  { openid: 'demo-town-cadre', label: '团干部·魏塘街道', hint: '审核本街道的申请' },
  { openid: 'demo-counsellor', label: '12355 咨询师', hint: '发布咨询时段、查看日程、转为个案' },
  { openid: 'local-admin', label: '管理员', hint: '管理团委、驿站和角色' },
] as const;

export default function SignInPage() {
  const [current, setCurrent] = useState(currentOpenid);

  if (!isLocalMode()) return <StateView kind='empty' message='演示身份仅在本地模式下可用' />;

  const pick = (openid: string) => {
    signInAs(openid);
    setCurrent(openid);
    void Taro.switchTab({ url: PAGES.map });
  };

  return (
    <View className='page sign-in-page'>
      <Text className='sign-in-page__intro'>本地演示模式：选择一个身份进入</Text>
      {DEMO_IDENTITIES.map((who) => (
        <Button
          key={who.openid}
          className={`sign-in-page__choice ${current === who.openid ? 'sign-in-page__choice--current' : ''}`}
          onClick={() => pick(who.openid)}
        >
          <View className='sign-in-page__label'>{who.label}</View>
          <View className='sign-in-page__hint'>{who.hint}</View>
        </Button>
      ))}
    </View>
  );
}
