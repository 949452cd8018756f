import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { OPINION_AREA_NAMES, OPINION_AREAS, OPINION_TEXT_MAX, type OpinionArea } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { PAGES } from '../../../../../types/pages';
import { HomeCommitteeGate, SentScreen, useHomeCommittee } from '../../lib/screens';
import '../../lib/voice.css';
import { errorText } from '../../../../lib/error-text';

/** A rider sends an opinion or request in one of nine areas, anonymously if they wish. */
export default function SendOpinionPage() {
  const gate = useHomeCommittee();
  const [area, setArea] = useState<OpinionArea | null>(null);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  if (gate.state.kind !== 'ready' || !gate.state.hasOrg) return <HomeCommitteeGate gate={gate} doing='递语' />;
  if (done)
    return (
      <SentScreen
        title='已送达团委'
        sub={anonymous ? '你选择了匿名，团委看不到你的名字' : '团委答复后会通知你'}
        next='查看我的递语'
        url={PAGES.voice.opinions}
      />
    );

  const submit = async () => {
    if (busy) return;
    if (!area) return setError('请先选择一个方面');
    if (text.trim().length < 4) return setError('请用至少 4 个字说说你的想法');
    setBusy(true);
    setError('');
    try {
      await api.voice.sendOpinion({ area, text: text.trim(), anonymous });
      setDone(true);
    } catch (e) {
      setError(errorText(e, '网络不给力，提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page'>
      <View className='voice-card'>
        <Text className='voice-card__title'>想说哪方面</Text>
        <View className='voice-chips'>
          {OPINION_AREAS.map((a) => (
            <Text key={a} className={`voice-chip ${a === area ? 'voice-chip--on' : ''}`} onClick={() => setArea(a)}>
              {OPINION_AREA_NAMES[a]}
            </Text>
          ))}
        </View>
      </View>
      <View className='voice-card'>
        <Text className='voice-card__title'>你的意见或诉求</Text>
        <Textarea
          className='voice-textarea opinion-text'
          value={text}
          maxlength={OPINION_TEXT_MAX}
          placeholder='遇到了什么难处，希望团委帮什么忙'
          onInput={(e) => setText(e.detail.value)}
        />
        <View className='voice-chips voice-action'>
          <Text className={`voice-chip opinion-anonymous ${anonymous ? 'voice-chip--on' : ''}`} onClick={() => setAnonymous(!anonymous)}>
            {anonymous ? '✓ 匿名提交' : '匿名提交'}
          </Text>
        </View>
        <Text className='voice-sub'>{anonymous ? '团委看不到你的名字，答复只有你能在“我的递语”看到' : '团委会看到你的名字'}</Text>
      </View>
      {error ? <Text className='voice-error'>{error}</Text> : null}
      <View className='bottom-bar'>
        <Button className='primary-button' disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交递语'}
        </Button>
      </View>
    </View>
  );
}
