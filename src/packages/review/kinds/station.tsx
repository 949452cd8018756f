import { Text, View } from '@tarojs/components';
import type { StationService } from '../../../../types/common';
import type { ReviewItem } from '../../../../types/review';
import { ServiceChips } from '../../../components/service-chips';
import { asLatLng, PlaceView, StationPlaceView } from '../pages/detail/place-view';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, str, strings } from './parts';

/** 驿站登记: the new station's name, its place on a small map with the address, and its services. */
function StationDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const place = asLatLng(p.location);
  const services = strings(p.services) as StationService[];
  return (
    <View>
      <Field label='驿站名称' value={str(p.name)} />
      {place ? (
        <PlaceView location={place} address={str(p.address)} />
      ) : str(p.stationId) ? (
        <StationPlaceView stationId={str(p.stationId)} address={str(p.address)} />
      ) : (
        <Field label='地址' value={str(p.address)} />
      )}
      <Field label='提供的服务'>{services.length > 0 ? <ServiceChips services={services} /> : <Text className='review-detail__value'>未填写</Text>}</Field>
    </View>
  );
}

export const stationView: KindView = { Details: StationDetails, decisions: STANDARD_DECISIONS };
