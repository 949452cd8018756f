import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import type { StationView } from '../../../../../types/stations';
import { ApiError } from '../../../../api/client';
import { api } from '../../../../api';
import { formatDistance } from '../../../../components/format-distance';
import { formatHours, formatMeal } from '../../../../components/format-hours';
import { ServiceChips } from '../../../../components/service-chips';
import { StateView } from '../../../../components/state-view';
import { MealsLeft, StationStatus } from '../../../../components/station-card';
import { errorText, isFinal } from '../../../../lib/error-text';
import { PAGES, pageLink } from '../../../../../types/pages';
import { lastLocation } from '../../../../lib/station-cache';
import './index.css';

type State = { kind: 'loading' } | { kind: 'ready'; station: StationView } | { kind: 'not-found' } | { kind: 'error'; message: string; final?: boolean };

export default function StationDetailPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  /** No map app to hand over to (H5, or openLocation failed): the address to copy instead. */
  const [noMapApp, setNoMapApp] = useState(false);

  const load = useCallback(async () => {
    if (!id) {
      setState({ kind: 'not-found' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      const here = lastLocation();
      const { station } = await api.stations.get({ id, ...(here ? { lat: here.lat, lng: here.lng } : {}) });
      setState({ kind: 'ready', station });
      void Taro.setNavigationBarTitle({ title: station.name }).catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_FOUND') setState({ kind: 'not-found' });
      else setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useShareAppMessage(() => ({
    title: state.kind === 'ready' ? `${state.station.name} · 骑士驿站` : '骑士驿站',
    path: pageLink(PAGES.station.detail, { id }),
  }));

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.kind === 'not-found') {
    return (
      <StateView
        kind='empty'
        message='找不到这个驿站，它可能已下线'
        action={{ label: '看看附近的驿站', onTap: () => void Taro.switchTab({ url: PAGES.map }) }}
      />
    );
  }

  const { station } = state;
  // H5's openLocation "succeeds" without opening anything, so only WeChat hands over to its map; elsewhere, and
  // whenever that fails, the page shows the address to copy into a map app.
  const navigate = async () => {
    if (process.env.TARO_ENV === 'weapp') {
      try {
        await Taro.openLocation({
          latitude: station.location.lat,
          longitude: station.location.lng,
          name: station.name,
          address: station.address,
          scale: 16,
        });
        return;
      } catch {
        // Shown below instead.
      }
    }
    setNoMapApp(true);
  };
  // WeChat and Taro H5 both say 内容已复制 themselves.
  const copyAddress = () => {
    Taro.setClipboardData({ data: `${station.name} ${station.address}` }).catch(() => void Taro.showToast({ title: '复制失败，请长按地址复制', icon: 'none' }));
  };

  return (
    <View className='page detail-page'>
      <View className='detail-page__section'>
        <Text className='detail-page__name'>{station.name}</Text>
        <View className='detail-page__badges'>
          <StationStatus station={station} />
          {station.distanceM !== undefined ? <Text className='detail-page__distance'>距你 {formatDistance(station.distanceM)}</Text> : null}
        </View>
      </View>

      {noMapApp ? (
        <View className='detail-page__section detail-page__route' role='region' aria-label='导航'>
          <Text className='detail-page__route-title'>这里打不开地图导航</Text>
          <Text className='detail-page__hint'>复制地址，到地图应用里搜索并导航：</Text>
          <Text className='detail-page__value detail-page__route-address' userSelect>
            {station.name} {station.address}
          </Text>
          {station.distanceM !== undefined ? <Text className='detail-page__hint'>直线距离约 {formatDistance(station.distanceM)}</Text> : null}
          <Button className='secondary-button detail-page__copy' onClick={copyAddress}>
            复制地址
          </Button>
        </View>
      ) : null}

      <View className='detail-page__section'>
        <Text className='detail-page__label'>地址</Text>
        <Text className='detail-page__value'>{station.address}</Text>
      </View>

      <View className='detail-page__section'>
        <Text className='detail-page__label'>开放时间</Text>
        {formatHours(station.hours).map((line) => (
          <Text key={line} className='detail-page__value detail-page__hours'>
            {line}
          </Text>
        ))}
      </View>

      <View className='detail-page__section'>
        <Text className='detail-page__label'>服务</Text>
        {station.services.length > 0 ? <ServiceChips services={station.services} /> : <Text className='detail-page__value'>暂无登记的服务</Text>}
      </View>

      {station.meals && station.meals.length > 0 ? (
        <View className='detail-page__section'>
          <Text className='detail-page__label'>爱心餐</Text>
          {station.mealsLeft ? <MealsLeft meals={station.mealsLeft} /> : null}
          {station.meals.map((meal) => (
            <Text key={`${meal.start}-${meal.end}`} className='detail-page__value detail-page__meal'>
              {formatMeal(meal)}
            </Text>
          ))}
          {station.mealPartner ? <Text className='detail-page__hint'>提供方：{station.mealPartner}</Text> : null}
        </View>
      ) : null}

      {station.phone ? (
        <View className='detail-page__section'>
          <Text className='detail-page__label'>电话</Text>
          <Text className='detail-page__value'>{station.phone}</Text>
        </View>
      ) : null}

      <View className='bottom-bar'>
        <Button className='primary-button' onClick={() => void navigate()}>
          导航
        </Button>
      </View>
    </View>
  );
}
