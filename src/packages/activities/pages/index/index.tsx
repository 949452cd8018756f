import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, CAMPAIGN_KIND_LABELS, MEAL_STATUS_LABELS, SIGNUP_STATUS_LABELS } from '../../../../../types/activities-labels';
import type { Activity, Campaign, MealBooking, MealWindowView, MySignup } from '../../../../../types/activities';
import { api } from '../../../../api';
import { formatDistance } from '../../../../components/format-distance';
import { StateView } from '../../../../components/state-view';
import { locate } from '../../../../lib/location';
import { PAGES } from '../../../../../types/pages';
import { errorText, isFinal } from '../../../../lib/error-text';
import { clockTime, dayLabel } from '../../../../lib/time-format';
import '../../lib/activities.css';

type Tab = 'activities' | 'meals' | 'packs';
interface MealPlace {
  stationId: string;
  name: string;
  distanceM: number;
  windows: MealWindowView[];
}
interface Data {
  activities: Activity[];
  signups: Map<string, MySignup>;
  meals: MealPlace[];
  booking?: MealBooking;
  campaigns: Campaign[];
}
type State = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | ({ kind: 'ready' } & Data);

const TABS: { id: Tab; label: string }[] = [
  { id: 'activities', label: '活动' },
  { id: 'meals', label: '爱心餐' },
  { id: 'packs', label: '关爱礼包' },
];

async function fetchAll(): Promise<Data> {
  const { location } = await locate();
  const at = { lat: location.lat, lng: location.lng };
  const [week, mine, near, meal, packs] = await Promise.all([
    api.activities.list(at),
    api.activities.mine({}),
    api.stations.nearby({ ...at, radiusM: 20_000 }),
    api.activities.myMeal({}),
    api.activities.campaigns(at),
  ]);
  const serving = near.stations.filter((s) => (s.meals ?? []).some((w) => (w.quota ?? 0) > 0)).slice(0, 5);
  const meals = await Promise.all(
    serving.map(async (s) => ({
      stationId: s.id,
      name: s.mealPartner || s.name,
      distanceM: s.distanceM,
      windows: (await api.activities.meals({ stationId: s.id })).windows,
    })),
  );
  return {
    activities: week.activities,
    signups: new Map(mine.signups.map((s) => [s.activityId, s])),
    meals,
    ...(meal.booking ? { booking: meal.booking } : {}),
    campaigns: packs.campaigns,
  };
}

const gives = (a: Activity) =>
  [a.gives.points > 0 ? `${a.gives.points} 积分` : '', a.gives.certificate ? '证书' : '', a.gives.pack ? '礼包' : ''].filter(Boolean).join(' · ');

