import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Picker, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { User } from '../../../types/account';
import { me } from '../../api/account';
import { currentOpenid } from '../../api/identity';
import { balance } from '../../api/points';
import { BalanceCard } from '../../components/balance-card';
import { StateView } from '../../components/state-view';
import { ServiceGrid } from '../../components/service-grid';
import { checkinScanUrl, isLocalMode, ROUTES } from '../../lib/routes';
import { servicesFor, type Service } from '../../lib/services';
import { namedStations, staffStationIds, type StationChoice } from '../../lib/staff-stations';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';
import { errorText } from '../../lib/error-text';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; user: User; balance: number; stations: StationChoice[] };

const signedIn = () => !isLocalMode() || currentOpenid() !== null;

/** Names for a staff member's stations, only when there is a choice to make (the picker). */
async function stationChoices(user: User): Promise<StationChoice[]> {
  const ids = staffStationIds(user);
  if (ids.length <= 1) return ids.map((id) => ({ id, name: id }));
  return namedStations(ids, (id) => id);
}

/** Staff: their station's console, first among the services. */
const stationConsole = (url: string): Service => ({
  key: 'station-console',
  label: '驿站管理',
  hint: '开放状态、今日到站、驿站信息',
  url,
  place: 'services',
});

/** Tab 签到: the balance, the rider's code, staff scanning, and the 服务 grid (points and every feature). */
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
  const services = servicesFor(state.user.roles, 'services');

  return (
    <View className='page checkin-page'>
      <BalanceCard label='我的积分' value={state.balance} />

      <ServiceGrid title='服务' services={staff ? [stationConsole(consoleUrl), ...services] : services} />

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
