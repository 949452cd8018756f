import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { scanQr } from '../../../../lib/scan-qr';
import { SIGNUP_STATUS_LABELS } from '../../../../../types/activities-labels';
import type { Activity, Campaign, RosterEntry } from '../../../../../types/activities';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { namedStations, staffStationIds, type StationChoice } from '../../../../lib/staff-stations';
import { errorText, isFinal } from '../../../../lib/error-text';
import { PAGES } from '../../../../../types/pages';
import { clockTime, dayLabel } from '../../../../lib/time-format';
import { publishesForCommittees } from '../../lib/organiser';
import '../../lib/activities.css';

type Target =
  { kind: 'activity'; activity: Activity } | { kind: 'meal'; station: StationChoice } | { kind: 'pack'; station: StationChoice; campaign: Campaign };
interface Choices {
  activities: Activity[];
  stations: StationChoice[];
  campaigns: Campaign[];
  /** Cadres and the admin also publish care-pack campaigns. */
  publishesCampaigns: boolean;
}
type State = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | ({ kind: 'ready' } & Choices);
type Outcome = { ok: boolean; text: string } | null;

const isWeapp = process.env.TARO_ENV === 'weapp';

async function fetchChoices(): Promise<Choices> {
  const { user } = await api.account.me();
  const ids = staffStationIds(user);
  const [organised, stations, packs] = await Promise.all([
    api.activities.organised({}),
    namedStations(ids, () => '本驿站'),
    ids.length ? api.activities.campaigns({}) : Promise.resolve({ campaigns: [] as Campaign[] }),
  ]);
  return { activities: organised.activities, stations, campaigns: packs.campaigns, publishesCampaigns: publishesForCommittees(user) };
}

