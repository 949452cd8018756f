import { useCallback, useEffect, useRef } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { User } from '../../../types/account';
import { api } from '../../api';
import { currentOpenid } from '../../api/identity';
import { BalanceCard } from '../../components/balance-card';
import { ServiceGrid } from '../../components/service-grid';
import { SignInGate } from '../../components/sign-in-gate';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import { useLastKnown } from '../../lib/last-known';
import { PAGES, pageLink } from '../../../types/pages';
import { isLocalMode } from '../../lib/local-mode';
import { servicesFor, type Service } from '../../lib/services';
import { namedStations, staffStationIds, type StationChoice } from '../../lib/staff-stations';
import './index.css';

interface Home {
  user: User;
  balance: number;
  stations: StationChoice[];
}

const signedIn = () => !isLocalMode() || currentOpenid() !== null;

/** Names for a staff member's stations, only when there is a choice to make (the picker). */
async function stationChoices(user: User): Promise<StationChoice[]> {
  const ids = staffStationIds(user);
  if (ids.length <= 1) return ids.map((id) => ({ id, name: id }));
  return namedStations(ids, (id) => id);
}

async function fetchHome(): Promise<Home> {
  const [{ user }, { balance: points }] = await Promise.all([api.account.me(), api.points.balance({})]);
  return { user, balance: points, stations: await stationChoices(user) };
}

/** Staff: their station's console, first among the services. */
const stationConsole = (url: string): Service => ({
  key: 'station-console',
  label: '驿站管理',
  hint: '开放状态、今日到站、驿站信息',
  url,
  place: 'services',
});

/**
 * Tab 签到: the balance, the rider's code, staff scanning, and the 服务 grid (points and every feature). Shown at once
 * from the last visit and refreshed behind: the code button and the grid never wait for the network (the code page
 * makes an offline code when the network is gone).
 */
export default function CheckinPage() {
  const fetch = useCallback(() => (signedIn() ? fetchHome() : Promise.reject(new Error('signed out'))), []);
  const { data, status, error, final, reload } = useLastKnown<Home>('checkin-home', fetch);

  useEffect(() => {
    if (!signedIn()) void Taro.navigateTo({ url: PAGES.auth.signIn });
  }, []);

  // Back from a check-in, a redemption or the sign-in page: refresh quietly (all again as someone else).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn()) void reload();
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn()) return <SignInGate />;

  const stations = data?.stations ?? [];
  const onlyStation = stations.length === 1 ? stations[0] : undefined;
  // Staff: scanning is the main action, and their station's console is one tap away.
  const staff = stations.length > 0;
  const consoleUrl = pageLink(PAGES.station.console, { id: onlyStation?.id });
  const open = (url: string) => void Taro.navigateTo({ url });
  const services = servicesFor(data?.user.roles ?? [], 'services');

  return (
    <View className='page checkin-page'>
      <BalanceCard label='我的积分' value={data ? data.balance : '—'} />
      {status === 'failed' ? (
        <View className='notice checkin-page__offline' role='status'>
          <Text>{data ? '暂时连不上，显示的是上次的积分和服务' : error}</Text>
          {final ? null : (
            <View className='checkin-page__retry' role='button' onClick={() => void reload()}>
              重新连接
            </View>
          )}
        </View>
      ) : null}

      <ServiceGrid title='服务' services={staff ? [stationConsole(consoleUrl), ...services] : services} />

      <TabBottomBar className='checkin-page__actions'>
        {onlyStation ? (
          <Button className='primary-button checkin-page__scan' onClick={() => open(pageLink(PAGES.code.scan, { stationId: onlyStation.id }))}>
            扫码签到
          </Button>
        ) : null}
        {stations.length > 1 ? (
          <Picker
            mode='selector'
            range={stations.map((s) => s.name)}
            onChange={(e) => {
              const picked = stations[Number(e.detail.value)];
              if (picked) open(pageLink(PAGES.code.scan, { stationId: picked.id }));
            }}
          >
            <View className='primary-button checkin-page__scan' role='button'>
              扫码签到
            </View>
          </Picker>
        ) : null}
        <Button className={`${staff ? 'secondary-button' : 'primary-button'} checkin-page__show`} onClick={() => open(PAGES.code.show)}>
          出示签到码
        </Button>
      </TabBottomBar>
    </View>
  );
}
