import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Input, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Chips } from '../../../../components/form-kit';
import {
  BOOKING_HORIZON_DAYS,
  CATEGORY_NAMES,
  CHANGE_CUTOFF_MINUTES,
  COMMON_QUESTIONS,
  CONSULT_CATEGORIES,
  MODE_NAMES,
  offPeakFirst,
  slotPreference,
  type ConsultCategory,
  type ConsultMode,
} from '../../../../../types/consult-labels';
import type { Booking, Slot } from '../../../../../types/consult';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { askToNotify } from '../../../../lib/subscribe';
import { Hotline } from '../../components/hotline';
import { dayRange, nextDays } from '../../lib/format';
import { PAGES } from '../../../../../types/pages';
import '../../lib/consult.css';
import './index.css';
import { clockTime, dayTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; slots: Slot[] };

/** A slot that starts within the change cut-off: once booked it can no longer be cancelled or moved by the rider. */
const lateToChange = (start: string, now = Date.now()) => Date.parse(start) - now <= CHANGE_CUTOFF_MINUTES * 60_000;

const asCategory = (value: string | undefined): ConsultCategory => CONSULT_CATEGORIES.find((c) => c === value) ?? 'law';

/**
 * Booking: a day strip and the day's free slots (riders' off-peak hours first), then mode, one line about the
 * problem (or a common question) and whether to stay anonymous. With `move`, the chosen slot replaces a booking's.
 */
