import { Text, View } from '@tarojs/components';
import type { StationView } from '../../../types/stations';
import { formatDistance } from '../format-distance';
import { formatHours } from '../format-hours';
import { stationStatus, type StationTone } from '../labels';
import { ServiceChips } from '../service-chips';
import './index.css';

const TONE_CLASS: Record<StationTone, string> = {
  open: 'badge--open',
  resting: 'badge--closed',
  full: 'badge--live-full',
  closed: 'badge--live-closed',
};

/** The station's one status (see stationStatus), and its opening hours after it. */
export function StationStatus({ station }: { station: StationView }) {
  const status = stationStatus(station);
  return (
    <View className='station-status'>
      <Text className={`badge station-status__badge ${TONE_CLASS[status.tone]}`}>{status.label}</Text>
      <Text className='station-status__hours'>{formatHours(station.hours).join('；')}</Text>
    </View>
  );
}

/** The free meals left now, e.g. 爱心餐 今日13:00 剩 12 份. */
export function MealsLeft({ meals }: { meals: NonNullable<StationView['mealsLeft']> }) {
  return (
    <Text className={`meals-left ${meals.left === 0 ? 'meals-left--none' : ''}`}>
      {`爱心餐 今日${meals.window} ${meals.left > 0 ? `剩 ${meals.left} 份` : '已订完'}`}
    </Text>
  );
}

interface Props {
  station: StationView;
  /** The number of its pin on the map. */
  number?: number;
  onTap?: (id: string) => void;
}

/** One row of the station list: its pin's number, name, distance, status, free meals left and services. */
export function StationCard({ station, number, onTap }: Props) {
  return (
    <View className='station-card' data-id={station.id} onClick={() => onTap?.(station.id)}>
      <View className='station-card__head'>
        {number !== undefined ? (
          <Text className='station-card__number' aria-label={`地图上的 ${number} 号`}>
            {number}
          </Text>
        ) : null}
        <Text className='station-card__name'>{station.name}</Text>
        {station.distanceM !== undefined ? <Text className='station-card__distance'>{formatDistance(station.distanceM)}</Text> : null}
      </View>
      <StationStatus station={station} />
      {station.mealsLeft ? <MealsLeft meals={station.mealsLeft} /> : null}
      <ServiceChips services={station.services} />
    </View>
  );
}
