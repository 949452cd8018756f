/**
 * The scheduler's last tick, kept so that `npm run deploy -- --check` can say when the timer trigger last ran the
 * scheduler (a timer that never gets through leaves no other trace but a refusal in the log).
 */
import type { Deps } from '../../core/runtime';
import { StoreConflict, defineCollection, type Doc } from '../../core/store/docstore.port';

export const schedulerTicks = defineCollection<Doc & { at: string; reminded: number }>({ name: 'scheduler_ticks', indexes: [] });

export const SCHEDULER_COLLECTIONS = [schedulerTicks];

/** The one document: the latest tick. */
export const LAST_TICK = 'last';

export async function recordTick(deps: Deps, now: Date, reminded: number): Promise<void> {
  const fields = { at: now.toISOString(), reminded };
  if (await deps.store.update(schedulerTicks, LAST_TICK, fields)) return;
  try {
    await deps.store.insert(schedulerTicks, { _id: LAST_TICK, ...fields });
  } catch (error) {
    // Another tick made it first: this one is no later.
    if (!(error instanceof StoreConflict)) throw error;
  }
}
