import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { OPINION_AREA_NAMES, OPINION_STATUS_NAMES } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';
import { shortTime } from '../../../../lib/time-format';

/** A rider's own 团团递语 threads, and the answers their committee published for everyone. */
export default function OpinionsPage() {
  const [tab, setTab] = useState<'mine' | 'public'>('mine');
  const fetch = useCallback(async () => {
    const [mine, published] = await Promise.all([api.voice.myOpinions({ limit: 50 }), api.voice.answers({ limit: 50 })]);
    return { mine: mine.opinions, published: published.answers };
  }, []);
  const { state, load } = useLoad(fetch, { quiet: true });
  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  return (
    <View className='page'>
      <View className='voice-tabs'>
        <Text className={`voice-tab ${tab === 'mine' ? 'voice-tab--on' : ''}`} onClick={() => setTab('mine')}>
          我的递语
        </Text>
        <Text className={`voice-tab ${tab === 'public' ? 'voice-tab--on' : ''}`} onClick={() => setTab('public')}>
          公开答复
        </Text>
      </View>
      {tab === 'mine' ? (
        state.mine.length === 0 ? (
          <StateView kind='empty' message='你还没有递过话' onRetry={() => void load()} />
        ) : (
          state.mine.map((o) => (
            <View key={o.id} className='voice-card opinion-card'>
              <Text className={`voice-status voice-status--${o.status}`}>{OPINION_STATUS_NAMES[o.status]}</Text>
              <Text className='voice-sub'>
                {OPINION_AREA_NAMES[o.area]} · {shortTime(o.at)}
                {o.anonymous ? ' · 匿名' : ''}
              </Text>
              <Text className='voice-text'>{o.text}</Text>
              {o.answer ? (
                <View className='voice-answer'>
                  <Text className='voice-text'>团委答复：{o.answer}</Text>
                  {o.published ? <Text className='voice-sub'>已公开（不显示你的名字）</Text> : null}
                </View>
              ) : (
                <Text className='voice-sub'>团委会尽快答复，答复后会通知你</Text>
              )}
            </View>
          ))
        )
      ) : state.published.length === 0 ? (
        <StateView kind='empty' message='团委还没有公开的答复' onRetry={() => void load()} />
      ) : (
        state.published.map((a) => (
          <View key={a.id} className='voice-card answer-card'>
            <Text className='voice-sub'>
              {OPINION_AREA_NAMES[a.area]} · {shortTime(a.answeredAt)}
            </Text>
            <Text className='voice-text'>问：{a.question}</Text>
            <View className='voice-answer'>
              <Text className='voice-text'>答：{a.answer}</Text>
            </View>
          </View>
        ))
      )}
      <View className='bottom-bar'>
        <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: PAGES.voice.sendOpinion })}>
          我要递语
        </Button>
      </View>
    </View>
  );
}
