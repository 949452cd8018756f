import type { ReviewItem } from '../../../../../types/review';
import { KIND_VIEWS } from '../../kinds';

/** The request's own details, as its kind shows them (src/packages/review/kinds, a file per kind). */
export function PayloadView({ item }: { item: ReviewItem }) {
  const { Details } = KIND_VIEWS[item.kind];
  return <Details item={item} />;
}
