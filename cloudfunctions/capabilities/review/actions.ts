import { defineFunction } from '../../core/runtime';
import * as review from './review.service';

/** Review queues: cadres decide, submitters follow and answer. Who may read an item is checked in the service. */
export const reviewFunction = defineFunction('review', {
  queue: { access: ['cadre', 'admin'], run: review.queue },
  get: { access: 'anyone', run: review.get },
  decide: { access: ['cadre', 'admin'], run: review.decide },
  respond: { access: 'anyone', run: review.respond },
  mine: { access: 'anyone', run: review.mine },
  stats: { access: ['cadre', 'admin'], run: review.stats },
});
