import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { CheckinApi } from '../../../../../types/checkin';
import { PICKUP_CODE_DIGITS } from '../../../../../types/limits';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { namedStations, staffStationIds, stationName, type StationChoice } from '../../../../lib/staff-stations';
import './index.css';
import { scanQr } from '../../../../lib/scan-qr';
import { errorText, NETWORK_ERROR_TEXT, isFinal } from '../../../../lib/error-text';
import { clockTime } from '../../../../lib/time-format';

type Today = CheckinApi['today']['output'];
type Redeemed = CheckinApi['redeem']['output'];

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; final?: boolean }
  | { kind: 'not-staff' }
  | { kind: 'pick'; stations: StationChoice[] }
  | { kind: 'ready'; station: StationChoice };

type Outcome = { kind: 'ok'; data: Redeemed } | { kind: 'fail'; message: string } | null;
type Collected = { kind: 'ok'; text: string } | { kind: 'fail'; message: string } | null;

const isWeapp = process.env.TARO_ENV === 'weapp';
const digitsOf = (value: string) => value.replace(/\D/g, '');
const FALLBACK_NAME = '本驿站';

/** Staff: scan (or type) a rider's code, see who it was at once, and today's visits. Nothing here edits history. */
export default function CheckinScanPage() {
  const { params } = useRouter();
  const wanted = params.stationId ? decodeURIComponent(params.stationId) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [visits, setVisits] = useState<Today | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState('');
  const [pickupCode, setPickupCode] = useState('');
  const [collected, setCollected] = useState<Collected>(null);
  const [collecting, setCollecting] = useState(false);
  const inFlight = useRef(false);

  const loadToday = useCallback(async (stationId: string) => {
    try {
      setVisits(await api.checkin.today({ stationId }));
    } catch {
      // The list is secondary: keep the last one; the next scan or a pull-down refreshes it.
    }
  }, []);

  const open = useCallback(
    async (station: StationChoice) => {
      setState({ kind: 'ready', station });
      void Taro.setNavigationBarTitle({ title: `扫码签到 · ${station.name}` }).catch(() => undefined);
      await loadToday(station.id);
    },
    [loadToday],
  );

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const { user } = await api.account.me();
      const mine = staffStationIds(user);
      if (mine.length === 0 || (wanted && !mine.includes(wanted))) {
        setState({ kind: 'not-staff' });
        return;
      }
      const only = wanted || (mine.length === 1 ? mine[0] : undefined);
      if (only) {
        await open({ id: only, name: await stationName(only, FALLBACK_NAME) });
        return;
      }
      setState({ kind: 'pick', stations: await namedStations(mine, () => FALLBACK_NAME) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e, NETWORK_ERROR_TEXT), final: isFinal(e) });
    }
  }, [wanted, open]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    if (state.kind === 'ready') void loadToday(state.station.id).finally(done);
    else void load().finally(done);
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.kind === 'not-staff') return <StateView kind='empty' message='只有本驿站的工作人员可以扫码签到' />;
  if (state.kind === 'pick') {
    return (
      <View className='page scan-page'>
        <Text className='scan-page__section-title'>选择要签到的驿站</Text>
        {state.stations.map((s) => (
          <Button key={s.id} className='secondary-button scan-page__pick' onClick={() => void open(s)}>
            {s.name}
          </Button>
        ))}
      </View>
    );
  }

  const { station } = state;

  const submit = async (raw: string) => {
    const code = raw.trim();
    if (inFlight.current || code.length < 4) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const data = await api.checkin.redeem({ code, stationId: station.id });
      setOutcome({ kind: 'ok', data });
      setTyped('');
    } catch (e) {
      setOutcome({ kind: 'fail', message: errorText(e, NETWORK_ERROR_TEXT) });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
    void loadToday(station.id);
  };

  const scan = async () => {
    const scanned = await scanQr();
    if (scanned.kind === 'cancelled') return;
    if (scanned.kind === 'failed') {
      setOutcome({ kind: 'fail', message: `${scanned.reason}。也可以在下方输入骑手签到码下方的数字` });
      return;
    }
    await submit(scanned.text);
  };

  const markCollected = async () => {
    const code = digitsOf(pickupCode);
    if (collecting || code.length !== PICKUP_CODE_DIGITS) {
      if (code.length !== PICKUP_CODE_DIGITS) setCollected({ kind: 'fail', message: `取货码为 ${PICKUP_CODE_DIGITS} 位数字` });
      return;
    }
    setCollecting(true);
    try {
      const { redemption, riderName } = await api.points.collect({ pickupCode: code, stationId: station.id });
      setCollected({ kind: 'ok', text: `${riderName} 已领取「${redemption.rewardName}」` });
      setPickupCode('');
    } catch (e) {
      setCollected({ kind: 'fail', message: errorText(e, NETWORK_ERROR_TEXT) });
    } finally {
      setCollecting(false);
    }
  };

  const typedDigits = digitsOf(typed);

  return (
    <View className='page scan-page'>
      {outcome?.kind === 'ok' ? (
        <View className='scan-page__result scan-page__result--ok'>
          <Text className='scan-page__rider'>{outcome.data.rider.displayName}</Text>
          <Text className='scan-page__points'>{outcome.data.pointsAwarded > 0 ? `签到成功 +${outcome.data.pointsAwarded} 积分` : '今日已签到，不再加分'}</Text>
          {outcome.data.pointsAwarded === 0 && outcome.data.note ? <Text className='scan-page__note'>{outcome.data.note}</Text> : null}
        </View>
      ) : null}
      {outcome?.kind === 'fail' ? (
        <View className='scan-page__result scan-page__result--fail'>
          <Text className='scan-page__fail-title'>签到未成功</Text>
          <Text className='scan-page__fail-message'>{outcome.message}</Text>
        </View>
      ) : null}

      <View className='scan-page__section'>
        <Text className='scan-page__label'>{isWeapp ? '扫不了时，输入骑手签到码下方的数字' : '输入骑手签到码下方的数字'}</Text>
        <Input
          className='scan-page__input scan-page__code-input'
          type='number'
          maxlength={12}
          value={typed}
          placeholder='签到码数字'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => void submit(typedDigits)}
        />
        <Button
          className={`${isWeapp ? 'secondary-button' : 'primary-button'} scan-page__confirm`}
          disabled={busy || typedDigits.length < 4 || undefined}
          onClick={() => void submit(typedDigits)}
        >
          {busy ? '正在签到…' : '确认签到'}
        </Button>
      </View>

      <View className='scan-page__section'>
        <Text className='scan-page__section-title'>
          今日到站 {visits?.visits ?? 0} 人次 · {visits?.uniqueRiders ?? 0} 人
        </Text>
        {visits && visits.checkins.length > 0 ? (
          visits.checkins.map((c) => (
            <View key={c.id} className='scan-page__visit'>
              <Text className='scan-page__visit-time'>{clockTime(c.at)}</Text>
              <Text className='scan-page__visit-name'>{c.riderName}</Text>
              <Text className='scan-page__visit-points'>{c.pointsAwarded > 0 ? `+${c.pointsAwarded}` : '不加分'}</Text>
            </View>
          ))
        ) : (
          <Text className='scan-page__empty'>今天还没有骑手签到</Text>
        )}
      </View>

      <View className='scan-page__section'>
        <Text className='scan-page__section-title'>奖品领取</Text>
        <Input
          className='scan-page__input scan-page__pickup-input'
          type='number'
          maxlength={PICKUP_CODE_DIGITS}
          value={pickupCode}
          placeholder={`骑手出示的 ${PICKUP_CODE_DIGITS} 位取货码`}
          onInput={(e) => setPickupCode(e.detail.value)}
        />
        <Button className='secondary-button scan-page__collect' disabled={collecting || undefined} onClick={() => void markCollected()}>
          标记已领取
        </Button>
        {collected?.kind === 'ok' ? <Text className='scan-page__collected'>{collected.text}</Text> : null}
        {collected?.kind === 'fail' ? <Text className='scan-page__collect-fail'>{collected.message}</Text> : null}
      </View>

      <View className='bottom-bar'>
        <Button className={`${isWeapp ? 'primary-button' : 'secondary-button'} scan-page__scan`} disabled={busy || undefined} onClick={() => void scan()}>
          {busy ? '正在签到…' : isWeapp ? '扫码' : '用相机扫码'}
        </Button>
      </View>
    </View>
  );
}