/** What is on this week, today's free meals and where care packs are left; sign up or book in two taps. */
export default function ActivitiesPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tab, setTab] = useState<Tab>('activities');
  const [day, setDay] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', ...(await fetchAll()) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  const act = async (confirmText: string, run: () => Promise<string>) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({ title: '请确认', content: confirmText, confirmText: '确定', cancelText: '再想想' });
    if (!confirm) return;
    setBusy(true);
    try {
      const done = await run();
      void Taro.showToast({ title: done, icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: errorText(e, '网络不给力，请稍后重试'), showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  const days = [...new Set(state.activities.map((a) => a.start.slice(0, 10)))];
  const shown = state.activities.filter((a) => day === null || a.start.startsWith(day));

  return (
    <View className='page activities-page'>
      <View className='act-card'>
        <Text className='act-card__sub'>到场后向工作人员出示你的签到码，即可签到、领餐、领礼包。</Text>
        <Button className='primary-button act-button' onClick={() => void Taro.navigateTo({ url: PAGES.code.show })}>
          出示我的签到码
        </Button>
      </View>
      <View className='act-tabs' role='tablist'>
        {TABS.map((t) => (
          <View key={t.id} role='tab' aria-selected={tab === t.id} className={`act-tab ${tab === t.id ? 'act-tab--on' : ''}`} onClick={() => setTab(t.id)}>
            {t.label}
          </View>
        ))}
      </View>

      {tab === 'activities' ? (
        <View>
          <View className='act-days'>
            <View role='button' className={`act-day ${day === null ? 'act-day--on' : ''}`} onClick={() => setDay(null)}>
              本周全部
            </View>
            {days.map((d) => (
              <View key={d} role='button' className={`act-day ${day === d ? 'act-day--on' : ''}`} onClick={() => setDay(d)}>
                {dayLabel(d)}
              </View>
            ))}
          </View>
          {shown.length === 0 ? <StateView kind='empty' message='本周附近暂时没有活动' onRetry={() => void load()} /> : null}
          {shown.map((a) => {
            const mine = state.signups.get(a.id);
            const held = mine && mine.status !== 'cancelled';
            return (
              <View key={a.id} className='act-card activity-card'>
                <Text className='act-kind'>{ACTIVITY_KIND_LABELS[a.kind]}</Text>
                <Text className='act-card__title'>{a.title}</Text>
                <Text className='act-card__sub'>
                  {dayLabel(a.start.slice(0, 10))} {clockTime(a.start)}–{clockTime(a.end)}
                </Text>
                <Text className='act-card__sub'>
                  {a.venue.name}
                  {a.distanceM !== undefined ? ` · ${formatDistance(a.distanceM)}` : ''}
                </Text>
                <Text className='act-card__sub'>
                  {a.seatsLeft > 0 ? `剩余 ${a.seatsLeft} 个名额` : `名额已满 · ${a.waitlisted} 人候补`}
                  {gives(a) ? ` · 可得 ${gives(a)}` : ''}
                </Text>
                {held ? (
                  <Text className={`act-status ${mine.status === 'waitlisted' ? 'act-status--wait' : ''}`}>
                    {mine.attendedAt ? '已签到' : SIGNUP_STATUS_LABELS[mine.status]}
                    {mine.position ? ` · 第 ${mine.position} 位` : ''}
                  </Text>
                ) : (
                  <Button
                    className='primary-button act-button act-signup'
                    disabled={busy || undefined}
                    onClick={() =>
                      void act(`报名「${a.title}」？`, async () =>
                        (await api.activities.signUp({ activityId: a.id })).signup.status === 'confirmed' ? '报名成功' : '已候补',
                      )
                    }
                  >
                    {a.seatsLeft > 0 ? '报名' : '排队候补'}
                  </Button>
                )}
                {held && !mine.attendedAt ? (
                  <Button
                    className='secondary-button act-button'
                    disabled={busy || undefined}
                    onClick={() => void act(`取消「${a.title}」的报名？`, async () => (await api.activities.cancel({ activityId: a.id }), '已取消'))}
                  >
                    取消报名
                  </Button>
                ) : null}
              </View>
            );
          })}
        </View>
      ) : null}

      {tab === 'meals' ? (
        <View>
          {state.booking ? (
            <View className='act-card meal-booking'>
              <Text className='act-card__title'>今天的爱心餐</Text>
              <Text className='act-card__sub'>
                {state.booking.stationName} · {state.booking.window.start}–{state.booking.window.end}
              </Text>
              <Text className='act-status'>{MEAL_STATUS_LABELS[state.booking.status]}</Text>
              {state.booking.status === 'booked' ? (
                <Button
                  className='secondary-button act-button'
                  disabled={busy || undefined}
                  onClick={() => void act('取消今天的爱心餐预订？', async () => (await api.activities.cancelMeal({}), '已取消'))}
                >
                  取消预订
                </Button>
              ) : null}
            </View>
          ) : null}
          {state.meals.length === 0 ? <StateView kind='empty' message='附近暂时没有提供爱心餐的驿站' onRetry={() => void load()} /> : null}
          {state.meals.map((m) => (
            <View key={m.stationId} className='act-card meal-place'>
              <Text className='act-card__title'>{m.name}</Text>
              <Text className='act-card__sub'>{formatDistance(m.distanceM)} · 每人每天一份</Text>
              {m.windows.map((w) => {
                const canBook =
                  w.state !== 'closed' && w.left > 0 && (!state.booking || state.booking.status === 'cancelled' || state.booking.status === 'lapsed');
                return (
                  <View key={w.index} className='act-row'>
                    <Text className='act-row__main'>
                      {w.start}–{w.end} · {w.state === 'closed' ? '已结束' : `${w.state === 'open' ? '供餐中 · ' : ''}还剩 ${w.left} 份`}
                    </Text>
                    {canBook ? (
                      <Button
                        className='primary-button act-book'
                        disabled={busy || undefined}
                        onClick={() =>
                          void act(
                            `预订 ${m.name} ${w.start}–${w.end} 的爱心餐？`,
                            async () => (await api.activities.bookMeal({ stationId: m.stationId, window: w.index }), '预订成功'),
                          )
                        }
                      >
                        预订
                      </Button>
                    ) : null}
                  </View>
                );
              })}
            </View>
          ))}
        </View>
      ) : null}

      {tab === 'packs' ? (
        <View>
          {state.campaigns.length === 0 ? <StateView kind='empty' message='暂时没有正在发放的关爱礼包' onRetry={() => void load()} /> : null}
          {state.campaigns.map((c) => (
            <View key={c.id} className='act-card campaign-card'>
              <Text className='act-kind'>{CAMPAIGN_KIND_LABELS[c.kind]}</Text>
              <Text className='act-card__title'>{c.title}</Text>
              <Text className='act-card__sub'>{c.received ? '你已领取' : `每人一份${c.verifiedOnly ? '，限已认证骑手' : ''}，到驿站出示签到码领取`}</Text>
              {c.stations.map((s) => (
                <View key={s.stationId} className='act-row'>
                  <Text className='act-row__main'>
                    {s.name}
                    {s.distanceM !== undefined ? ` · ${formatDistance(s.distanceM)}` : ''} · {s.left > 0 ? `剩 ${s.left} 份` : '已发完'}
                  </Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
