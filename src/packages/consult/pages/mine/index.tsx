import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { BOOKING_STATUS_NAMES, CASE_STATUS_NAMES, CATEGORY_NAMES, MODE_NAMES } from '../../../../../types/consult-labels';
import type { Booking } from '../../../../../types/consult';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';
import { dayTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

const fetchMine = async () => {
  const [b, c] = await Promise.all([api.consult.mine({ limit: 50 }), api.consult.cases({ scope: 'mine', limit: 50 })]);
  return { bookings: b.bookings, cases: c.cases };
};

const changeable = (b: Booking) => b.status === 'booked' && b.changeableUntil !== undefined && Date.parse(b.changeableUntil) >= Date.now();

/** The rider's bookings (cancel or move up to an hour before) and cases (number, status). */
export default function MinePage() {
  const { state, load } = useLoad(useCallback(fetchMine, []));
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (state.kind === 'ready') void load();
  });

  const doCancel = async (b: Booking) => {
    const answer = await Taro.showModal({ title: '取消预约', content: `取消 ${dayTime(b.start)} 的咨询？`, confirmText: '取消预约', cancelText: '再想想' });
    if (!answer.confirm) return;
    setBusy(b.id);
    try {
      await api.consult.cancel({ bookingId: b.id });
      void Taro.showToast({ title: '已取消', icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '取消失败，请重试'), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  return (
    <View className='page mine-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>我的预约</Text>
        {state.bookings.length === 0 ? <StateView kind='empty' message='还没有预约，回到 12355 咨询选一个话题吧' /> : null}
        {state.bookings.map((b) => (
          <View key={b.id} className='consult-row'>
            <Text className='consult-row__title'>
              {dayTime(b.start)}
              <Text className={`consult-status consult-status--${b.status}`}>{BOOKING_STATUS_NAMES[b.status]}</Text>
            </Text>
            <Text className='consult-row__sub'>
              {CATEGORY_NAMES[b.category]} · {MODE_NAMES[b.mode]} · {b.counsellor.name}
              {b.anonymous ? ' · 匿名' : ''}
            </Text>
            {b.topic ? <Text className='consult-row__sub'>问题：{b.topic}</Text> : null}
            {b.summary ? <Text className='consult-row__sub'>咨询小结：{b.summary}</Text> : null}
            {changeable(b) ? (
              <View className='consult-row__actions'>
                <Button
                  className='secondary-button'
                  onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.consult.book, { category: b.category, move: b.id, day: b.start.slice(0, 10) }) })}
                >
                  改约
                </Button>
                <Button className='secondary-button' disabled={busy === b.id || undefined} onClick={() => void doCancel(b)}>
                  取消
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <View className='consult-card'>
        <Text className='consult-card__title'>我的个案</Text>
        {state.cases.length === 0 ? <Text className='consult-hint'>没有转为个案的咨询</Text> : null}
        {state.cases.map((c) => (
          <View key={c.id} className='consult-link' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.consult.case, { id: c.id }) })}>
            <Text>
              {c.number} · {CATEGORY_NAMES[c.category]}
              <Text className={`consult-status consult-status--${c.status}`}>{CASE_STATUS_NAMES[c.status]}</Text>
            </Text>
            <Text>›</Text>
          </View>
        ))}
      </View>
      <View className='consult-card'>
        <View className='consult-link' onClick={() => void Taro.navigateTo({ url: PAGES.consult.privacy })}>
          <Text>谁看过我的咨询记录</Text>
          <Text>›</Text>
        </View>
      </View>
    </View>
  );
}
