/**
 * Seats with an ordered waitlist (childcare enrolments, activity sign-ups), placed without a transaction, so that a
 * crowd never queues on one document held inside every caller's transaction.
 *
 * - Each request is its own keyed document (`programme:child`, `activity:rider`: the uniqueness), written as
 *   `requested` with a fresh ticket (`<requestId>#<nonce>`; a request made again after a cancellation gets a new one).
 * - The seats document is the truth: the tickets holding a seat and the tickets waiting, in order, and a version.
 *   Every change is one compare-and-set on that version (`updateIf`, outside any transaction).
 * - Placing: read the seats, then the oldest requested requests (a query, outside any transaction), seat or waitlist
 *   every one not yet placed, in order, and compare-and-set. Whoever gets there first places everyone waiting; a
 *   caller whose request someone else placed just reads its outcome. A request that finds seats and waitlist full is
 *   turned away by its own caller (never by a placer), the way a cancellation leaves.
 * - Leaving: the request document is marked cancelled first (so no placer takes it again), then one compare-and-set
 *   takes its ticket out, moving the first waitlisted ticket to the freed seat. That compare-and-set always moves the
 *   version, so a placer that read the request before it was cancelled cannot seat it afterwards.
 * - A request document's status follows the seats (it may lag, never lead); answers are read from the seats.
 */
import { TxConflict, type Collection, type Doc, type DocStore, type Where } from '../../core/store/docstore.port';

/** The stored seats of one programme or activity. */
export interface SeatsDoc extends Doc {
  capacity: number;
  /** Tickets holding a seat, in the order they took it. */
  seated: string[];
  /** Tickets waiting, first to be seated first. */
  waitlist: string[];
  /** Moves with every change: each change is a compare-and-set on it. */
  version: number;
}

export type Seats = Pick<SeatsDoc, 'capacity'> & { seated: readonly string[]; waitlist: readonly string[] };

