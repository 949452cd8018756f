import { useCallback, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { RoundView } from '../../../../../types/voice';
import { NOMINATION_STATUS_NAMES, ROUND_STATUS_NAMES, STORY_MAX } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';
import { errorText } from '../../../../lib/error-text';

type Rider = { id: string; displayName: string };

/**
 * One 最美骑手 round: the nominee answers their nomination, anyone of the committee nominates with a story, verified
 * riders vote once a day (the page says whether they have today), the cadre shortlists and publishes the results.
 */
export default function RoundPage() {
  const { params } = useRouter();
  const roundId = params.id ?? '';
  const fetch = useCallback(async () => {
    const [view, { user }] = await Promise.all([api.voice.round({ roundId }), api.account.me()]);
    return { view, myId: user.id };
  }, [roundId]);
  const { state, setState, load } = useLoad(fetch, { quiet: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [choices, setChoices] = useState<Rider[] | null>(null);
  const [nominee, setNominee] = useState<Rider | null>(null);
  const [story, setStory] = useState('');
  const [picked, setPicked] = useState<string[]>([]);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const { view } = state;
  const r = view.round;

  const act = async (run: () => Promise<RoundView | null>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError('');
    setNotice('');
    try {
      const next = await run();
      if (next) setState({ kind: 'ready', view: next, myId: state.myId });
      else await load();
      setNotice(done);
    } catch (e) {
      setError(errorText(e, '操作失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const showRiders = async () => {
    try {
      setChoices((await api.voice.riders({ roundId, limit: 100 })).riders);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const submitNomination = () =>
    act(async () => {
      if (!nominee) throw new Error('no nominee');
      await api.voice.nominate({ roundId, nomineeId: nominee.id, story: story.trim() });
      setNominee(null);
      setStory('');
      setChoices(null);
      return null;
    }, '提名已送出，等待本人确认');

  return (
    <View className='page round-page'>
      <View className='voice-card'>
        <Text className={`voice-status voice-status--${r.status}`}>{ROUND_STATUS_NAMES[r.status]}</Text>
        <Text className='voice-card__title'>{r.title}</Text>
        <Text className='voice-sub'>
          {r.startsOn} 至 {r.endsOn} · 评出 {r.winners} 名
        </Text>
        {r.status === 'voting' ? (
          <Text className='voice-sub round-voted'>
            {view.votedToday ? '你今天已经投过票了，明天再来' : view.canVote ? '你今天还可以投 1 票' : '认证骑手才能投票'}
          </Text>
        ) : null}
      </View>

      {notice ? <Text className='voice-ok'>{notice}</Text> : null}
      {error ? <Text className='voice-error'>{error}</Text> : null}

      {view.askedOfMe ? (
        <View className='voice-card'>
          <Text className='voice-card__title'>有人提名了你</Text>
          <Text className='voice-text'>{view.askedOfMe.story}</Text>
          <Button
            className='primary-button voice-action'
            disabled={busy || undefined}
            onClick={() => void act(() => api.voice.answerNomination({ roundId, accept: true }), '你已接受提名')}
          >
            接受提名
          </Button>
          <Button
            className='secondary-button voice-action'
            disabled={busy || undefined}
            onClick={() => void act(() => api.voice.answerNomination({ roundId, accept: false }), '你已婉拒提名')}
          >
            婉拒
          </Button>
        </View>
      ) : null}

      {view.candidates.length === 0 ? <StateView kind='empty' message={r.status === 'nominating' ? '还没有人接受提名' : '暂无入围骑手'} /> : null}
      {view.candidates.map((c) => (
        <View key={c.nomineeId} className='voice-card candidate-card'>
          {c.winner ? <Text className='voice-status voice-status--fulfilled candidate-winner'>当选</Text> : null}
          <Text className='voice-card__title'>{c.displayName}</Text>
          <Text className='voice-sub'>{NOMINATION_STATUS_NAMES[c.status]}</Text>
          <Text className='voice-text'>{c.story}</Text>
          {r.status !== 'nominating' ? <Text className='voice-votes'>{c.votes} 票</Text> : null}
          {r.status === 'voting' && view.canVote && !view.votedToday && c.nomineeId === state.myId ? (
            <Text className='voice-sub candidate-self'>这是你自己，不能给自己投票</Text>
          ) : null}
          {r.status === 'voting' && view.canVote && !view.votedToday && c.nomineeId !== state.myId ? (
            <Button
              className='primary-button voice-action candidate-vote'
              disabled={busy || undefined}
              onClick={() => void act(() => api.voice.vote({ roundId, nomineeId: c.nomineeId }), '投票成功，明天还可以再投')}
            >
              投 TA 一票
            </Button>
          ) : null}
          {view.manage && r.status === 'nominating' && c.status === 'accepted' ? (
            <Text
              className={`voice-chip voice-action ${picked.includes(c.nomineeId) ? 'voice-chip--on' : ''}`}
              onClick={() => setPicked(picked.includes(c.nomineeId) ? picked.filter((p) => p !== c.nomineeId) : [...picked, c.nomineeId])}
            >
              {picked.includes(c.nomineeId) ? '✓ 入围' : '选为入围'}
            </Text>
          ) : null}
        </View>
      ))}

      {r.status === 'nominating' ? (
        <View className='voice-card'>
          <Text className='voice-card__title'>提名身边的好骑手</Text>
          {choices === null ? (
            <Button className='secondary-button' onClick={() => void showRiders()}>
              选择骑手
            </Button>
          ) : choices.length === 0 ? (
            <Text className='voice-sub'>本团委还没有已认证的骑手</Text>
          ) : (
            <View className='voice-chips'>
              {choices.map((c) => (
                <Text key={c.id} className={`voice-chip ${nominee?.id === c.id ? 'voice-chip--on' : ''}`} onClick={() => setNominee(c)}>
                  {c.displayName}
                </Text>
              ))}
            </View>
          )}
          {nominee ? (
            <View>
              <Textarea
                className='voice-textarea voice-action round-story'
                value={story}
                maxlength={STORY_MAX}
                placeholder={`讲讲${nominee.displayName}的故事（至少 10 个字）`}
                onInput={(e) => setStory(e.detail.value)}
              />
              <Button className='primary-button voice-action' disabled={busy || story.trim().length < 10 || undefined} onClick={() => void submitNomination()}>
                提交提名
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {view.manage && r.status === 'nominating' ? (
        <View className='bottom-bar'>
          <Button
            className='primary-button'
            disabled={busy || picked.length === 0 || undefined}
            onClick={() => void act(() => api.voice.shortlist({ roundId, nomineeIds: picked }), '入围名单已确定，投票开始')}
          >
            确定入围名单（{picked.length}）并开始投票
          </Button>
        </View>
      ) : null}
      {view.manage && r.status === 'voting' ? (
        <View className='bottom-bar'>
          <Button className='primary-button' disabled={busy || undefined} onClick={() => void act(() => api.voice.publishResults({ roundId }), '结果已公布')}>
            公布评选结果
          </Button>
        </View>
      ) : null}
    </View>
  );
}
