import { LIVE_STATUS_LABELS } from '../../../types/stations-labels';
import type { StationView } from '../../../types/stations';

export type StationTone = 'open' | 'resting' | 'full' | 'closed';

/**
 * A station's one status: what its staff set now wins (已满, 暂停服务); otherwise its opening hours decide
 * (开放中 within them, 休息中 outside).
 */
export function stationStatus(station: Pick<StationView, 'liveStatus' | 'openNow'>): { label: string; tone: StationTone } {
  if (station.liveStatus !== 'open') return { label: LIVE_STATUS_LABELS[station.liveStatus], tone: station.liveStatus };
  return station.openNow ? { label: LIVE_STATUS_LABELS.open, tone: 'open' } : { label: '休息中', tone: 'resting' };
}
