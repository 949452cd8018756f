import { useCallback, useState } from 'react';
import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BOOKING_STATUS_NAMES, CATEGORY_NAMES, MODE_NAMES } from '../../../../../types/consult-labels';
import type { Booking, OwnSlot } from '../../../../../types/consult';
import { api } from '../../../../api';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';
import { clockTime, dayTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const LENGTHS = [30, 45, 60];

const fetchAgenda = async () => {
  const [a, t, own] = await Promise.all([api.consult.agenda({}), api.orgs.tree(), api.consult.mySlots({})]);
  return { bookings: a.bookings, counsellor: a.counsellor, choices: orgChoices(t.orgs), slots: own.slots };
};

/** Slots start on the quarter hour: a picked 18:03 becomes 18:00. */
export function toQuarter(clock: string): string {
  const [h, m] = clock.split(':').map(Number);
  const minutes = Math.min(23 * 60 + 45, Math.round(((h ?? 0) * 60 + (m ?? 0)) / 15) * 15);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO weekday (1 = Monday) of a slot's Shanghai day. */
const weekdayOfSlot = (slot: OwnSlot) => {
  const d = new Date(`${slot.start.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** The template opens on weekdays the counsellor has no slots on yet, so publishing it as it opens fills free time. */
function freeWeekdays(own: OwnSlot[]): number[] {
  const taken = new Set(own.map(weekdayOfSlot));
  const free = [1, 2, 3, 4, 5, 6, 7].filter((d) => !taken.has(d));
  return (free.filter((d) => d <= 5).length >= 2 ? free.filter((d) => d <= 5) : free).slice(0, 2);
}

type Acting = { booking: Booking; what: 'complete' | 'escalate' } | null;

/** A counsellor's agenda (topic and phone in clear), with done / escalate, and publishing a week of slots. */
export default function AgendaPage() {
  const { state, load } = useLoad(useCallback(fetchAgenda, []));
  const [acting, setActing] = useState<Acting>(null);
  const [summary, setSummary] = useState('');
  const [orgIndex, setOrgIndex] = useState<number | null>(null);
  const [days, setDays] = useState<number[] | null>(null);
  const [from, setFrom] = useState('14:00');
  const [to, setTo] = useState('17:00');
  const [minutes, setMinutes] = useState(30);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const { bookings, counsellor, choices, slots: own } = state;
  const shownDays = days ?? freeWeekdays(own);
  const upcomingFree = own.filter((sl) => !sl.booked && Date.parse(sl.start) > Date.now());
  const defaultOrg = Math.max(
    0,
    choices.findIndex((c) => c.id === counsellor.orgId),
  );
  const org = choices[orgIndex ?? defaultOrg];

  const submit = async () => {
    if (!acting || busy) return;
    if (summary.trim().length < 2) return setError('请写几句小结（至少 2 个字）');
    setBusy(true);
    setError('');
    try {
      if (acting.what === 'complete') {
        await api.consult.complete({ bookingId: acting.booking.id, summary: summary.trim() });
        void Taro.showToast({ title: '已完成', icon: 'success' });
      } else {
        if (!org) return setError('请选择转交的团委');
        const out = await api.consult.escalate({ bookingId: acting.booking.id, summary: summary.trim(), orgId: org.id });
        void Taro.showToast({ title: `已转为个案 ${out.number}`, icon: 'none' });
      }
      setActing(null);
      setSummary('');
      await load();
    } catch (e) {
      setError(errorText(e, '提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (busy) return;
    if (shownDays.length === 0) return setError('请至少选择一天');
    setBusy(true);
    setError('');
    try {
      const out = await api.consult.publishSlots({
        template: { days: shownDays, from, to, minutes, weeks: 2, modes: ['phone', 'video', 'text', 'in-person'] },
      });
      void Taro.showToast({
        title: out.skipped ? `已发布 ${out.slots.length} 个时段，${out.skipped} 个与已有时段重叠已跳过` : `已发布 ${out.slots.length} 个时段`,
        icon: 'none',
      });
      setDays(null);
      await load();
    } catch (e) {
      setError(errorText(e, '发布失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const toggleDay = (d: number) => setDays(shownDays.includes(d) ? shownDays.filter((x) => x !== d) : [...shownDays, d].sort());

  const withdraw = async (slot: OwnSlot) => {
    if (busy) return;
    const answer = await Taro.showModal({
      title: '撤回时段',
      content: `撤回 ${dayTime(slot.start)} 的时段？骑手将不能再预约它。`,
      confirmText: '撤回',
      cancelText: '再想想',
    });
    if (!answer.confirm) return;
    setBusy(true);
    setError('');
    try {
      await api.consult.withdrawSlot({ slotId: slot.id });
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      await load();
    } catch (e) {
      setError(errorText(e, '撤回失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page agenda-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>我的日程（{counsellor.name}）</Text>
        <Text className='consult-hint'>问题描述和电话只有你能看到；每次查看都会记录并告知骑手。</Text>
        {bookings.length === 0 ? <StateView kind='empty' message='接下来两周还没有预约' /> : null}
        {bookings.map((b) => (
          <View key={b.id} className='consult-row'>
            <Text className='consult-row__title'>
              {dayTime(b.start)}
              <Text className={`consult-status consult-status--${b.status}`}>{BOOKING_STATUS_NAMES[b.status]}</Text>
            </Text>
            <Text className='consult-row__sub'>
              {CATEGORY_NAMES[b.category]} · {MODE_NAMES[b.mode]} · {b.anonymous ? '匿名骑手' : (b.riderName ?? '骑手')}
            </Text>
            {b.topic ? <Text className='consult-row__sub'>问题：{b.topic}</Text> : null}
            {b.phone ? (
              <View
                className='consult-row__sub phone-link'
                role='button'
                onClick={() => void Taro.makePhoneCall({ phoneNumber: b.phone ?? '' }).catch(() => undefined)}
              >
                电话：{b.phone}（点击拨打）
              </View>
            ) : null}
            {b.caseId ? (
              <View className='consult-link' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.consult.case, { id: b.caseId ?? '' }) })}>
                <Text>已转为个案，查看进展</Text>
                <Text>›</Text>
              </View>
            ) : null}
            {b.status === 'booked' ? (
              <View className='consult-row__actions'>
                {Date.parse(b.start) <= Date.now() ? (
                  <Button className='secondary-button' onClick={() => setActing({ booking: b, what: 'complete' })}>
                    完成
                  </Button>
                ) : null}
                {b.caseId ? null : (
                  <Button className='secondary-button' onClick={() => setActing({ booking: b, what: 'escalate' })}>
                    转为个案
                  </Button>
                )}
              </View>
            ) : null}
            {acting?.booking.id === b.id ? (
              <View className='agenda-page__form'>
                <Textarea
                  className='consult-textarea'
                  value={summary}
                  maxlength={1000}
                  placeholder={acting.what === 'complete' ? '咨询小结' : '需要团委协助的情况'}
                  onInput={(e) => setSummary(e.detail.value)}
                />
                {acting.what === 'escalate' ? (
                  <Picker
                    mode='selector'
                    range={choices.map((c) => c.label)}
                    value={orgIndex ?? defaultOrg}
                    onChange={(e) => setOrgIndex(Number(e.detail.value))}
                  >
                    <View className='consult-link'>
                      <Text>转交：{org?.label ?? '选择团委'}</Text>
                      <Text>›</Text>
                    </View>
                  </Picker>
                ) : null}
                <Button className='primary-button' disabled={busy || undefined} onClick={() => void submit()}>
                  {acting.what === 'complete' ? '标记完成' : '提交转为个案'}
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>

      <View className='consult-card agenda-page__slots'>
        <Text className='consult-card__title'>我发布的空闲时段</Text>
        {upcomingFree.length === 0 ? <Text className='consult-hint'>接下来两周没有空闲时段，可以在下面发布。</Text> : null}
        {upcomingFree.map((sl) => (
          <View key={sl.id} className='consult-row agenda-page__slot'>
            <Text className='consult-row__title'>
              {dayTime(sl.start)}–{clockTime(sl.end)}
            </Text>
            <Button className='secondary-button agenda-page__withdraw' disabled={busy || undefined} onClick={() => void withdraw(sl)}>
              撤回
            </Button>
          </View>
        ))}
      </View>

      <View className='consult-card'>
        <Text className='consult-card__title'>发布接下来两周的时段</Text>
        <Text className='consult-hint'>已有时段的时间会自动跳过，只发布空闲的时间。</Text>
        <View className='consult-grid'>
          {WEEKDAYS.map((w, i) => (
            <View
              key={w}
              className={`consult-chip ${shownDays.includes(i + 1) ? 'consult-chip--on' : ''}`}
              role='button'
              aria-pressed={shownDays.includes(i + 1)}
              onClick={() => toggleDay(i + 1)}
            >
              周{w}
            </View>
          ))}
        </View>
        <View className='consult-grid'>
          <Picker mode='time' value={from} onChange={(e) => setFrom(toQuarter(e.detail.value))}>
            <View className='consult-chip consult-chip--wide'>从 {from}</View>
          </Picker>
          <Picker mode='time' value={to} onChange={(e) => setTo(toQuarter(e.detail.value))}>
            <View className='consult-chip consult-chip--wide'>到 {to}</View>
          </Picker>
        </View>
        <View className='consult-grid'>
          {LENGTHS.map((m) => (
            <View key={m} className={`consult-chip ${minutes === m ? 'consult-chip--on' : ''}`} onClick={() => setMinutes(m)}>
              每次 {m} 分钟
            </View>
          ))}
        </View>
        <Button className='secondary-button' disabled={busy || undefined} onClick={() => void publish()}>
          发布时段
        </Button>
      </View>
      {error ? <Text className='consult-error'>{error}</Text> : null}
    </View>
  );
}
