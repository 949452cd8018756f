/** The scheduler's sending of queued subscribe messages: WeChat's latency and failures stay out of every answer. */
import type { Deps } from '../../core/runtime';
import { openidOf, users } from '../../core/identity';
import { queuedPushes } from './collections';

/** Messages one tick takes at a time (each send may take up to the push timeout). */
const BATCH = 20;
/** A reminder or a decision pushed later than this says nothing the inbox has not: it is dropped unsent. */
const STALE_MS = 6 * 3_600_000;

/** How long one tick spends sending; what is left waits for the next tick. */
export const SENDING_BUDGET_MS = 30_000;

/** Sends what is queued, oldest first, until none is left or the budget is spent; answers how many were sent. */
export async function sendQueuedPushes(deps: Deps, now: Date): Promise<number> {
  const send = deps.push;
  if (!send) return 0;
  const until = Date.now() + SENDING_BUDGET_MS;
  // Taken by a tick the timeout cut off: never sent, and too old now to be worth it.
  const { items: abandoned } = await deps.store.find(queuedPushes, {
    where: { sending: true, at: { $lt: new Date(now.getTime() - STALE_MS).toISOString() } },
    limit: 1000,
  });
  for (const { _id } of abandoned) await deps.store.remove(queuedPushes, _id);
  let sent = 0;
  while (Date.now() < until) {
    const { items } = await deps.store.find(queuedPushes, { where: { sending: false }, orderBy: [['at', 'asc']], limit: BATCH });
    if (items.length === 0) break;
    for (const queued of items) {
      if (!(await deps.store.updateIf(queuedPushes, queued._id, { sending: false }, { set: { sending: true } }))) continue;
      const user = Date.parse(queued.at) > now.getTime() - STALE_MS ? await deps.store.get(users, queued.userId) : null;
      if (user) {
        try {
          await send(openidOf(user, deps.secrets.fieldKey), queued.kind, {
            title: queued.title,
            body: queued.body,
            ...(queued.link ? { link: queued.link } : {}),
          });
          sent++;
        } catch (error) {
          deps.log?.({ level: 'warn', what: 'push failed', error: error instanceof Error ? error.message : String(error) });
        }
      }
      await deps.store.remove(queuedPushes, queued._id);
    }
  }
  return sent;
}
