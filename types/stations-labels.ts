/** Stations: what their services, live statuses and changeable fields are called. Zod-free, so pages import them. */
import type { StationService } from './common';

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

/** The services in the order the filter shows them (types/common STATION_SERVICES, kept here without zod). */
export const SERVICE_ORDER = Object.keys(SERVICE_LABELS) as StationService[];

export const LIVE_STATUS_LABELS = {
  open: '开放中',
  full: '已满',
  closed: '暂停服务',
} as const;

/** The fields staff may propose to change (types/stations StationChanges), as the console and the reviewer name them. */
export const STATION_CHANGE_FIELD_LABELS = {
  name: '名称',
  address: '地址',
  hours: '开放时间',
  services: '服务',
  phone: '电话',
  meals: '爱心餐',
} as const;
