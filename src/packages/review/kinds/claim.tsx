import { View } from '@tarojs/components';
import { CLAIM_KIND_LABELS, type ClaimKind } from '../../../../types/points-labels';
import type { ReviewItem } from '../../../../types/review';
import { asLatLng, PlaceView } from '../pages/detail/place-view';
import { STANDARD_DECISIONS, type KindView } from './kind-view';
import { Field, Photos, str, strings } from './parts';

/** 积分申领: what was done, where (a hazard's place on a small map), the photos, and the points it earns. */
function ClaimDetails({ item }: { item: ReviewItem }) {
  const p = item.payload;
  const place = asLatLng(p.location);
  return (
    <View>
      <Field label='类型' value={CLAIM_KIND_LABELS[str(p.kind) as ClaimKind] ?? str(p.kind)} />
      <Field label='说明' value={str(p.description)} />
      <Field label='申领积分' value={p.points !== undefined ? `${str(p.points)} 分` : ''} />
      {place ? <PlaceView location={place} /> : null}
      <Photos urls={strings(p.photos)} />
    </View>
  );
}

export const claimView: KindView = { Details: ClaimDetails, decisions: STANDARD_DECISIONS };
