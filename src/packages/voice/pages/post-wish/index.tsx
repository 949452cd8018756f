import { useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { WISH_FOR, WISH_FOR_NAMES, WISH_TEXT_MAX, type WishFor } from '../../../../../types/voice-labels';
import { uploadPhoto } from '../../../../api/files';
import { api } from '../../../../api';
import { PAGES } from '../../../../../types/pages';
import { HomeCommitteeGate, SentScreen, useHomeCommittee } from '../../lib/screens';
import '../../lib/voice.css';
import { errorText } from '../../../../lib/error-text';

const PRESETS: Record<WishFor, string[]> = {
  self: ['想要一个新头盔', '想要一件冬天的骑行雨衣', '想回老家看看父母'],
  child: ['孩子想要一个新书包', '孩子想要一套课外书', '想带孩子去一次科技馆'],
};

/** A rider posts a small wish; the committee reviews it and publishes it without the rider's name. */
export default function PostWishPage() {
  const gate = useHomeCommittee();
  const [forWhom, setForWhom] = useState<WishFor>('self');
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  if (gate.state.kind !== 'ready' || !gate.state.hasOrg) return <HomeCommitteeGate gate={gate} doing='许心愿' />;
  if (done) return <SentScreen title='心愿已提交，等待团委审核' sub='发布到心愿墙时不会显示你的名字' next='查看我的心愿' url={PAGES.voice.wishes} />;

  const takePhoto = async () => {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      if (res.tempFilePaths[0]) setPhoto(res.tempFilePaths[0]);
    } catch {
      // Cancelled: nothing to do.
    }
  };

  const submit = async () => {
    if (busy) return;
    const wish = text.trim();
    if (wish.length < 4) return setError('请用至少 4 个字说说你的心愿');
    setBusy(true);
    setError('');
    try {
      const uploaded = photo ? await uploadPhoto(photo, 'wishes') : undefined;
      await api.voice.postWish({ forWhom, text: wish, ...(uploaded ? { photo: uploaded } : {}) });
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
        <Text className='voice-card__title'>心愿给谁</Text>
        <View className='voice-chips'>
          {WISH_FOR.map((f) => (
            <Text key={f} className={`voice-chip ${f === forWhom ? 'voice-chip--on' : ''}`} onClick={() => setForWhom(f)}>
              {WISH_FOR_NAMES[f]}
            </Text>
          ))}
        </View>
      </View>
      <View className='voice-card'>
        <Text className='voice-card__title'>我的心愿</Text>
        <View className='voice-chips'>
          {PRESETS[forWhom].map((p) => (
            <Text key={p} className='voice-chip' onClick={() => setText(p)}>
              {p}
            </Text>
          ))}
        </View>
        <Textarea
          className='voice-textarea wish-text'
          value={text}
          maxlength={WISH_TEXT_MAX}
          placeholder='说说你的小心愿（请不要写姓名和电话）'
          onInput={(e) => setText(e.detail.value)}
        />
        {photo ? <Image className='voice-photo' src={photo} mode='aspectFill' /> : null}
        <Button className='secondary-button voice-action' onClick={() => void takePhoto()}>
          {photo ? '换一张照片' : '加一张照片（可选）'}
        </Button>
      </View>
      {error ? <Text className='voice-error'>{error}</Text> : null}
      <View className='bottom-bar'>
        <Button className='primary-button' disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交心愿'}
        </Button>
      </View>
    </View>
  );
}
