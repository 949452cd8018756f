import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import type { StationView } from '../../../../../types/stations';
import { ApiError } from '../../../../api/client';
import { get } from '../../../../api/stations';
import { formatDistance } from '../../../../components/format-distance';
import { formatHours, formatMeal } from '../../../../components/format-hours';
import { LIVE_STATUS_LABELS } from '../../../../components/labels';
import { ServiceChips } from '../../../../components/service-chips';
import { StateView } from '../../../../components/state-view';
import { stationDetailUrl } from '../../../../lib/routes';
import { lastLocation } from '../../../../lib/station-cache';
import './index.css';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; station: StationView }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export default function StationDetailPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!id) {
      setState({ kind: 'not-found' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      const here = lastLocation();
      const { station } = await get({ id, ...(here ? { lat: here.lat, lng: here.lng } : {}) });
      setState({ kind: 'ready', station });
      void Taro.setNavigationBarTitle({ title: station.name }).catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_FOUND') setState({ kind: 'not-found' });
      else setState({ kind: 'error', message: e instanceof ApiError ? e.message : '加载失败，请检查网络后重试' });
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useShareAppMessage(() => ({
    title: state.kind === 'ready' ? `${state.station.name} · 骑士驿站` : '骑士驿站',
    path: stationDetailUrl(id),
  }));

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={() => void load()} />;
  if (state.kind === 'not-found') return <StateView kind='empty' message='找不到这个驿站，它可能已下线' onRetry={() => void load()} />;

  const { station } = state;
  const navigate = async () => {
    try {
      await Taro.openLocation({
        latitude: station.location.lat,
        longitude: station.location.lng,
        name: station.name,
        address: station.address,
        scale: 16,
      });
    } catch {
      void Taro.showModal({
        title: '无法打开地图导航',
        content: `请在地图应用中搜索：${station.address}`,
        showCancel: false,
        confirmText: '知道了',
      });
    }
  };

  return (
    <View className='page detail-page'>
      <View className='detail-page__section'>
        <Text className='detail-page__name'>{station.name}</Text>
        <View className='detail-page__badges'>
          <Text className={`badge ${station.openNow ? 'badge--open' : 'badge--closed'}`}>
            {station.openNow ? '营业中' : '休息中'}
          </Text>
          <Text className={`badge badge--live-${station.liveStatus}`}>{LIVE_STATUS_LABELS[station.liveStatus]}</Text>
          {station.distanceM !== undefined ? (
            <Text className='detail-page__distance'>距你 {formatDistance(station.distanceM)}</Text>
          ) : null}
        </View>
      </View>

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
        {station.services.length > 0 ? (
          <ServiceChips services={station.services} />
        ) : (
          <Text className='detail-page__value'>暂无登记的服务</Text>
        )}
      </View>

      {station.meals && station.meals.length > 0 ? (
        <View className='detail-page__section'>
          <Text className='detail-page__label'>爱心餐</Text>
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
