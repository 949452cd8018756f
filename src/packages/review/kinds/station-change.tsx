import { Text, View } from '@tarojs/components';
import type { HoursRule, MealWindow, StationService } from '../../../../types/common';
import type { ReviewItem } from '../../../../types/review';
import { formatHours, formatMeal } from '../../../components/format-hours';
import { SERVICE_LABELS, STATION_CHANGE_FIELD_LABELS } from '../../../../types/stations-labels';
import { StationPlaceView } from '../pages/detail/place-view';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str, strings } from './parts';

const servicesText = (v: unknown) =>
  strings(v)
    .map((s) => SERVICE_LABELS[s as StationService] ?? s)
    .join('、') || '无';
const hoursText = (v: unknown) => formatHours(Array.isArray(v) ? (v as HoursRule[]) : undefined).join('；');
const mealsText = (v: unknown) => (Array.isArray(v) && v.length > 0 ? (v as MealWindow[]).map(formatMeal).join('；') : '不提供');

/** Each changed field as 原 → 新, so the reviewer sees exactly what riders would see differently. */
const CHANGES: { key: keyof typeof STATION_CHANGE_FIELD_LABELS; show: (v: unknown) => string }[] = [
  { key: 'name', show: str },
  { key: 'address', show: str },
  { key: 'hours', show: hoursText },
  { key: 'services', show: servicesText },
  { key: 'meals', show: mealsText },
];

function Change({ label, was, now }: { label: string; was?: string; now: string }) {
  return (
    <Field label={label}>
      {was !== undefined ? <Text className='review-detail__was'>原：{was || '（空）'}</Text> : null}
      <Text className='review-detail__value'>改为：{now || '（空）'}</Text>
    </Field>
  );
}

/** 驿站信息修改: the station and every field the staff propose to change, old beside new. */
function StationChangeDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const was = (typeof p.was === 'object' && p.was !== null ? p.was : {}) as Record<string, unknown>;
  const changed = CHANGES.filter((c) => p[c.key] !== undefined);
  return (
    <View>
      <Field label='驿站' value={str(p.stationName)} />
      {changed.map((c) => (
        <Change key={c.key} label={STATION_CHANGE_FIELD_LABELS[c.key]} was={was[c.key] !== undefined ? c.show(was[c.key]) : undefined} now={c.show(p[c.key])} />
      ))}
      {p.phone !== undefined ? <Change label='联系电话' now={str(p.phone) || '删除电话'} /> : null}
      {changed.length === 0 && p.phone === undefined ? <Text className='review-detail__value'>没有改动</Text> : null}
      {str(p.stationId) ? <StationPlaceView stationId={str(p.stationId)} address={str(p.address) || str(was.address)} /> : null}
    </View>
  );
}

export const stationChangeView: KindView = { Details: StationChangeDetails, decisions: STANDARD_DECISIONS };
