/**
 * Quotas and stock without a waitlist (free meals, care packs): a unit is taken with one conditional update outside
 * any transaction (`left > 0 → left − 1`, CloudBase `where({ _id, left: _.gt(0) }).update({ left: _.inc(-1) })`), so
 * a crowd never queues on the quota and a caller who finds none left learns it at once. A caller that took a unit
 * and then could not use it gives it back, once.
 */
import { StoreConflict, type Collection, type Doc, type DocStore } from '../../core/store/docstore.port';

export interface QuotaDoc extends Doc {
  total: number;
  left: number;
}

export function newQuota(id: string, total: number): QuotaDoc {
  return { _id: id, total, left: total };
}

/** Makes a quota document where its first taker makes it (a meal window's first booking of the day); one made meanwhile is kept. */
export async function createQuota(store: DocStore, coll: Collection<QuotaDoc>, quota: QuotaDoc): Promise<void> {
  try {
    await store.insert(coll, quota);
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
  }
}

/**
 * Takes a unit and runs `spend`, giving the unit back when `spend` fails; not taken (and `spend` not run) when none
 * was left.
 */
export async function withUnit<T>(
  store: DocStore,
  coll: Collection<QuotaDoc>,
  id: string,
  spend: () => Promise<T>,
): Promise<{ taken: false } | { taken: true; value: T }> {
  if (!(await store.updateIf(coll, id, { left: { $gt: 0 } }, { inc: { left: -1 } }))) return { taken: false };
  try {
    return { taken: true, value: await spend() };
  } catch (error) {
    await giveBack(store, coll, id);
    throw error;
  }
}

/** Gives back a unit taken by the caller and not used (once per unit taken). */
export async function giveBack(store: DocStore, coll: Collection<QuotaDoc>, id: string): Promise<void> {
  await store.updateIf(coll, id, {}, { inc: { left: 1 } });
}
