import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';

const ENTRIES = [
  { url: PAGES.voice.wishes, title: '微心愿', hint: '为自己或孩子许个小心愿，志愿者和爱心单位帮你实现' },
  { url: PAGES.voice.opinions, title: '团团递语', hint: '说说你的难处和建议，可以匿名，团委会答复' },
  { url: PAGES.voice.rounds, title: '最美骑手', hint: '提名身边的好骑手，每天投一票' },
] as const;

/** Riders' voice: wishes, opinions and the 最美骑手 rounds, each one tap away. */
export default function VoiceHome() {
  const fetch = useCallback(async () => ({ user: (await api.account.me()).user }), []);
  const { state, load } = useLoad(fetch, { quiet: true });
  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const cadre = state.user.roles.includes('cadre') || state.user.roles.includes('admin');
  const entries = cadre ? [...ENTRIES, { url: PAGES.voice.answer, title: '答复递语', hint: '本团委待答复的团团递语' }] : ENTRIES;
  return (
    <View className='page'>
      <View className='voice-card'>
        {entries.map((e) => (
          <View key={e.url} className='voice-entry' onClick={() => void Taro.navigateTo({ url: e.url })}>
            <Text className='voice-entry__title'>{e.title}</Text>
            <Text className='voice-sub'>{e.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
