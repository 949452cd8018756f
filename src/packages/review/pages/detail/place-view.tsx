import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { LatLng } from '../../../../../types/common';
import type { NearbyStation } from '../../../../../types/stations';
import { api } from '../../../../api';
import { formatDistance } from '../../../../components/format-distance';
import { StationMap } from '../../../../components/station-map';

/** How far the small map reaches from the place: streets around it, and the stations within walking distance. */
const PLACE_REACH_M = 800;

/** Read a payload's location, if it is one. */
export function asLatLng(v: unknown): LatLng | null {
  if (!v || typeof v !== 'object') return null;
  const { lat, lng } = v as { lat?: unknown; lng?: unknown };
  return typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
}

/**
 * Where a request is: its address, a small map (WeChat's map; offline, a plot with the nearest stations around it as
 * landmarks), the nearest station in words, and the coordinates.
 */
export function PlaceView({ location, address }: { location: LatLng; address?: string }) {
  const [around, setAround] = useState<NearbyStation[]>([]);
  const { lat, lng } = location;

  useEffect(() => {
    let live = true;
    api.stations.nearby({ lat, lng, radiusM: 3000, limit: 5 }).then(
      (res) => {
        if (live) setAround([...res.stations].sort((a, b) => a.distanceM - b.distanceM));
      },
      // The landmarks are a help, not the point: without them the map shows the place alone.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lat, lng]);

  const nearest = around[0];
  return (
    <View className='review-detail__field review-detail__place'>
      <Text className='review-detail__label'>位置</Text>
      {address ? <Text className='review-detail__value review-detail__place-address'>{address}</Text> : null}
      {nearest ? (
        <Text className='review-detail__hint review-detail__place-nearest'>
          距最近的驿站「{nearest.name}」约 {formatDistance(nearest.distanceM)}
        </Text>
      ) : null}
      <View className='review-detail__place-map'>
        <StationMap small center={location} mark='place' stations={around} reachM={PLACE_REACH_M} />
      </View>
      <Text className='review-detail__hint review-detail__coords'>
        坐标 {lat.toFixed(5)}, {lng.toFixed(5)}
        {around.length > 0 && process.env.TARO_ENV !== 'weapp' ? '；地图上的灰色数字是附近的驿站' : ''}
      </Text>
    </View>
  );
}

/**
 * A station application's place: the request carries the station's id, and the station (not yet published, which the
 * cadre may preview) has the place. Until it answers, or if it cannot, the address alone.
 */
export function StationPlaceView({ stationId, address }: { stationId: string; address: string }) {
  const [location, setLocation] = useState<LatLng | null>(null);

  useEffect(() => {
    let live = true;
    api.stations.get({ id: stationId }).then(
      (res) => {
        if (live) setLocation(res.station.location);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [stationId]);

  if (location) return <PlaceView location={location} address={address} />;
  return (
    <View className='review-detail__field'>
      <Text className='review-detail__label'>地址</Text>
      <Text className='review-detail__value'>{address}</Text>
    </View>
  );
}
