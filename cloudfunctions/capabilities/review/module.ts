import { reviewFunction } from './actions';
import { REVIEW_COLLECTIONS } from './collections';
import { reviewKindRegistry } from './kinds';
import type { RegisteredKind } from './review-kinds';

export default {
  name: 'review',
  /** The queue knows every kind the modules file. */
  router: (modules: readonly { reviewKinds?: readonly RegisteredKind[] }[]) => reviewFunction(reviewKindRegistry(modules.flatMap((m) => m.reviewKinds ?? []))),
  uses: ['reviewKinds' as const],
  collections: REVIEW_COLLECTIONS,
};
