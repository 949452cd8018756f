import { useCallback, useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MyWish, Wish } from '../../../../../types/voice';
import { WISH_FOR_NAMES, WISH_STATUS_NAMES } from '../../../../../types/voice-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/voice.css';
import { useLoad } from '../../../../lib/use-load';
import { errorText } from '../../../../lib/error-text';

const HELPER_ROLES = ['volunteer', 'staff', 'cadre', 'admin'];

function WishBody({ wish }: { wish: Wish }) {
  return (
    <View>
      <Text className={`voice-status voice-status--${wish.status}`}>{WISH_STATUS_NAMES[wish.status]}</Text>
      <Text className='voice-sub'>{WISH_FOR_NAMES[wish.forWhom]}</Text>
      <Text className='voice-text'>{wish.text}</Text>
      {wish.photo ? <Image className='voice-photo' src={wish.photo} mode='aspectFill' /> : null}
      {wish.claimedByName ? <Text className='voice-sub'>认领人：{wish.claimedByName}</Text> : null}
      {wish.thanks ? <Text className='voice-sub'>许愿人致谢：{wish.thanks}</Text> : null}
    </View>
  );
}

/** The wish wall (no wisher's name anywhere) and the rider's own wishes, followed from 待审核 to 已实现 and thanks. */
export default function WishesPage() {
  const [tab, setTab] = useState<'wall' | 'mine'>('wall');
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [thanks, setThanks] = useState<Record<string, string>>({});
  const fetch = useCallback(async () => {
    const [user, wall, mine] = await Promise.all([api.account.me(), api.voice.wishes({ limit: 50 }), api.voice.myWishes({})]);
    return { helper: user.user.roles.some((r) => HELPER_ROLES.includes(r)), wall: wall.wishes, mine: mine.wishes };
  }, []);
  const { state, load } = useLoad(fetch, { quiet: true });

  const act = async (id: string, run: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(id);
    setError('');
    try {
      await run();
      await load();
    } catch (e) {
      setError(errorText(e, '操作失败，请重试'));
    } finally {
      setBusy('');
    }
  };

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  const wallCard = (w: Wish) => (
    <View key={w.id} className='voice-card wish-card'>
      <WishBody wish={w} />
      {state.helper && w.status === 'published' ? (
        <Button
          className='primary-button voice-action'
          disabled={busy !== '' || undefined}
          onClick={() => void act(w.id, () => api.voice.claimWish({ wishId: w.id }))}
        >
          认领这个心愿
        </Button>
      ) : null}
      {w.claimedByMe && w.status === 'claimed' ? (
        <Button
          className='primary-button voice-action'
          disabled={busy !== '' || undefined}
          onClick={() => void act(w.id, () => api.voice.fulfilWish({ wishId: w.id }))}
        >
          心愿已实现
        </Button>
      ) : null}
    </View>
  );

  const mineCard = (w: MyWish) => (
    <View key={w.id} className='voice-card wish-card'>
      <WishBody wish={w} />
      <Text className='voice-sub'>提交于 {w.createdAt.slice(0, 10)}</Text>
      {w.status === 'pending' || w.status === 'needs-info' || w.status === 'rejected' ? (
        <Button className='secondary-button voice-action' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reviewItem.detail, { id: w.reviewId }) })}>
          查看审核进度
        </Button>
      ) : null}
      {w.status === 'fulfilled' && !w.thanks ? (
        <View>
          <Textarea
            className='voice-textarea voice-action wish-thanks'
            value={thanks[w.id] ?? ''}
            maxlength={200}
            placeholder='对帮你实现心愿的人说声谢谢'
            onInput={(e) => setThanks({ ...thanks, [w.id]: e.detail.value })}
          />
          <Button
            className='primary-button voice-action'
            disabled={busy !== '' || (thanks[w.id] ?? '').trim().length < 2 || undefined}
            onClick={() => void act(w.id, () => api.voice.thankWish({ wishId: w.id, message: (thanks[w.id] ?? '').trim() }))}
          >
            说声谢谢
          </Button>
        </View>
      ) : null}
    </View>
  );

  const list = tab === 'wall' ? state.wall : state.mine;
  return (
    <View className='page'>
      <View className='voice-tabs'>
        <Text className={`voice-tab ${tab === 'wall' ? 'voice-tab--on' : ''}`} onClick={() => setTab('wall')}>
          心愿墙
        </Text>
        <Text className={`voice-tab ${tab === 'mine' ? 'voice-tab--on' : ''}`} onClick={() => setTab('mine')}>
          我的心愿
        </Text>
      </View>
      {error ? <Text className='voice-error'>{error}</Text> : null}
      {list.length === 0 ? (
        <StateView kind='empty' message={tab === 'wall' ? '心愿墙上还没有心愿' : '你还没有许过心愿'} onRetry={() => void load()} />
      ) : tab === 'wall' ? (
        state.wall.map(wallCard)
      ) : (
        state.mine.map(mineCard)
      )}
      <View className='bottom-bar'>
        <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: PAGES.voice.postWish })}>
          许个心愿
        </Button>
      </View>
    </View>
  );
}
