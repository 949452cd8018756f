import { Map, Text, View } from '@tarojs/components';
import type { LatLng } from '../../../types/common';
import type { NearbyStation } from '../../../types/stations';
import './index.css';

interface Props {
  center: LatLng;
  stations: NearbyStation[];
  onTapStation: (id: string) => void;
}

const METERS_PER_DEGREE = 111_320;

/** Where each station sits around the centre, as percentages of a square box (centre at 50 %, 50 %). */
export function plotPositions(center: LatLng, stations: NearbyStation[]): { id: string; left: number; top: number }[] {
  const cos = Math.cos((center.lat * Math.PI) / 180);
  const offsets = stations.map((s) => ({
    id: s.id,
    dx: (s.location.lng - center.lng) * METERS_PER_DEGREE * cos,
    dy: (s.location.lat - center.lat) * METERS_PER_DEGREE,
  }));
  const reach = Math.max(1, ...offsets.map((o) => Math.max(Math.abs(o.dx), Math.abs(o.dy))));
  return offsets.map((o) => ({ id: o.id, left: 50 + (o.dx / reach) * 44, top: 50 - (o.dy / reach) * 44 }));
}

/** The native map with markers in WeChat; an offline plot of the stations around you elsewhere. */
export function StationMap({ center, stations, onTapStation }: Props) {
  if (process.env.TARO_ENV === 'weapp') {
    const markers = stations.map((s, i) => ({
      id: i,
      latitude: s.location.lat,
      longitude: s.location.lng,
      title: s.name,
      iconPath: '',
      width: 32,
      height: 40,
    }));
    return (
      <Map
        className='station-map'
        latitude={center.lat}
        longitude={center.lng}
        scale={14}
        showLocation
        markers={markers}
        onError={() => undefined}
        onMarkerTap={(e) => {
          const station = stations[Number(e.detail.markerId)];
          if (station) onTapStation(station.id);
        }}
      />
    );
  }
  const positions = plotPositions(center, stations);
  return (
    <View className='station-map station-map--plot'>
      <View className='station-map__me' style={{ left: '50%', top: '50%' }}>
        <Text className='station-map__me-label'>我</Text>
      </View>
      {positions.map((p, i) => (
        <View
          key={p.id}
          className='station-map__pin'
          style={{ left: `${p.left}%`, top: `${p.top}%` }}
          onClick={() => onTapStation(p.id)}
        >
          <Text>{i + 1}</Text>
        </View>
      ))}
    </View>
  );
}
