import type { ParsedInputOf } from '../../../types';
import { defineFunction, type Ctx, type Router } from '../../core/runtime';
import type { ReviewKinds } from './kinds';
import * as review from './review.service';

/** Review queues: cadres decide, submitters follow and answer. Who may read an item is checked in the service. */
export function reviewFunction(kinds: ReviewKinds): Router {
  return defineFunction('review', {
    queue: { access: ['cadre', 'admin'], run: (ctx: Ctx, input: ParsedInputOf<'review', 'queue'>) => review.queue(ctx, kinds, input) },
    get: { access: 'anyone', run: (ctx: Ctx, input: ParsedInputOf<'review', 'get'>) => review.get(ctx, kinds, input) },
    decide: { access: ['cadre', 'admin'], run: (ctx: Ctx, input: ParsedInputOf<'review', 'decide'>) => review.decideItem(ctx, kinds, input) },
    respond: { access: 'anyone', run: (ctx: Ctx, input: ParsedInputOf<'review', 'respond'>) => review.respond(ctx, kinds, input) },
    mine: { access: 'anyone', run: (ctx: Ctx, input: ParsedInputOf<'review', 'mine'>) => review.mine(ctx, kinds, input) },
    stats: { access: ['cadre', 'admin'], run: (ctx: Ctx) => review.stats(ctx, kinds) },
  });
}
