/**
 * The seating protocol itself (capabilities/seating/seating.ts) under races, on both adapters, at a cloud round trip on the CloudBase
 * stand-in: placing crowds past the waitlist's bound, cancellations racing placements, requests made again. Activity
 * sign-ups and seats serve as the request and seats collections.
 */
import { activitySeats, signups, type SignupDoc } from '../../cloudfunctions/features/activities/collections';
import { cancelRequest, newSeats, newTicket, place, type Placed, type SeatsTarget } from '../../cloudfunctions/capabilities/seating/seating';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';
import { CLOUD_LATENCY } from '../support/stores';

jest.setTimeout(120_000);

const T0 = new Date('2026-11-18T02:00:00.000Z');
let h: Harness;
let nonce = 0;

beforeAll(async () => {
  h = await createHarness(T0, { latency: CLOUD_LATENCY });
});
afterAll(() => h.close());

function target(seatsId: string, waitlistMax: number, promoted: string[]): SeatsTarget {
  return {
    requests: signups,
    seats: activitySeats,
    seatsId,
    waiting: { activityId: seatsId, status: 'requested' },
    orderField: 'requestedAt',
    waitlistMax,
    promoted: async (id) => {
      promoted.push(id);
    },
  };
}

/** Writes a request (a new ticket each time) with a time that orders it, and answers it. */
async function request(seatsId: string, who: string, order: number): Promise<SignupDoc> {
  const id = `${seatsId}:${who}`;
  const doc: SignupDoc = {
    _id: id,
    activityId: seatsId,
    riderId: who,
    orgId: 'org',
    status: 'requested',
    ticket: newTicket(id, String(++nonce)),
    requestedAt: new Date(T0.getTime() + order).toISOString(),
  };
  if (await h.store.get(signups, id)) await h.store.updateIf(signups, id, { status: 'cancelled' }, { set: { ...doc, cancelledAt: null, full: null } });
  else await h.store.insert(signups, doc);
  return doc;
}

/** The seats hold exactly the live requests' tickets, at most capacity seated, nobody waiting beside a free seat. */
async function expectConsistent(seatsId: string) {
  const held = must(await h.store.get(activitySeats, seatsId), 'seats');
  const all = await findAll(h.store, signups, { where: { activityId: seatsId } });
  const live = all.filter((s) => s.status !== 'cancelled');
  expect(held.seated.length).toBeLessThanOrEqual(held.capacity);
  if (held.waitlist.length > 0) expect(held.seated).toHaveLength(held.capacity);
  expect([...held.seated, ...held.waitlist].sort()).toEqual(live.map((s) => s.ticket).sort());
  for (const s of live) expect(s.status).toBe(held.seated.includes(s.ticket) ? 'confirmed' : 'waitlisted');
  return held;
}

it('20 requests at once for 2 seats and a waitlist of 3: 2 confirmed, 3 waitlisted first come, 15 turned away', async () => {
  await h.store.insert(activitySeats, newSeats('full-crowd', 2));
  const docs = await Promise.all(Array.from({ length: 20 }, (_, i) => request('full-crowd', `r${String(i).padStart(2, '0')}`, i)));
  const placed = await Promise.all(docs.map((d) => place(h.store, target('full-crowd', 3, []), { id: d._id, ticket: d.ticket }, T0)));
  const statuses = placed.map((p) => p.status);
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(2);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(3);
  expect(statuses.filter((s) => s === 'full')).toHaveLength(15);
  const positions = placed.flatMap((p) => (p.status === 'waitlisted' ? [p.position] : []));
  expect(positions.sort()).toEqual([1, 2, 3]);
  const held = await expectConsistent('full-crowd');
  // Everyone was written before anyone placed: the first five come first.
  expect([...held.seated, ...held.waitlist].sort()).toEqual(
    docs
      .slice(0, 5)
      .map((d) => d.ticket)
      .sort(),
  );
  const turnedAway = (await findAll(h.store, signups, { where: { activityId: 'full-crowd' } })).filter((s) => s.full);
  expect(turnedAway).toHaveLength(15);
});

it('cancellations racing placements leave the seats and the requests consistent, and promote each at most once', async () => {
  await h.store.insert(activitySeats, newSeats('race', 3));
  const promoted: string[] = [];
  const first = await Promise.all(Array.from({ length: 10 }, (_, i) => request('race', `a${i}`, i)));
  await Promise.all(first.map((d) => place(h.store, target('race', 50, promoted), { id: d._id, ticket: d.ticket }, T0)));
  // Five leave (seated ones and waiting ones), two of them cancelled twice at once, while ten more come and two of
  // the newcomers leave as soon as they have asked.
  const late = await Promise.all(Array.from({ length: 10 }, (_, i) => request('race', `b${i}`, 100 + i)));
  const leaving = [first[0]!, first[1]!, first[4]!, first[8]!, first[9]!];
  const outcomes = await Promise.all([
    ...leaving.map((d) => cancelRequest(h.store, target('race', 50, promoted), d, T0)),
    cancelRequest(h.store, target('race', 50, promoted), first[0]!, T0),
    cancelRequest(h.store, target('race', 50, promoted), first[4]!, T0),
    ...late.map((d) => place(h.store, target('race', 50, promoted), { id: d._id, ticket: d.ticket }, T0)),
    cancelRequest(h.store, target('race', 50, promoted), late[3]!, T0),
    cancelRequest(h.store, target('race', 50, promoted), late[7]!, T0),
  ]);
  const cancels = outcomes.filter((o): o is boolean => typeof o === 'boolean');
  // Each request is cancelled once, whoever asks twice.
  expect(cancels.filter(Boolean)).toHaveLength(7);
  const held = await expectConsistent('race');
  expect(held.seated.length + held.waitlist.length).toBe(20 - 7);
  expect(new Set(promoted).size).toBe(promoted.length);
  // Who was promoted holds a seat now, or left afterwards.
  const live = new Map((await findAll(h.store, signups, { where: { activityId: 'race' } })).map((s) => [s._id, s]));
  for (const id of promoted) expect(['confirmed', 'cancelled']).toContain(live.get(id)?.status);
  // The placements answered where each stood at that moment, never a place that does not exist.
  for (const o of outcomes.filter((x): x is Placed => typeof x === 'object')) expect(['confirmed', 'waitlisted', 'unplaced']).toContain(o.status);
});

it('a request made again after a cancellation gets a new ticket: the old one never comes back', async () => {
  await h.store.insert(activitySeats, newSeats('again', 1));
  const promoted: string[] = [];
  const one = await request('again', 'x', 0);
  await place(h.store, target('again', 5, promoted), { id: one._id, ticket: one.ticket }, T0);
  const two = await request('again', 'y', 1);
  await place(h.store, target('again', 5, promoted), { id: two._id, ticket: two.ticket }, T0);
  await cancelRequest(h.store, target('again', 5, promoted), one, T0);
  expect(promoted).toEqual([two._id]);
  const back = await request('again', 'x', 2);
  expect(back.ticket).not.toBe(one.ticket);
  expect(await place(h.store, target('again', 5, promoted), { id: back._id, ticket: back.ticket }, T0)).toMatchObject({ status: 'waitlisted', position: 1 });
  const held = await expectConsistent('again');
  expect(held.seated).toEqual([two.ticket]);
  expect(held.waitlist).toEqual([back.ticket]);
});