export default function BookPage() {
  const { params } = useRouter();
  const category = asCategory(params.category);
  const moving = params.move ? decodeURIComponent(params.move) : undefined;
  const days = useMemo(() => nextDays(Date.now(), BOOKING_HORIZON_DAYS), []);
  // 改约 opens on the booking's own day (when it is still bookable), else today.
  const [day, setDay] = useState(days.find((d) => d.day === params.day)?.day ?? days[0]?.day ?? '');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [picked, setPicked] = useState<Slot | null>(null);
  const [mode, setMode] = useState<ConsultMode | null>(null);
  const [topic, setTopic] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<Booking | null>(null);

  const fetchDay = useCallback(async () => {
    setLoad({ kind: 'loading' });
    setPicked(null);
    try {
      const out = await api.consult.slots({ category, ...dayRange(day), limit: 100 });
      setLoad({ kind: 'ready', slots: offPeakFirst(out.slots) });
    } catch (e) {
      setLoad({ kind: 'error', message: errorText(e) });
    }
  }, [category, day]);

  useEffect(() => {
    void fetchDay();
  }, [fetchDay]);

  const pick = (slot: Slot) => {
    setPicked(slot);
    setError('');
    if (!mode || !slot.modes.includes(mode)) setMode(slot.modes[0] ?? null);
  };

  const submit = async () => {
    if (busy || !picked) return;
    setBusy(true);
    setError('');
    // WeChat asks for consent to the reminder on the tap itself; a refusal changes nothing (the inbox always has it).
    await askToNotify(['consultBooking', 'consultReminder', 'caseUpdate']);
    try {
      const out = moving
        ? await api.consult.reschedule({ bookingId: moving, slotId: picked.id })
        : await api.consult.book({
            slotId: picked.id,
            category,
            mode: mode ?? picked.modes[0] ?? 'phone',
            topic: topic.trim() || `${CATEGORY_NAMES[category]}咨询`,
            anonymous,
          });
      setDone(out.booking);
    } catch (e) {
      setError(errorText(e, '网络不给力，预约失败，请重试'));
      void fetchDay();
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className='page book-page'>
        <View className='consult-card book-page__done'>
          <Text className='consult-card__title'>{moving ? '已改约' : '预约成功'}</Text>
          <Text className='consult-row__title'>{dayTime(done.start)}</Text>
          <Text className='consult-row__sub'>
            {CATEGORY_NAMES[done.category]} · {MODE_NAMES[done.mode]} · {done.counsellor.name}
          </Text>
          <Text className='consult-hint'>开始前会提醒你；最晚开始前 1 小时可以取消或改约。</Text>
        </View>
        <Hotline />
        <View className='bottom-bar'>
          <Button className='primary-button' onClick={() => void Taro.redirectTo({ url: PAGES.consult.mine })}>
            查看我的预约
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page book-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>
          {moving ? '改约到：' : ''}
          {CATEGORY_NAMES[category]}咨询 · 选时间
        </Text>
        <ScrollView scrollX className='book-page__days'>
          {days.map((d) => (
            <View key={d.day} className={`book-page__day ${d.day === day ? 'book-page__day--on' : ''}`} onClick={() => setDay(d.day)}>
              <Text className='book-page__weekday'>{d.weekday}</Text>
              <Text className='book-page__date'>{d.label}</Text>
            </View>
          ))}
        </ScrollView>
        {load.kind === 'loading' ? <StateView kind='loading' /> : null}
        {load.kind === 'error' ? <StateView kind='error' message={load.message} onRetry={() => void fetchDay()} /> : null}
        {load.kind === 'ready' && load.slots.length === 0 ? <StateView kind='empty' message='这一天没有空闲时段，换一天看看' /> : null}
        {load.kind === 'ready' && load.slots.length > 0 ? (
          <View className='consult-grid'>
            {load.slots.map((s) => (
              <View key={s.id} className={`consult-chip book-page__slot ${picked?.id === s.id ? 'consult-chip--on' : ''}`} onClick={() => pick(s)}>
                <Text className='book-page__slot-time'>
                  {clockTime(s.start)}–{clockTime(s.end)}
                </Text>
                <Text className='book-page__slot-who'>
                  {s.counsellor.name}
                  {slotPreference(s.start) < 2 ? ' · 推荐' : ''}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
        <Text className='consult-hint'>推荐时段避开送餐高峰：下午 14:00–17:00 和晚上 20:00 以后。</Text>
      </View>

      {picked && !moving ? (
        <View className='consult-card'>
          <Text className='consult-card__title'>咨询方式</Text>
          <View className='consult-grid'>
            {picked.modes.map((m) => (
              <View key={m} className={`consult-chip ${mode === m ? 'consult-chip--on' : ''}`} onClick={() => setMode(m)}>
                {MODE_NAMES[m]}
              </View>
            ))}
          </View>
          <Text className='consult-card__title book-page__gap'>想聊什么（一句话，可不填）</Text>
          <View className='consult-grid'>
            {COMMON_QUESTIONS[category].map((q) => (
              <View key={q} className={`consult-chip consult-chip--wide ${topic === q ? 'consult-chip--on' : ''}`} onClick={() => setTopic(q)}>
                {q}
              </View>
            ))}
          </View>
          <Input
            className='consult-input'
            value={topic}
            maxlength={100}
            placeholder={`不填就写“${CATEGORY_NAMES[category]}咨询”`}
            onInput={(e) => setTopic(e.detail.value)}
          />
          <Chips
            className='consult-anonymous'
            options={[{ value: 'anonymous', label: anonymous ? '✓ 对咨询师匿名' : '对咨询师匿名' }]}
            selected={anonymous ? ['anonymous'] : []}
            onToggle={() => setAnonymous(!anonymous)}
          />
        </View>
      ) : null}

      {picked && lateToChange(picked.start) ? (
        <View className='notice book-page__late'>这个时段 1 小时内就开始，约了以后不能再取消或改约；有变化请拨打 12355。</View>
      ) : null}

      {error ? <Text className='consult-error'>{error}</Text> : null}

      <View className='bottom-bar'>
        <Button className='primary-button' disabled={!picked || busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : picked ? `${moving ? '改约到' : '预约'} ${dayTime(picked.start)}` : '先选一个时段'}
        </Button>
      </View>
    </View>
  );
}
