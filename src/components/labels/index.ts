import type { Role, StationService } from '../../../types/common';
import type { LiveStatus, StationView } from '../../../types/stations';

export const SERVICE_LABELS: Record<StationService, string> = {
  rest: '休息',
  charging: '充电',
  water: '热水',
  microwave: '微波炉',
  toilet: '卫生间',
  umbrella: '雨伞',
  'first-aid': '急救包',
  wifi: '无线网络',
  reading: '阅读角',
  meal: '爱心餐',
};

/** The services in the order the filter shows them (types/common STATION_SERVICES, kept client-side without zod). */
export const SERVICE_ORDER = Object.keys(SERVICE_LABELS) as StationService[];

export const ROLE_LABELS: Record<Role, string> = {
  rider: '骑手',
  staff: '驿站工作人员',
  cadre: '团干部',
  admin: '管理员',
  counsellor: '咨询师',
  volunteer: '志愿者',
};

export const LIVE_STATUS_LABELS: Record<LiveStatus, string> = {
  open: '开放中',
  full: '已满',
  closed: '暂停服务',
};

export type StationTone = 'open' | 'resting' | 'full' | 'closed';

/**
 * A station's one status: what its staff set now wins (已满, 暂停服务); otherwise its opening hours decide
 * (开放中 within them, 休息中 outside).
 */
export function stationStatus(station: Pick<StationView, 'liveStatus' | 'openNow'>): { label: string; tone: StationTone } {
  if (station.liveStatus !== 'open') return { label: LIVE_STATUS_LABELS[station.liveStatus], tone: station.liveStatus };
  return station.openNow ? { label: '开放中', tone: 'open' } : { label: '休息中', tone: 'resting' };
}
