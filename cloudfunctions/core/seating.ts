/**
 * Seats, quotas and stock held on one keyed document, with an ordered waitlist: the pure placement rules and the
 * batched placing of requests under CloudBase's optimistic transactions. Childcare enrolments, activity sign-ups,
 * free-meal bookings and care-pack hand-outs all use it.
 *
 * Every placement writes the one seats document, and CloudBase transactions are optimistic: if each of 200
 * simultaneous requests placed only itself, each commit would doom every other running attempt and most callers
 * would run out of retries. So a request is first written as `requested` (its own keyed document, no contention),
 * then the caller places the oldest requested requests for the same seats together with its own in one
 * transaction. Whoever commits first places everyone in its batch; the others find their own request placed and
 * finish with a read-only transaction. Batches are taken oldest first, so the order of the waitlist follows the
 * order of the requests.
 */
import type { Collection, Doc, Where } from './store/docstore.port';
import { TxConflict, type DocStore } from './store/docstore.port';

export interface Seats {
  capacity: number;
  confirmed: number;
  waitlist: readonly string[];
}

export type Placement = { status: 'confirmed'; seats: Seats } | { status: 'waitlisted'; position: number; seats: Seats } | { status: 'full' };

/** A new request takes a free seat, or the end of the waitlist; `full` when the waitlist is at its bound too. */
export function place(seats: Seats, requestId: string, waitlistMax: number): Placement {
  if (seats.confirmed < seats.capacity) return { status: 'confirmed', seats: { ...seats, confirmed: seats.confirmed + 1 } };
  if (seats.waitlist.length >= waitlistMax) return { status: 'full' };
  const waitlist = [...seats.waitlist, requestId];
  return { status: 'waitlisted', position: waitlist.length, seats: { ...seats, waitlist } };
}

/**
 * A request leaves: a confirmed one frees its seat, which the first waitlisted request takes at once (`promoted`);
 * a waitlisted one leaves the queue, and those behind it move up.
 */
export function release(seats: Seats, requestId: string, status: 'confirmed' | 'waitlisted'): { seats: Seats; promoted?: string } {
  if (status === 'waitlisted') return { seats: { ...seats, waitlist: seats.waitlist.filter((id) => id !== requestId) } };
  const [first, ...rest] = seats.waitlist;
  if (first === undefined) return { seats: { ...seats, confirmed: Math.max(0, seats.confirmed - 1) } };
  return { seats: { ...seats, waitlist: rest }, promoted: first };
}

/** 1-based place in the waitlist, or undefined when not on it. */
export function positionOf(seats: Pick<Seats, 'waitlist'>, requestId: string): number | undefined {
  const i = seats.waitlist.indexOf(requestId);
  return i < 0 ? undefined : i + 1;
}

/** The stored seats: one document per programme, activity, meal window or station stock. */
export interface SeatsDoc extends Doc {
  capacity: number;
  confirmed: number;
  /** Request ids, first to be confirmed first. */
  waitlist: string[];
}

/** What placing reads and writes of a request; each domain's request documents carry at least this. */
export interface PlaceableDoc extends Doc {
  /** `requested` until placed; then `confirmed`, `waitlisted`, or `cancelled` with `full` when nothing was left. */
  status: string;
  confirmedAt?: string;
  cancelledAt?: string;
  full?: boolean;
}

export interface SettleTarget {
  requests: Collection<PlaceableDoc>;
  seats: Collection<SeatsDoc>;
  seatsId: string;
  /** Selects the requested requests competing for these seats (with `status: 'requested'`), under a declared index. */
  waiting: Where;
  /** The request's time field the batch is taken in (oldest first). */
  orderField: string;
  waitlistMax: number;
}

/** Small enough that one batch's transaction (two requests per request placed) ends well inside CloudBase's 10 s. */
const BATCH = 25;
/** How long a caller keeps trying to get its request placed, inside a function's 10 s timeout. */
export const SETTLE_BUDGET_MS = 8000;

/** Places `ownId` (a requested request) and as many older requested requests for the same seats as fit a batch. */
export async function settle(store: DocStore, target: SettleTarget, ownId: string, now: Date): Promise<void> {
  const { requests, seats } = target;
  const at = now.toISOString();
  const started = Date.now();
  for (;;) {
    // Someone else's batch may have placed it already.
    if ((await store.get(requests, ownId))?.status !== 'requested') return;
    const waiting = await store.find(requests, { where: target.waiting, orderBy: [[target.orderField, 'asc']], limit: BATCH });
    const ids = [...new Set([...waiting.items.map((e) => e._id), ownId])];
    try {
      await store.transaction(async (tx) => {
        const own = await tx.get(requests, ownId);
        if (!own || own.status !== 'requested') return;
        const held = await tx.get(seats, target.seatsId);
        if (!held) return;
        // Claim the seats document first, so that concurrent placers meet the conflict before reading their batch.
        await tx.set(seats, held);
        let current: Seats = { capacity: held.capacity, confirmed: held.confirmed, waitlist: held.waitlist };
        for (const id of ids) {
          const e = id === ownId ? own : await tx.get(requests, id);
          if (!e || e.status !== 'requested') continue;
          const placed = place(current, id, target.waitlistMax);
          if (placed.status === 'full') {
            await tx.update(requests, id, { status: 'cancelled', cancelledAt: at, full: true });
            continue;
          }
          current = placed.seats;
          await tx.update(requests, id, { status: placed.status, ...(placed.status === 'confirmed' ? { confirmedAt: at } : {}) });
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
