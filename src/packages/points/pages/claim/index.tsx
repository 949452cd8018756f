import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CLAIM_KIND_LABELS, type ClaimKind } from '../../../../../types/points-labels';
import { api } from '../../../../api';
import { uploadPhoto } from '../../../../api/files';
import { PlacePicker } from '../../../../components/place-picker';
import { StateView } from '../../../../components/state-view';
import type { Place } from '../../../../lib/location';
import { PAGES, pageLink } from '../../../../../types/pages';
import { askToNotify } from '../../../../lib/subscribe';
import '../../lib/points.css';
import './index.css';
import { errorText } from '../../../../lib/error-text';

interface KindChoice {
  kind: ClaimKind;
  hint: string;
  presets: string[];
}

const KINDS: [KindChoice, ...KindChoice[]] = [
  { kind: 'errand', hint: '为老人邻居跑腿办事', presets: ['帮独居老人代买药品', '帮老人代缴水电费', '帮邻居代取快递'] },
  { kind: 'hazard', hint: '需要照片和位置', presets: ['井盖缺失或破损', '路面塌陷积水', '路灯不亮', '电动车违规充电'] },
  { kind: 'event', hint: '参加团委组织的活动', presets: ['参加志愿服务活动', '参加安全骑行培训'] },
];

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'no-org' } | { kind: 'ready' };
/** The claim's description, with the place in the rider's words after it (the cadre reads both). */
function describe(text: string, place: Place | null): string {
  const where = place?.address.trim();
  return where ? `${text}（地点：${where}）`.slice(0, 500) : text;
}

/** A rider claims points for an errand, a hazard report or an event; a cadre of their committee reviews it. */
export default function ClaimPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [kind, setKind] = useState<ClaimKind>('errand');
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [reviewId, setReviewId] = useState<string | null>(null);

  const check = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const { user } = await api.account.me();
      setLoad(user.orgId ? { kind: 'ready' } : { kind: 'no-org' });
    } catch (e) {
      setLoad({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void check()} />;
  if (load.kind === 'no-org') {
    return (
      <View className='page claim-page'>
        <StateView kind='empty' message='申领积分前，请先在“我的”里选择所属团委' />
        <View className='bottom-bar'>
          <Button className='primary-button' onClick={() => void Taro.switchTab({ url: PAGES.me })}>
            去“我的”选择团委
          </Button>
        </View>
      </View>
    );
  }

  if (reviewId) {
    return (
      <View className='page claim-page'>
        <View className='claim-page__done'>
          <Text className='claim-page__done-title'>已提交，等待团委审核</Text>
          <Text className='claim-page__done-hint'>审核通过后积分自动到账，结果会通知你</Text>
        </View>
        <View className='bottom-bar'>
          <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reviewItem.detail, { id: reviewId }) })}>
            查看审核进度
          </Button>
        </View>
      </View>
    );
  }

  const pickKind = (next: ClaimKind) => {
    setKind(next);
    setError('');
  };

  const takePhoto = async () => {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      const path = res.tempFilePaths[0];
      if (!path) return;
      setPhoto(path);
      setError('');
    } catch {
      // Cancelled: nothing to do.
    }
  };

  const submit = async () => {
    if (busy) return;
    const text = description.trim();
    if (text.length < 4) return setError('请用至少 4 个字说明情况');
    if (kind === 'hazard' && !photo) return setError('隐患上报需要一张照片');
    if (kind === 'hazard' && !place) return setError('隐患上报需要位置，请在地图上选择隐患所在的位置');
    setError('');
    setBusy(true);
    await askToNotify(['reviewDecided']);
    try {
      const photos = photo ? [await uploadPhoto(photo, kind === 'hazard' ? 'hazards' : 'claims')] : undefined;
      const out = await api.points.claim({
        kind,
        description: kind === 'hazard' ? describe(text, place) : text,
        ...(kind === 'hazard' && place ? { location: place.location } : {}),
        ...(photos ? { photos } : {}),
      });
      setReviewId(out.reviewId);
    } catch (e) {
      setError(errorText(e, '网络不给力，提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0];

  return (
    <View className='page claim-page'>
      <View className='points-card'>
        <Text className='points-card__title'>申领类型</Text>
        {KINDS.map((k) => (
          <View key={k.kind} className={`claim-page__kind ${k.kind === kind ? 'claim-page__kind--on' : ''}`} onClick={() => pickKind(k.kind)}>
            <Text className='claim-page__kind-title'>{CLAIM_KIND_LABELS[k.kind]}</Text>
            <Text className='claim-page__kind-hint'>{k.hint}</Text>
          </View>
        ))}
      </View>

      <View className='points-card'>
        <Text className='points-card__title'>情况说明</Text>
        <View className='claim-page__presets'>
          {current.presets.map((p) => (
            <Text key={p} className='claim-page__preset' onClick={() => setDescription(p)}>
              {p}
            </Text>
          ))}
        </View>
        <Textarea
          className='claim-page__description'
          value={description}
          maxlength={500}
          placeholder='简单说说做了什么、在哪里（至少 4 个字）'
          onInput={(e) => setDescription(e.detail.value)}
        />
      </View>

      <View className='points-card'>
        <Text className='points-card__title'>{kind === 'hazard' ? '照片' : '照片（选填，可作为凭证）'}</Text>
        {photo ? <Image className='claim-page__photo' src={photo} mode='aspectFill' /> : null}
        <Button className='secondary-button claim-page__action' onClick={() => void takePhoto()}>
          {photo ? '重拍照片' : '拍照'}
        </Button>
        {kind === 'hazard' ? (
          <>
            <Text className='points-card__title claim-page__place-title'>隐患位置</Text>
            <PlacePicker value={place} onChange={setPlace} locateFirst withAddress />
          </>
        ) : null}
      </View>

      {error ? <Text className='points-error claim-page__error'>{error}</Text> : null}

      <View className='bottom-bar'>
        <Button className='primary-button' disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交申领'}
        </Button>
      </View>
    </View>
  );
}
