import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StationService } from '../../../../../types/common';
import type { ReviewItem } from '../../../../../types/review';
import { ServiceChips } from '../../../../components/service-chips';
import { asLatLng, PlaceView, StationPlaceView } from './place-view';

const CLAIM_LABELS: Record<string, string> = { errand: '帮办代办', hazard: '安全隐患上报', event: '活动参与' };

/** Generic labels for payload fields of kinds this page does not know yet. */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  address: '地址',
  description: '说明',
  realName: '真实姓名',
  platform: '平台',
  employer: '单位/站点',
  points: '积分',
  summary: '摘要',
};

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function Field({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <View className='review-detail__field'>
      <Text className='review-detail__label'>{label}</Text>
      <Text className='review-detail__value'>{value}</Text>
    </View>
  );
}

/** The request's own details, read per kind. */
export function PayloadView({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const place = asLatLng(p.location);
  if (item.kind === 'station') {
    const services = Array.isArray(p.services) ? (p.services as StationService[]) : [];
    return (
      <View>
        <Field label='驿站名称' value={text(p.name)} />
        {place ? (
          <PlaceView location={place} address={text(p.address)} />
        ) : text(p.stationId) ? (
          <StationPlaceView stationId={text(p.stationId)} address={text(p.address)} />
        ) : (
          <Field label='地址' value={text(p.address)} />
        )}
        <View className='review-detail__field'>
          <Text className='review-detail__label'>服务</Text>
          {services.length > 0 ? <ServiceChips services={services} /> : <Text className='review-detail__value'>未填写</Text>}
        </View>
      </View>
    );
  }
  if (item.kind === 'verification') {
    return (
      <View>
        <Field label='真实姓名' value={text(p.realName)} />
        <Field label='平台' value={text(p.platform)} />
        <Field label='单位/站点' value={text(p.employer)} />
      </View>
    );
  }
  if (item.kind === 'claim') {
    const photos = Array.isArray(p.photos) ? p.photos.filter((u): u is string => typeof u === 'string') : [];
    return (
      <View>
        <Field label='类型' value={CLAIM_LABELS[text(p.kind)] ?? text(p.kind)} />
        <Field label='说明' value={text(p.description)} />
        <Field label='申领积分' value={p.points !== undefined ? `${text(p.points)} 分` : ''} />
        {place ? <PlaceView location={place} /> : null}
        {photos.length > 0 ? (
          <View className='review-detail__field'>
            <Text className='review-detail__label'>照片（{photos.length} 张，点击查看）</Text>
            <View className='review-detail__photos'>
              {photos.map((src) => (
                <Image
                  key={src}
                  className='review-detail__photo'
                  src={src}
                  mode='aspectFill'
                  onClick={() => void Taro.previewImage({ urls: photos, current: src })}
                />
              ))}
            </View>
          </View>
        ) : null}
      </View>
    );
  }
  return (
    <View>
      {Object.entries(p)
        .filter(([k, v]) => text(v) && !/id$/i.test(k))
        .map(([k, v]) => (
          <Field key={k} label={FIELD_LABELS[k] ?? k} value={text(v)} />
        ))}
    </View>
  );
}
