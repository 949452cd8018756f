/**
 * Placing requested enrolments on the programme's seats document, in batches.
 *
 * Every placement writes the one seats document, and CloudBase transactions are optimistic: if each of 200
 * simultaneous enrolments placed only itself, each commit would doom every other running attempt and most callers
 * would run out of retries. So an enrolment is first written as `requested` (its own keyed document, no contention),
 * then the caller places the oldest requested enrolments of the programme together with its own in one
 * transaction. Whoever commits first places everyone in its batch; the others find their own enrolment placed and
 * finish with a read-only transaction. Batches are taken oldest first, so the order of the waitlist follows the
 * order of the requests.
 */
import { PROGRAMME_LIMITS } from '../../types/childcare-labels';
import type { DocStore } from '../core/store/docstore.port';
import { TxConflict } from '../core/store/docstore.port';
import { place, type Seats } from './childcare-rules';
import { enrolments, seats } from './collections';

/** Small enough that one batch's transaction (two requests per enrolment) ends well inside CloudBase's 10 s. */
const BATCH = 25;
/** How long a caller keeps trying to get its enrolment placed, inside a function's 10 s timeout. */
const SETTLE_BUDGET_MS = 8000;

/** Places `ownId` (a requested enrolment) and as many older requested enrolments of the programme as fit a batch. */
export async function settle(store: DocStore, programmeId: string, ownId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const started = Date.now();
  for (;;) {
    // Someone else's batch may have placed it already.
    if ((await store.get(enrolments, ownId))?.status !== 'requested') return;
    const waiting = await store.find(enrolments, {
      where: { programmeId, status: 'requested' },
      orderBy: [['enrolledAt', 'asc']],
      limit: BATCH,
    });
    const ids = [...new Set([...waiting.items.map((e) => e._id), ownId])];
    try {
      await store.transaction(async (tx) => {
        const own = await tx.get(enrolments, ownId);
        if (!own || own.status !== 'requested') return;
        const held = await tx.get(seats, programmeId);
        if (!held) return;
        // Claim the seats document first, so that concurrent placers meet the conflict before reading their batch.
        await tx.set(seats, held);
        let current: Seats = { capacity: held.capacity, confirmed: held.confirmed, waitlist: held.waitlist };
        for (const id of ids) {
          const e = id === ownId ? own : await tx.get(enrolments, id);
          if (!e || e.status !== 'requested') continue;
          const placed = place(current, id, PROGRAMME_LIMITS.waitlistMax);
          if (placed.status === 'full') {
            await tx.update(enrolments, id, { status: 'cancelled', cancelledAt: at, full: true });
            continue;
          }
          current = placed.seats;
          await tx.update(enrolments, id, { status: placed.status, ...(placed.status === 'confirmed' ? { confirmedAt: at } : {}) });
        }
        await tx.set(seats, { _id: held._id, capacity: current.capacity, confirmed: current.confirmed, waitlist: [...current.waitlist] });
      });
      return;
    } catch (error) {
      if (!(error instanceof TxConflict) || Date.now() - started > SETTLE_BUDGET_MS) throw error;
    }
    // Let the batch that won commit before looking again.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
}