/** Staff and organisers: scan (or type) a rider's code to sign them into an activity, hand over a meal or a pack. */
export default function ActivitiesScanPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [target, setTarget] = useState<Target | null>(null);
  const [typed, setTyped] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [roster, setRoster] = useState<{ entries: RosterEntry[]; attended: number } | null>(null);
  const [note, setNote] = useState('');
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', ...(await fetchChoices()) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const loadRoster = useCallback(async (activityId: string) => {
    try {
      const r = await api.activities.roster({ activityId });
      setRoster({ entries: r.signups, attended: r.attended });
    } catch {
      setRoster(null);
    }
  }, []);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  if (!target) {
    const nothing = state.activities.length === 0 && state.stations.length === 0;
    return (
      <View className='page activities-scan-page'>
        <View className='act-organise'>
          <Button className='primary-button act-button act-create' onClick={() => void Taro.navigateTo({ url: PAGES.activities.create })}>
            发布活动
          </Button>
          {state.publishesCampaigns ? (
            <Button className='secondary-button act-button act-create-campaign' onClick={() => void Taro.navigateTo({ url: PAGES.activities.campaign })}>
              发布关爱礼包
            </Button>
          ) : null}
        </View>
        {nothing ? <StateView kind='empty' message='你没有可扫码的活动或驿站' /> : null}
        {state.activities.length ? (
          <View className='act-card act-targets'>
            <Text className='act-card__title'>活动签到</Text>
            {state.activities.map((a) => (
              <TargetRow
                key={a.id}
                className='act-pick-activity'
                title={a.title}
                sub={`${dayLabel(a.start.slice(0, 10))} ${clockTime(a.start)}`}
                onTap={() => {
                  setTarget({ kind: 'activity', activity: a });
                  void loadRoster(a.id);
                }}
              />
            ))}
          </View>
        ) : null}
        {state.stations.length ? (
          <View className='act-card act-targets'>
            <Text className='act-card__title'>爱心餐核销 · 礼包发放</Text>
            {state.stations.map((s) => (
              <TargetRow key={s.id} className='act-pick-meal' title={s.name} sub='爱心餐核销' onTap={() => setTarget({ kind: 'meal', station: s })} />
            ))}
            {state.stations.flatMap((s) =>
              state.campaigns
                .filter((c) => c.stations.some((x) => x.stationId === s.id))
                .map((c) => (
                  <TargetRow
                    key={`${c.id}:${s.id}`}
                    className='act-pick-pack'
                    title={s.name}
                    sub={`发放「${c.title}」`}
                    onTap={() => setTarget({ kind: 'pack', station: s, campaign: c })}
                  />
                )),
            )}
          </View>
        ) : null}
      </View>
    );
  }

  const title =
    target.kind === 'activity'
      ? `签到：${target.activity.title}`
      : target.kind === 'meal'
        ? `爱心餐核销：${target.station.name}`
        : `发放「${target.campaign.title}」：${target.station.name}`;

  const submit = async (raw: string) => {
    const code = raw.trim();
    if (inFlight.current || code.length < 4) return;
    inFlight.current = true;
    try {
      if (target.kind === 'activity') {
        const r = await api.activities.attend({ activityId: target.activity.id, code });
        setOutcome({ ok: true, text: `${r.riderName} 签到成功${r.pointsAwarded ? `，获得 ${r.pointsAwarded} 积分` : ''}` });
        void loadRoster(target.activity.id);
      } else if (target.kind === 'meal') {
        const r = await api.activities.collectMeal({ stationId: target.station.id, code });
        setOutcome({ ok: true, text: `${r.riderName} 领餐成功（${r.window.start}–${r.window.end}）` });
      } else {
        const r = await api.activities.handOut({ campaignId: target.campaign.id, stationId: target.station.id, code });
        setOutcome({ ok: true, text: `${r.riderName} 领取成功，本站还剩 ${r.left} 份` });
      }
      setTyped('');
    } catch (e) {
      setOutcome({ ok: false, text: errorText(e, '网络不给力，请重试') });
    } finally {
      inFlight.current = false;
    }
  };

  const scan = async () => {
    const scanned = await scanQr();
    if (scanned.kind === 'code') await submit(scanned.text);
    else if (scanned.kind === 'failed') void Taro.showToast({ title: scanned.reason, icon: 'none' });
  };

  const send = async () => {
    if (target.kind !== 'activity' || note.trim().length < 2) return;
    try {
      const { sent } = await api.activities.message({ activityId: target.activity.id, body: note.trim() });
      setNote('');
      void Taro.showToast({ title: `已通知 ${sent} 人`, icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有发出', content: errorText(e, '网络不给力，请重试'), showCancel: false });
    }
  };

  return (
    <View className='page activities-scan-page'>
      <View className='act-card'>
        <Text className='act-card__title'>{title}</Text>
        <Button className={`${isWeapp ? 'primary-button' : 'secondary-button'} act-button act-scan`} onClick={() => void scan()}>
          {isWeapp ? '扫描骑手签到码' : '用相机扫描签到码'}
        </Button>
        <Input
          className='act-input act-code-input'
          type='number'
          maxlength={8}
          value={typed}
          placeholder='输入骑手的 8 位数字码'
          aria-label='骑手的数字码'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => void submit(typed)}
        />
        <Button className='primary-button act-button act-submit' onClick={() => void submit(typed)}>
          确认
        </Button>
        {outcome ? (
          <View role='status'>
            <Text className={`act-result ${outcome.ok ? '' : 'act-result--fail'}`}>{outcome.text}</Text>
          </View>
        ) : null}
        <Button
          className='secondary-button act-button'
          onClick={() => {
            setTarget(null);
            setOutcome(null);
            setRoster(null);
          }}
        >
          换一个
        </Button>
      </View>
      {target.kind === 'activity' && roster ? (
        <View className='act-card act-roster'>
          <Text className='act-card__title'>
            报名 {roster.entries.length} 人 · 已签到 {roster.attended} 人
          </Text>
          {roster.entries.map((r, i) => (
            <View key={`${r.signedAt}:${i}`} className='act-row'>
              <Text className='act-row__main'>
                {r.riderName} · {SIGNUP_STATUS_LABELS[r.status]}
                {r.position ? ` 第 ${r.position} 位` : ''}
                {r.attendedAt ? ` · ${clockTime(r.attendedAt)} 签到` : ''}
              </Text>
            </View>
          ))}
          <Textarea
            className='act-input'
            value={note}
            maxlength={200}
            placeholder='给已报名的骑手发通知'
            aria-label='通知内容'
            onInput={(e) => setNote(e.detail.value)}
          />
          <Button className='secondary-button act-button' onClick={() => void send()}>
            发送通知
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** One thing to scan for: its name (cut with an ellipsis when long), what it is, and the way in. */
function TargetRow({ title, sub, className, onTap }: { title: string; sub: string; className: string; onTap: () => void }) {
  return (
    <View className={`act-target ${className}`} role='button' onClick={onTap}>
      <View className='act-target__main'>
        <Text className='act-target__title'>{title}</Text>
        <Text className='act-target__sub'>{sub}</Text>
      </View>
      <Text className='act-target__go' aria-hidden>
        ›
      </Text>
    </View>
  );
}