export function newSeats(id: string, capacity: number): SeatsDoc {
  return { _id: id, capacity, seated: [], waitlist: [], version: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Pure rules

/** A request's ticket: the request id and a nonce, so that a request made again never meets its old ticket. */
export const newTicket = (requestId: string, nonce: string) => `${requestId}#${nonce}`;

export const requestIdOf = (ticket: string) => ticket.slice(0, ticket.lastIndexOf('#'));

export type Standing = { status: 'confirmed' } | { status: 'waitlisted'; position: number } | { status: 'unplaced' };

/** Where a ticket stands: seated, or waiting at a 1-based position, or not placed (yet, or any more). */
export function standingOf(seats: Pick<Seats, 'seated' | 'waitlist'>, ticket: string): Standing {
  if (seats.seated.includes(ticket)) return { status: 'confirmed' };
  const i = seats.waitlist.indexOf(ticket);
  return i < 0 ? { status: 'unplaced' } : { status: 'waitlisted', position: i + 1 };
}

export const seatsLeft = (seats: Seats) => Math.max(0, seats.capacity - seats.seated.length);

/** No seat free and the waitlist at its bound: a new request can be neither seated nor waitlisted. */
export const isFull = (seats: Seats, waitlistMax: number) => seatsLeft(seats) === 0 && seats.waitlist.length >= waitlistMax;

/** Places the tickets in order, each not placed already: a free seat while there is one, then the end of the waitlist while it has room. */
export function seatInOrder(seats: Seats, tickets: readonly string[], waitlistMax: number): Seats {
  const seated = [...seats.seated];
  const waitlist = [...seats.waitlist];
  for (const ticket of tickets) {
    if (seated.includes(ticket) || waitlist.includes(ticket)) continue;
    if (seated.length < seats.capacity) seated.push(ticket);
    else if (waitlist.length < waitlistMax) waitlist.push(ticket);
  }
  return { capacity: seats.capacity, seated, waitlist };
}

/**
 * A ticket leaves: a seated one frees its seat, which the first waitlisted ticket takes at once (`promoted`); a
 * waitlisted one leaves the queue and those behind it move up; one not placed changes nothing.
 */
export function leave(seats: Seats, ticket: string): { seats: Seats; promoted?: string } {
  const waitlist = seats.waitlist.filter((t) => t !== ticket);
  if (!seats.seated.includes(ticket)) return { seats: { ...seats, waitlist } };
  const seated = seats.seated.filter((t) => t !== ticket);
  const [first, ...rest] = waitlist;
  if (first === undefined) return { seats: { ...seats, seated, waitlist } };
  return { seats: { ...seats, seated: [...seated, first], waitlist: rest }, promoted: first };
}

// ---------------------------------------------------------------------------------------------------------------
// Placing and leaving on the store

/** What placing reads and writes of a request; each domain's request documents carry at least this. */
export interface RequestDoc extends Doc {
  /** `requested` until placed; then `confirmed` or `waitlisted` (following the seats), or `cancelled`. */
  status: string;
  ticket: string;
  confirmedAt?: string | null;
  cancelledAt?: string | null;
  /** Cancelled because seats and waitlist were both full when it came. */
  full?: boolean | null;
}

export interface SeatsTarget {
  requests: Collection<RequestDoc>;
  seats: Collection<SeatsDoc>;
  seatsId: string;
  /** The requests competing for these seats that are `requested` (under a declared index). */
  waiting: Where;
  /** The requests' time field: oldest first is first come. */
  orderField: string;
  waitlistMax: number;
  /** Tells the requester whose waitlisted request has just taken a freed seat (called once per promotion). */
  promoted(requestId: string): Promise<void>;
}

export type Placed =
  | { status: 'confirmed'; seats: Seats }
  | { status: 'waitlisted'; position: number; seats: Seats }
  /** Turned away: seats and waitlist were full. */
  | { status: 'full'; seats: Seats }
  /**
   * Not placed: cancelled meanwhile, or not within the budget (never seen in practice; it stays requested and is
   * placed by the next caller).
   */
  | { status: 'unplaced'; seats: Seats };

/** Requests read per page, oldest first, and at most this many pages a round. */
const PAGE = 200;
const PAGES = 5;
/**
 * How long one call keeps placing its request (or taking a ticket out), well inside a function's timeout: placing
 * and a turn-away that follows it share it.
 */
export const SETTLE_BUDGET_MS = 8000;

const LIVE = ['requested', 'confirmed', 'waitlisted'];

async function seatsOf(store: DocStore, target: SeatsTarget): Promise<SeatsDoc> {
  const held = await store.get(target.seats, target.seatsId);
  if (!held) throw new Error(`no seats document ${target.seats.name}/${target.seatsId}`);
  return held;
}

/** Writes `next` over `held` if nobody changed the seats since `held` was read. */
function compareAndSet(store: DocStore, target: SeatsTarget, held: SeatsDoc, next: Seats): Promise<boolean> {
  return store.updateIf(
    target.seats,
    target.seatsId,
    { version: held.version },
    {
      set: { seated: [...next.seated], waitlist: [...next.waitlist] },
      inc: { version: 1 },
    },
  );
}

/**
 * The tickets of the requests waiting, oldest first, up to and with the caller's own; null when the own request is
 * not waiting any more (cancelled meanwhile). Requests already placed may still read `requested` (their status
 * lags), so the pages go on until the own one is among them; past the last page read it comes next.
 */
async function waitingUpTo(store: DocStore, target: SeatsTarget, ticket: string): Promise<string[] | null> {
  const tickets: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const found = await store.find(target.requests, {
      where: target.waiting,
      orderBy: [[target.orderField, 'asc']],
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    tickets.push(...found.items.map((r) => r.ticket));
    if (tickets.includes(ticket)) return tickets;
    if (!found.cursor) return null;
    cursor = found.cursor;
  }
  return [...tickets, ticket];
}

/**
 * Places the caller's own request (`requested`, with `ticket`) and every older request waiting for the same seats,
 * and answers where it stands. `seen`: the seats as read before the request was written, to save a first read.
 */
export async function place(store: DocStore, target: SeatsTarget, own: { id: string; ticket: string }, now: Date, seen?: SeatsDoc): Promise<Placed> {
  const deadline = Date.now() + SETTLE_BUDGET_MS;
  let held = seen ?? (await seatsOf(store, target));
  while (Date.now() < deadline) {
    const standing = standingOf(held, own.ticket);
    if (standing.status !== 'unplaced') {
      const status = standing.status;
      await store.updateIf(
        target.requests,
        own.id,
        { ticket: own.ticket, status: 'requested' },
        {
          set: { status, ...(status === 'confirmed' ? { confirmedAt: now.toISOString() } : {}) },
        },
      );
      return { ...standing, seats: held };
    }
    if (isFull(held, target.waitlistMax)) {
      const turned = await turnAway(store, target, own, now, deadline);
      if (turned !== 'placed') return { status: turned, seats: held };
    } else {
      const waiting = await waitingUpTo(store, target, own.ticket);
      if (!waiting) {
        // Not requested any more: placed and moved on meanwhile (promoted), or cancelled.
        held = await seatsOf(store, target);
        const latest = standingOf(held, own.ticket);
        return latest.status === 'unplaced' ? { status: 'unplaced', seats: held } : { ...latest, seats: held };
      }
      const next = seatInOrder(held, waiting, target.waitlistMax);
      if (await compareAndSet(store, target, held, next)) {
        held = { ...held, seated: [...next.seated], waitlist: [...next.waitlist], version: held.version + 1 };
        continue;
      }
    }
    // Someone else changed the seats first, most likely placing this request too: look again.
    held = await seatsOf(store, target);
  }
  return { status: 'unplaced', seats: held };
}

/**
 * Marks the caller's own request turned away, then takes out its ticket should a placer have seated it meanwhile.
 * `placed` when the request was not requested any more because a placer got to it first.
 */
async function turnAway(
  store: DocStore,
  target: SeatsTarget,
  own: { id: string; ticket: string },
  now: Date,
  deadline: number,
): Promise<'full' | 'placed' | 'unplaced'> {
  const marked = await store.updateIf(
    target.requests,
    own.id,
    { ticket: own.ticket, status: 'requested' },
    {
      set: { status: 'cancelled', cancelledAt: now.toISOString(), full: true },
    },
  );
  if (marked) {
    await vacate(store, target, own.ticket, now, deadline);
    return 'full';
  }
  const current = await store.get(target.requests, own.id);
  return current?.ticket === own.ticket && LIVE.includes(current.status) ? 'placed' : 'unplaced';
}

/**
 * Takes a ticket out of the seats (its request already marked cancelled), promoting the first waitlisted ticket to
 * a freed seat, whose request is confirmed and told. Always moves the version (see the module comment).
 */
export async function vacate(store: DocStore, target: SeatsTarget, ticket: string, now: Date, deadline = Date.now() + SETTLE_BUDGET_MS): Promise<void> {
  for (;;) {
    const held = await seatsOf(store, target);
    const { seats: next, promoted } = leave(held, ticket);
    if (await compareAndSet(store, target, held, next)) {
      if (promoted) await confirmPromoted(store, target, promoted, now);
      return;
    }
    if (Date.now() > deadline) throw new TxConflict(0);
  }
}

async function confirmPromoted(store: DocStore, target: SeatsTarget, ticket: string, now: Date): Promise<void> {
  const id = requestIdOf(ticket);
  const confirmed = await store.updateIf(
    target.requests,
    id,
    { ticket, status: { $in: ['requested', 'waitlisted'] } },
    {
      set: { status: 'confirmed', confirmedAt: now.toISOString() },
    },
  );
  if (confirmed) await target.promoted(id);
}

/**
 * The requester cancels a live request: the document is marked cancelled (by one caller only: false when it was
 * not live any more), then its ticket leaves the seats.
 */
export async function cancelRequest(store: DocStore, target: SeatsTarget, request: Pick<RequestDoc, '_id' | 'ticket'>, now: Date): Promise<boolean> {
  const marked = await store.updateIf(
    target.requests,
    request._id,
    { ticket: request.ticket, status: { $in: LIVE } },
    {
      set: { status: 'cancelled', cancelledAt: now.toISOString() },
    },
  );
  if (marked) await vacate(store, target, request.ticket, now);
  return marked;
}

/**
 * A cancelled request whose ticket is still in the seats (its canceller stopped between the two steps) leaves them
 * now: a second cancellation finishes the first.
 */
export async function finishCancel(store: DocStore, target: SeatsTarget, request: Pick<RequestDoc, 'status' | 'ticket'>, now: Date): Promise<void> {
  if (request.status !== 'cancelled') return;
  if (standingOf(await seatsOf(store, target), request.ticket).status !== 'unplaced') await vacate(store, target, request.ticket, now);
}

/** How a request looks to its requester: cancelled and pending as stored, otherwise where the seats have it. */
export function requestStanding(
  request: Pick<RequestDoc, 'status' | 'ticket'>,
  seats: Pick<Seats, 'seated' | 'waitlist'> | null | undefined,
): Standing | { status: 'cancelled' | 'pending' } {
  if (!LIVE.includes(request.status)) return { status: request.status === 'pending' ? 'pending' : 'cancelled' };
  return seats ? standingOf(seats, request.ticket) : { status: 'unplaced' };
}
