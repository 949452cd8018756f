import type { Deps } from '../../core/runtime';
import { FIGURES_COLLECTIONS, ROLLUP_COLLECTIONS } from './collections';
import { foldFacts } from './fold';

export default {
  name: 'figures',
  collections: FIGURES_COLLECTIONS,
  sweeps: [{ counts: 'folded' as const, run: (deps: Deps, now: Date) => foldFacts(deps.store, now) }],
  rollups: { collections: ROLLUP_COLLECTIONS, refold: foldFacts },
};
