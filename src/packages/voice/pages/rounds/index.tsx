import { useCallback, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUND_STATUS_NAMES } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';
import { errorText } from '../../../../lib/error-text';
import { todayInShanghai } from '../../../../lib/time-format';

/** Shanghai's calendar day, `days` from now, as YYYY-MM-DD. */
const dayFromNow = (days: number) => todayInShanghai(Date.now() + days * 86_400_000);

/** 最美骑手 rounds of the rider's committee; a cadre opens a new one here. */
export default function RoundsPage() {
  const fetch = useCallback(async () => {
    const [user, list] = await Promise.all([api.account.me(), api.voice.rounds({})]);
    return { cadreOrgIds: user.user.cadreOrgIds ?? [], rounds: list.rounds };
  }, []);
  const { state, load } = useLoad(fetch, { quiet: true });
  const [title, setTitle] = useState('');
  const [winners, setWinners] = useState(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const orgId = state.cadreOrgIds[0];

  const open = async () => {
    if (busy || !orgId) return;
    if (title.trim().length < 2) return setError('请填写评选名称');
    setBusy(true);
    setError('');
    try {
      const { round } = await api.voice.openRound({ orgId, title: title.trim(), startsOn: dayFromNow(0), endsOn: dayFromNow(14), winners });
      await Taro.navigateTo({ url: pageLink(PAGES.voice.round, { id: round.id }) });
      setTitle('');
      await load();
    } catch (e) {
      setError(errorText(e, '发起失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page'>
      {state.rounds.length === 0 ? <StateView kind='empty' message='还没有最美骑手评选' onRetry={() => void load()} /> : null}
      {state.rounds.map((r) => (
        <View key={r.id} className='voice-card round-card' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.voice.round, { id: r.id }) })}>
          <Text className={`voice-status voice-status--${r.status}`}>{ROUND_STATUS_NAMES[r.status]}</Text>
          <Text className='voice-card__title'>{r.title}</Text>
          <Text className='voice-sub'>
            {r.startsOn} 至 {r.endsOn} · 评出 {r.winners} 名
          </Text>
        </View>
      ))}
      {orgId ? (
        <View className='voice-card'>
          <Text className='voice-card__title'>发起评选（两周）</Text>
          <Input
            className='voice-input round-title'
            value={title}
            maxlength={40}
            placeholder='例如：2026 年最美骑手'
            onInput={(e) => setTitle(e.detail.value)}
          />
          <Text className='voice-sub'>评出几名</Text>
          <View className='voice-chips'>
            {[1, 3, 5, 10].map((n) => (
              <Text key={n} className={`voice-chip ${n === winners ? 'voice-chip--on' : ''}`} onClick={() => setWinners(n)}>
                {n} 名
              </Text>
            ))}
          </View>
          {error ? <Text className='voice-error'>{error}</Text> : null}
          <Button className='primary-button voice-action' disabled={busy || undefined} onClick={() => void open()}>
            发起评选
          </Button>
        </View>
      ) : null}
    </View>
  );
}
