import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { User } from '../../../types/account';
import { me } from '../../api/account';
import { ApiError } from '../../api/client';
import { currentOpenid } from '../../api/identity';
import { balance } from '../../api/points';
import { StateView } from '../../components/state-view';
import { checkinScanUrl, isLocalMode, ROUTES } from '../../lib/routes';
import { namedStations, staffStationIds, type StationChoice } from '../../lib/staff-stations';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; user: User; balance: number; stations: StationChoice[] };

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请检查网络后重试');
const signedIn = () => !isLocalMode() || currentOpenid() !== null;

/** Names for a staff member's stations, only when there is a choice to make (the picker). */
async function stationChoices(user: User): Promise<StationChoice[]> {
  const ids = staffStationIds(user);
  if (ids.length <= 1) return ids.map((id) => ({ id, name: id }));
  return namedStations(ids, (id) => id);
}

const LINKS = [
  { url: ROUTES.pointsLedger, title: '积分明细', hint: '每一笔积分的来去' },
  { url: ROUTES.pointsRewards, title: '兑换奖品', hint: '用积分换礼品，查看取货码' },
  { url: ROUTES.pointsClaim, title: '积分申领', hint: '帮办代办、隐患上报、活动参与' },
  { url: ROUTES.pointsLeaderboard, title: '排行榜', hint: '本月之星和团委榜单' },
] as const;

/** Tab 签到: the balance, the rider's code, staff scanning, and the way into points. */
export default function CheckinPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const loadedAs = useRef<string | null>(null);
  const ready = state.kind === 'ready';

  const load = useCallback(async (quiet = false) => {
    if (!signedIn()) {
      void Taro.navigateTo({ url: ROUTES.signIn });
      return;
    }
    loadedAs.current = currentOpenid();
    if (!quiet) setState({ kind: 'loading' });
    try {
      const [{ user }, { balance: points }] = await Promise.all([me(), balance({})]);
      setState({ kind: 'ready', user, balance: points, stations: await stationChoices(user) });
    } catch (e) {
      if (!quiet) setState({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Back from a check-in, a redemption or the sign-in page: refresh the balance quietly.
  useDidShow(() => {
    if (!signedIn()) return;
    if (loadedAs.current !== currentOpenid()) void load();
    else if (ready) void load(true);
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={() => void load()} />;

  const { stations } = state;
  const onlyStation = stations.length === 1 ? stations[0] : undefined;
  // Staff: scanning is the main action, and their station's console is one tap away.
  const staff = stations.length > 0;
  const consoleUrl = `/packages/station/pages/console/index${onlyStation ? `?id=${encodeURIComponent(onlyStation.id)}` : ''}`;
  const open = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='page checkin-page'>
      <View className='checkin-page__balance-card'>
        <Text className='checkin-page__balance-label'>我的积分</Text>
        <Text className='checkin-page__balance'>{state.balance}</Text>
      </View>

      <View className='checkin-page__links'>
        {LINKS.map((link) => (
          <View key={link.url} className='checkin-page__link' onClick={() => open(link.url)}>
            <Text className='checkin-page__link-title'>{link.title}</Text>
            <Text className='checkin-page__link-hint'>{link.hint}</Text>
          </View>
        ))}
        {staff ? (
          <View className='checkin-page__link checkin-page__console' onClick={() => open(consoleUrl)}>
            <Text className='checkin-page__link-title'>驿站管理</Text>
            <Text className='checkin-page__link-hint'>开放状态、今日到站、驿站信息</Text>
          </View>
        ) : null}
      </View>

      <TabBottomBar className='checkin-page__actions'>
        {onlyStation ? (
          <Button className='primary-button checkin-page__scan' onClick={() => open(checkinScanUrl(onlyStation.id))}>
            扫码签到
          </Button>
        ) : null}
        {stations.length > 1 ? (
          <Picker
            mode='selector'
            range={stations.map((s) => s.name)}
            onChange={(e) => {
              const picked = stations[Number(e.detail.value)];
              if (picked) open(checkinScanUrl(picked.id));
            }}
          >
            <View className='primary-button checkin-page__scan'>扫码签到</View>
          </Picker>
        ) : null}
        <Button className={`${staff ? 'secondary-button' : 'primary-button'} checkin-page__show`} onClick={() => open(ROUTES.checkinCode)}>
          出示签到码
        </Button>
      </TabBottomBar>
    </View>
  );
}
