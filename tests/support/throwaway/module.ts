/**
 * A throwaway domain for the test that adds one to the module list: one action (`count`, which counts the caller's
 * calls in its one collection) and one collection. Its router is written by hand because it is in no contract.
 */
import type { FunctionName } from '../../../types';
import { defineCollection, type Doc } from '../../../cloudfunctions/core/store/docstore.port';
import type { Router } from '../../../cloudfunctions/core/runtime';

export const tallies = defineCollection<Doc & { calls: number }>({ name: 'throwaway_tallies', indexes: [] });

const router: Router = {
  name: 'throwaway' as FunctionName,
  access: { count: 'anyone' },
  async handle(event, { openid }, deps) {
    if ((event as { action?: unknown }).action !== 'count' || !openid) return { ok: false, error: { code: 'INVALID_INPUT', message: '没有这个操作' } };
    await deps.store.increment(tallies, { _id: openid, calls: 0 }, { calls: 1 });
    return { ok: true, data: { calls: (await deps.store.get(tallies, openid))?.calls } };
  },
};

export default { name: 'throwaway', router, collections: [tallies] };
