import { useCallback, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { OPINION_AREA_NAMES } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';
import { shortTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

/** A cadre answers the committee's open opinions, oldest first, and may publish the answer for everyone. */
export default function AnswerPage() {
  const fetch = useCallback(async () => ({ opinions: (await api.voice.opinionQueue({ limit: 50 })).opinions }), []);
  const { state, load } = useLoad(fetch, { quiet: true });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [publish, setPublish] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.opinions.length === 0) return <StateView kind='empty' message='没有待答复的递语' onRetry={() => void load()} />;

  const submit = async (opinionId: string) => {
    const answer = (drafts[opinionId] ?? '').trim();
    if (busy || answer.length < 2) return;
    setBusy(opinionId);
    setError('');
    try {
      await api.voice.answerOpinion({ opinionId, answer, publish: publish[opinionId] ?? false });
      await load();
    } catch (e) {
      setError(errorText(e, '答复失败，请重试'));
    } finally {
      setBusy('');
    }
  };

  return (
    <View className='page'>
      {error ? <Text className='voice-error'>{error}</Text> : null}
      {state.opinions.map((o) => (
        <View key={o.id} className='voice-card opinion-card'>
          <Text className='voice-sub'>
            {OPINION_AREA_NAMES[o.area]} · {shortTime(o.at)} · {o.anonymous ? '匿名骑手' : (o.authorName ?? '骑手')}
          </Text>
          <Text className='voice-text'>{o.text}</Text>
          <Textarea
            className='voice-textarea voice-action opinion-answer'
            value={drafts[o.id] ?? ''}
            maxlength={1000}
            placeholder='写下答复'
            onInput={(e) => setDrafts({ ...drafts, [o.id]: e.detail.value })}
          />
          <View className='voice-chips voice-action'>
            <Text
              className={`voice-chip opinion-publish ${publish[o.id] ? 'voice-chip--on' : ''}`}
              onClick={() => setPublish({ ...publish, [o.id]: !publish[o.id] })}
            >
              {publish[o.id] ? '✓ 公开问答（不显示提问人）' : '公开问答（不显示提问人）'}
            </Text>
          </View>
          <Button className='primary-button' disabled={busy !== '' || (drafts[o.id] ?? '').trim().length < 2 || undefined} onClick={() => void submit(o.id)}>
            {busy === o.id ? '正在提交…' : '提交答复'}
          </Button>
        </View>
      ))}
    </View>
  );
}
