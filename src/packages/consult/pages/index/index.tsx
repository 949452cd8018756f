import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_NAMES, CONSULT_CATEGORIES } from '../../../../../types/consult-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';

const fetchMe = async () => ({ user: (await api.account.me()).user });

/** 12355 咨询: pick a topic (the first of three taps), or open one's bookings, agenda or cases. */
export default function ConsultHome() {
  const { state, load } = useLoad(useCallback(fetchMe, []));
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='page consult-home'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>你想咨询什么？</Text>
        <View className='consult-grid'>
          {CONSULT_CATEGORIES.map((c) => (
            <View key={c} className='consult-chip' onClick={() => go(pageLink(PAGES.consult.book, { category: c }))}>
              {CATEGORY_NAMES[c]}
            </View>
          ))}
        </View>
        <Text className='consult-hint'>免费、保密：只有你、你的咨询师和接办个案的团委能看到你写的内容。</Text>
      </View>
      {state.kind === 'loading' ? <StateView kind='loading' /> : null}
      {state.kind === 'error' ? <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} /> : null}
      {state.kind === 'ready' ? (
        <View className='consult-card'>
          <View className='consult-link' onClick={() => go(PAGES.consult.mine)}>
            <Text>我的预约和个案</Text>
            <Text>›</Text>
          </View>
          {state.user.roles.includes('counsellor') ? (
            <View className='consult-link' onClick={() => go(PAGES.consult.agenda)}>
              <Text>我的咨询日程（咨询师）</Text>
              <Text>›</Text>
            </View>
          ) : null}
          {state.user.roles.includes('cadre') ? (
            <View className='consult-link' onClick={() => go(PAGES.consult.cases)}>
              <Text>辖区递援个案（团干部）</Text>
              <Text>›</Text>
            </View>
          ) : null}
          <View className='consult-link' onClick={() => go(PAGES.consult.privacy)}>
            <Text>谁看过我的咨询记录</Text>
            <Text>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
