import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { LatLng, StationService } from '../../../types/common';
import type { NearbyStation } from '../../../types/stations';
import { currentOpenid } from '../../api/identity';
import { api } from '../../api';
import { ServiceFilter } from '../../components/service-chips';
import { MAX_PINS, StationMap } from '../../components/station-map';
import { SignInGate } from '../../components/sign-in-gate';
import { StateView } from '../../components/state-view';
import { StationCard } from '../../components/station-card';
import { locate } from '../../lib/location';
import { PAGES, pageLink } from '../../../types/pages';
import { isLocalMode } from '../../lib/local-mode';
import { readNearbyCache, writeNearbyCache } from '../../lib/station-cache';
import './index.css';
import { errorText } from '../../lib/error-text';

type Status = 'loading' | 'ready' | 'error';

const signedIn = () => !isLocalMode() || currentOpenid() !== null;
const filterKey = (services: StationService[], openNow: boolean) => `${services.join(',')}|${openNow}`;

export default function MapPage() {
  const [cached] = useState(readNearbyCache);
  const [here, setHere] = useState<{ location: LatLng; demo: boolean; reason?: string } | null>(
    cached ? { location: cached.location, demo: cached.demo } : null,
  );
  const [stations, setStations] = useState<NearbyStation[] | null>(cached?.stations ?? null);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState('');
  const [services, setServices] = useState<StationService[]>([]);
  const [openNow, setOpenNow] = useState(false);
  const seq = useRef(0);
  const located = useRef<{ location: LatLng; demo: boolean; reason?: string } | null>(null);
  const loadedAs = useRef<string | null>(null);
  /** The filter the shown list was loaded with: a list never stays on screen under another filter. */
  const shownFor = useRef<string>(filterKey([], false));

  const load = useCallback(
    async (relocate: boolean) => {
      const mine = ++seq.current;
      const key = filterKey(services, openNow);
      if (key !== shownFor.current) setStations(null);
      setStatus('loading');
      try {
        if (relocate || !located.current) {
          located.current = await locate();
          if (mine === seq.current) setHere(located.current);
        }
        const { location, demo } = located.current;
        const { stations: fresh } = await api.stations.nearby({
          lat: location.lat,
          lng: location.lng,
          ...(services.length > 0 ? { services } : {}),
          ...(openNow ? { openNow: true } : {}),
        });
        if (mine !== seq.current) return;
        setStations([...fresh].sort((a, b) => a.distanceM - b.distanceM));
        shownFor.current = key;
        setStatus('ready');
        if (services.length === 0 && !openNow) writeNearbyCache({ location, demo, stations: fresh, savedAt: Date.now() });
      } catch (e) {
        if (mine !== seq.current) return;
        setError(errorText(e));
        setStatus('error');
      }
    },
    [services, openNow],
  );

  // First load, and again whenever a filter changes.
  useEffect(() => {
    if (!signedIn()) {
      void Taro.navigateTo({ url: PAGES.auth.signIn });
      return;
    }
    loadedAs.current = currentOpenid();
    void load(false);
  }, [load]);

  // Back from the sign-in page as someone else (or as someone at last): load again.
  const [gate, setGate] = useState(!signedIn());
  useDidShow(() => {
    setGate(!signedIn());
    if (!isLocalMode() || !signedIn()) return;
    if (loadedAs.current !== currentOpenid()) {
      loadedAs.current = currentOpenid();
      void load(false);
    }
  });

  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  const toggleService = (s: StationService) => setServices((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));

  const openStation = (id: string) => {
    void Taro.navigateTo({ url: pageLink(PAGES.station.detail, { id }) });
  };

  const retry = () => void load(false);
  const filtered = services.length > 0 || openNow;
  const clearFilters = () => {
    setServices([]);
    setOpenNow(false);
  };

  if (gate) return <SignInGate />;

  return (
    <View className='page map-page'>
      {here ? <StationMap center={here.location} stations={stations ?? []} onTapStation={openStation} /> : null}
      {stations !== null && stations.length > MAX_PINS ? <Text className='map-page__caption'>地图上标出最近的 {MAX_PINS} 个驿站</Text> : null}
      {here?.demo ? (
        <View className='notice map-page__demo'>未能获取你的位置{here.reason ? `：${here.reason}` : ''}。正在显示嘉善县城附近的驿站（演示位置）。</View>
      ) : null}
      <ServiceFilter selected={services} onToggle={toggleService} openNow={openNow} onToggleOpenNow={() => setOpenNow((v) => !v)} />
      {stations !== null && status === 'loading' ? <Text className='map-page__refreshing'>正在更新…</Text> : null}
      {stations !== null && status === 'error' ? <StateView kind='error' message={error} onRetry={retry} /> : null}
      {stations === null && status === 'loading' ? <StateView kind='loading' message={filtered ? '正在筛选驿站…' : '正在查找附近的驿站…'} /> : null}
      {stations === null && status === 'error' ? <StateView kind='error' message={error} onRetry={retry} /> : null}
      {stations !== null && stations.length === 0 && status === 'ready' ? (
        filtered ? (
          <StateView kind='empty' message='没有符合条件的驿站，试试减少筛选条件' action={{ label: '清除筛选', onTap: clearFilters }} />
        ) : (
          <StateView kind='empty' message='附近暂无驿站' />
        )
      ) : null}
      {stations !== null && stations.length > 0 ? (
        <View className='map-page__list'>
          {stations.map((s, i) => (
            <StationCard key={s.id} station={s} number={i + 1} onTap={openStation} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
