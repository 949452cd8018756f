import { Text, View } from '@tarojs/components';
import type { StationView } from '../../../types/stations';
import { formatDistance } from '../format-distance';
import { LIVE_STATUS_LABELS } from '../labels';
import { ServiceChips } from '../service-chips';
import './index.css';

interface Props {
  station: StationView;
  onTap?: (id: string) => void;
}

/** One row of the station list: name, distance, open-now and live status, services. */
export function StationCard({ station, onTap }: Props) {
  return (
    <View className='station-card' data-id={station.id} onClick={() => onTap?.(station.id)}>
      <View className='station-card__head'>
        <Text className='station-card__name'>{station.name}</Text>
        <Text className='station-card__distance'>{formatDistance(station.distanceM)}</Text>
      </View>
      <View className='station-card__badges'>
        <Text className={`badge ${station.openNow ? 'badge--open' : 'badge--closed'}`}>
          {station.openNow ? '营业中' : '休息中'}
        </Text>
        <Text className={`badge badge--live-${station.liveStatus}`}>{LIVE_STATUS_LABELS[station.liveStatus]}</Text>
      </View>
      <ServiceChips services={station.services} />
    </View>
  );
}
