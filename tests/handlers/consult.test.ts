import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Booking, ConsultCategory, ConsultMode } from '../../types';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { bookings, slots, upcoming } from '../../cloudfunctions/features/consult/collections';
import { newId } from '../../cloudfunctions/core/crypto';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import type { Collection, Doc } from '../../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTIONS } from '../../cloudfunctions/functions';
import { buildOrg, buildPerson } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';

// 10:00 in Shanghai, Wednesday 18 November.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const HOUR = 3_600_000;

const COUNTY = 'c-county';
const TOWN = 'c-town';
const OTHER = 'c-other';
const CO = 'co-main';
const CO_OTHER = 'co-other';
const CADRE_TOWN = 'cadre-town';
const CADRE_COUNTY = 'cadre-county';
const CADRE_OTHER = 'cadre-other';

let h: Harness;
let nextHour = 4;

/** A fresh 30-minute slot of the counsellor, an hour after the previous one (never overlapping, never past midnight). */
async function freshSlot(counsellor = CO, modes: ConsultMode[] = ['phone', 'video']): Promise<string> {
  const start = new Date(T0.getTime() + nextHour++ * HOUR);
  const out = await h.call(counsellor, 'consult', 'publishSlots', {
    slots: [{ start: start.toISOString(), end: new Date(start.getTime() + HOUR / 2).toISOString(), modes }],
  });
  return must(out.slots[0], 'a published slot').id;
}

async function bookSlot(rider: string, slotId: string, over: { topic?: string; phone?: string; category?: ConsultCategory; anonymous?: boolean } = {}) {
  return (
    await h.call(rider, 'consult', 'book', {
      slotId,
      category: over.category ?? 'law',
      mode: 'phone',
      topic: over.topic ?? '电动车被撞了对方不赔',
      ...(over.phone ? { phone: over.phone } : {}),
      ...(over.anonymous !== undefined ? { anonymous: over.anonymous } : {}),
    })
  ).booking;
}

async function slotDoc(id: string) {
  return must(await h.store.get(slots, id), `slot ${id}`);
}

async function inboxTitles(openid: string): Promise<string[]> {
  return (await h.call(openid, 'account', 'messages', {})).messages.map((m) => m.title);
}

/** Every slot is held by exactly the booked booking that names it, and every booked booking holds its slot. */
async function expectSlotsConsistent(): Promise<void> {
  const all = await findAll(h.store, slots);
  const live = (await findAll(h.store, bookings)).filter((b) => b.status === 'booked');
  for (const s of all) {
    const holders = live.filter((b) => b.slotId === s._id);
    expect(holders.length).toBeLessThanOrEqual(1);
    expect(s.free).toBe(holders.length === 0);
    expect(s.bookingId ?? null).toBe(holders[0]?._id ?? null);
  }
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district', name: '县团委' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY, name: '街道团工委' });
  await buildOrg(h.store, OTHER, { name: '别的团委' });
  await buildPerson(h.deps, CADRE_TOWN, { roles: ['cadre'], cadreOrgIds: [TOWN], displayName: '街道干事' });
  await buildPerson(h.deps, CADRE_COUNTY, { roles: ['cadre'], cadreOrgIds: [COUNTY], displayName: '县团委书记' });
  await buildPerson(h.deps, CADRE_OTHER, { roles: ['cadre'], cadreOrgIds: [OTHER], displayName: '别处干事' });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: CO, name: '张律师', categories: ['law', 'labour'], orgId: TOWN });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: CO_OTHER, name: '刘老师', categories: ['psych', 'law'], orgId: OTHER });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

describe('categories and counsellors', () => {
  it('lists the seven topics by their contract ids', async () => {
    const { categories } = await h.call('r-any', 'consult', 'categories', {});
    expect(categories.map((c) => c.id)).toEqual(['law', 'psych', 'labour', 'workplace', 'family', 'love', 'insurance']);
    expect(categories[0]).toEqual({ id: 'law', name: '法律' });
  });

  it('lets only an admin add a counsellor, who gains the role', async () => {
    expect(await h.fail(CADRE_TOWN, 'consult', 'addCounsellor', { openid: 'x', name: '某某', categories: ['law'], orgId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'consult', 'addCounsellor', { openid: 'x', name: '某某', categories: ['law'], orgId: 'nowhere' })).toBe('NOT_FOUND');
    expect(await h.fail(ADMIN, 'consult', 'addCounsellor', { openid: 'x', name: '某某', categories: ['astrology'], orgId: TOWN })).toBe('INVALID_INPUT');
    const { counsellor } = await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'co-new', name: '王老师', categories: ['family'], orgId: TOWN });
    expect(counsellor).toMatchObject({ name: '王老师', categories: ['family'], orgId: TOWN });
    expect((await h.user('co-new'))?.roles).toContain('counsellor');
  });
});

describe('publishing slots', () => {
  it('refuses a rider, a slot in the past and a slot overlapping one of the counsellor’s own', async () => {
    const start = new Date(T0.getTime() + 200 * HOUR);
    const slot = { start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString(), modes: ['phone' as const] };
    expect(await h.fail('r-pub', 'consult', 'publishSlots', { slots: [slot] })).toBe('FORBIDDEN');
    const past = { ...slot, start: new Date(T0.getTime() - HOUR).toISOString(), end: T0.toISOString() };
    expect(await h.fail(CO, 'consult', 'publishSlots', { slots: [past] })).toBe('INVALID_INPUT');
    await h.call(CO, 'consult', 'publishSlots', { slots: [slot] });
    const shifted = { ...slot, start: new Date(start.getTime() + HOUR / 2).toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() };
    expect(await h.fail(CO, 'consult', 'publishSlots', { slots: [shifted] })).toBe('CONFLICT');
    const touching = { ...slot, start: slot.end, end: new Date(start.getTime() + 2 * HOUR).toISOString() };
    expect(await h.fail(CO, 'consult', 'publishSlots', { slots: [touching, shifted] })).toBe('CONFLICT');
    // Another counsellor may hold the same hour.
    await h.call(CO_OTHER, 'consult', 'publishSlots', { slots: [slot] });
    expect((await findAll(h.store, slots, { where: { counsellorId: must(await h.user(CO), 'co')._id } })).some((s) => s.start === shifted.start)).toBe(false);
  });

  it('expands a week template: Tuesdays and Thursdays 14:00–17:00 in 30-minute slots for two weeks', async () => {
    await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'co-template', name: '赵老师', categories: ['workplace'], orgId: TOWN });
    const { slots: made } = await h.call('co-template', 'consult', 'publishSlots', {
      template: { days: [2, 4], from: '14:00', to: '17:00', minutes: 30, weeks: 2, modes: ['phone', 'text'] },
    });
    // From Wednesday 18 Nov for 14 days: Thu 19, Tue 24, Thu 26, Tue 1 Dec; six slots each.
    expect(made).toHaveLength(24);
    expect(made[0]).toMatchObject({ start: '2026-11-19T14:00:00.000+08:00', end: '2026-11-19T14:30:00.000+08:00', booked: false });
    expect(made.at(-1)?.start).toBe('2026-12-01T16:30:00.000+08:00');
    // A template fills only the time still free: Thursday 16:00–17:00 is taken, 17:00–18:00 is published.
    const more = await h.call('co-template', 'consult', 'publishSlots', {
      template: { days: [4], from: '16:00', to: '18:00', minutes: 60, weeks: 1, modes: ['phone'] },
    });
    expect(more).toMatchObject({ skipped: 1, slots: [{ start: '2026-11-19T17:00:00.000+08:00' }] });
    expect(
      await h.fail('co-template', 'consult', 'publishSlots', {
        template: { days: [2, 4], from: '14:00', to: '17:00', minutes: 30, weeks: 2, modes: ['phone'] },
      }),
    ).toBe('CONFLICT');
    const free = await h.call('r-any', 'consult', 'slots', { category: 'workplace', limit: 100 });
    expect(free.slots).toHaveLength(25);
  });

  it('refuses times off the quarter hour, in slots and in templates', async () => {
    const start = new Date(Date.parse('2026-11-25T18:03:00+08:00'));
    const odd = { start: start.toISOString(), end: new Date(start.getTime() + HOUR / 2).toISOString(), modes: ['phone' as const] };
    expect(await h.fail(CO, 'consult', 'publishSlots', { slots: [odd] })).toBe('INVALID_INPUT');
    expect(
      await h.fail(CO, 'consult', 'publishSlots', {
        template: { days: [1], from: '18:03', to: '20:00', minutes: 30, weeks: 1, modes: ['phone'] },
      }),
    ).toBe('INVALID_INPUT');
    expect(
      await h.fail(CO, 'consult', 'publishSlots', {
        template: { days: [1], from: '18:00', to: '20:00', minutes: 20, weeks: 1, modes: ['phone'] },
      }),
    ).toBe('INVALID_INPUT');
  });

  it('lets a counsellor see and withdraw their own free future slots, never a booked or started one', async () => {
    const kept = await freshSlot();
    const gone = await freshSlot();
    const own = await h.call(CO, 'consult', 'mySlots', {});
    expect(own.slots.map((s) => s.id)).toEqual(expect.arrayContaining([kept, gone]));
    expect(await h.fail(CO_OTHER, 'consult', 'withdrawSlot', { slotId: gone })).toBe('FORBIDDEN');
    expect(await h.fail('r-w', 'consult', 'withdrawSlot', { slotId: gone })).toBe('FORBIDDEN');
    await h.call(CO, 'consult', 'withdrawSlot', { slotId: gone });
    expect((await h.call(CO, 'consult', 'mySlots', {})).slots.map((s) => s.id)).not.toContain(gone);
    expect(await h.fail('r-w', 'consult', 'book', { slotId: gone, category: 'law', mode: 'phone', topic: '还在吗' })).toBe('NOT_FOUND');
    // Its time is free again for a new slot.
    const goneStart = new Date(T0.getTime() + (nextHour - 1) * HOUR);
    await h.call(CO, 'consult', 'publishSlots', {
      slots: [{ start: goneStart.toISOString(), end: new Date(goneStart.getTime() + HOUR / 2).toISOString(), modes: ['phone'] }],
    });
    await bookSlot('r-w', kept);
    expect(await h.fail(CO, 'consult', 'withdrawSlot', { slotId: kept })).toBe('CONFLICT');
    const later = await freshSlot();
    h.clock.now = new Date(Date.parse((await slotDoc(later)).start) + 1000);
    expect(await h.fail(CO, 'consult', 'withdrawSlot', { slotId: later })).toBe('EXPIRED');
    await expectSlotsConsistent();
  });

  it('shows riders only free future slots of the topic, soonest first, with the counsellor', async () => {
    const a = await freshSlot();
    const b = await freshSlot();
    const { slots: free } = await h.call('r-list', 'consult', 'slots', { category: 'labour', limit: 100 });
    const ids = free.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    expect(free.find((s) => s.id === a)?.counsellor.name).toBe('张律师');
    expect(free.map((s) => s.start)).toEqual([...free.map((s) => s.start)].sort());
    // 刘老师 does not offer labour consultations.
    expect(free.every((s) => s.counsellor.name === '张律师')).toBe(true);
    await bookSlot('r-list', a, { category: 'labour' });
    const after = await h.call('r-list', 'consult', 'slots', { category: 'labour', limit: 100 });
    expect(after.slots.map((s) => s.id)).not.toContain(a);
    h.clock.now = new Date(
      Date.parse(
        must(
          free.find((s) => s.id === b),
          'slot b',
        ).start,
      ) + 1000,
    );
    expect((await h.call('r-list', 'consult', 'slots', { category: 'labour', limit: 100 })).slots.map((s) => s.id)).not.toContain(b);
  });
});

describe('booking', () => {
  it('books a slot, tells both sides, and refuses wrong modes, topics, past and taken slots', async () => {
    const slotId = await freshSlot(CO, ['video']);
    const base = { slotId, category: 'law' as const, mode: 'video' as const, topic: '押金不退' };
    expect(await h.fail('r-b1', 'consult', 'book', { ...base, mode: 'text' })).toBe('INVALID_INPUT');
    expect(await h.fail('r-b1', 'consult', 'book', { ...base, category: 'family' })).toBe('INVALID_INPUT');
    expect(await h.fail('r-b1', 'consult', 'book', { ...base, topic: '' })).toBe('INVALID_INPUT');
    expect(await h.fail('r-b1', 'consult', 'book', { ...base, slotId: 'nope' })).toBe('NOT_FOUND');
    const { booking } = await h.call('r-b1', 'consult', 'book', base);
    expect(booking).toMatchObject({ status: 'booked', slotId, mode: 'video', category: 'law', topic: '押金不退' });
    expect(await h.fail('r-b2', 'consult', 'book', base)).toBe('CONFLICT');
    expect(await inboxTitles('r-b1')).toContain('咨询预约成功');
    expect(await inboxTitles(CO)).toContain('有新的咨询预约');

    const later = await freshSlot();
    h.clock.now = new Date(Date.parse((await slotDoc(later)).start));
    expect(await h.fail('r-b2', 'consult', 'book', { ...base, slotId: later, mode: 'phone' })).toBe('EXPIRED');
  });

  it('lets 50 riders race for one slot: exactly one booking', async () => {
    const slotId = await freshSlot();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.raw('consult', `r-race-${i}`, { action: 'book', slotId, category: 'law', mode: 'phone', topic: `问题 ${i}` })),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(49).fill('CONFLICT'));
    const held = (await findAll(h.store, bookings)).filter((b) => b.slotId === slotId);
    expect(held).toHaveLength(1);
    expect((await slotDoc(slotId)).bookingId).toBe(must(held[0], 'the booking')._id);
    await expectSlotsConsistent();
  });

  it('refuses a second booking at the same time as one the rider holds', async () => {
    const first = await freshSlot();
    const start = (await slotDoc(first)).start;
    const same = (
      await h.call(CO_OTHER, 'consult', 'publishSlots', {
        slots: [{ start, end: new Date(Date.parse(start) + HOUR).toISOString(), modes: ['phone'] }],
      })
    ).slots[0]!.id;
    await bookSlot('r-twice', first);
    expect(await h.fail('r-twice', 'consult', 'book', { slotId: same, category: 'law', mode: 'phone', topic: '再问一次' })).toBe('CONFLICT');
    await bookSlot('r-else', same);
  });

  it('holds at most three upcoming bookings per rider, also when booked at once', async () => {
    const ids = await Promise.all([freshSlot(), freshSlot(), freshSlot(), freshSlot(), freshSlot()].map((p) => p));
    const results = await Promise.all(
      ids.map((slotId) => h.raw('consult', 'r-three', { action: 'book', slotId, category: 'law', mode: 'phone', topic: '问一问' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(2);
    const mine = await h.call('r-three', 'consult', 'mine', {});
    const booked = mine.bookings.filter((b) => b.status === 'booked');
    expect(booked).toHaveLength(3);
    // Cancelling one makes room for another.
    await h.call('r-three', 'consult', 'cancel', { bookingId: must(booked[0], 'a booking').id });
    const free = ids.find((id) => !booked.some((b) => b.slotId === id));
    await bookSlot('r-three', must(free, 'a free slot'));
    await expectSlotsConsistent();
  });
});

describe('cancel and reschedule', () => {
  it('cancel frees the slot; only the rider (until an hour before) or the counsellor may cancel', async () => {
    const slotId = await freshSlot();
    const booking = await bookSlot('r-c1', slotId);
    expect(await h.fail('r-c2', 'consult', 'cancel', { bookingId: booking.id })).toBe('FORBIDDEN');
    expect(await h.fail(CO_OTHER, 'consult', 'cancel', { bookingId: booking.id })).toBe('FORBIDDEN');
    expect(await h.fail('r-c1', 'consult', 'cancel', { bookingId: 'nope' })).toBe('NOT_FOUND');
    h.clock.now = new Date(Date.parse(booking.start) - 59 * 60_000);
    expect(await h.fail('r-c1', 'consult', 'cancel', { bookingId: booking.id })).toBe('EXPIRED');
    h.clock.now = new Date(Date.parse(booking.start) - 61 * 60_000);
    const { booking: cancelled } = await h.call('r-c1', 'consult', 'cancel', { bookingId: booking.id, reason: '临时有单' });
    expect(cancelled.status).toBe('cancelled');
    expect((await slotDoc(slotId)).free).toBe(true);
    expect(await h.fail('r-c1', 'consult', 'cancel', { bookingId: booking.id })).toBe('CONFLICT');
    expect(await inboxTitles(CO)).toContain('咨询预约已被取消');
    // Free again: someone else books it; and the counsellor may cancel theirs.
    const again = await bookSlot('r-c2', slotId);
    await h.call(CO, 'consult', 'cancel', { bookingId: again.id });
    expect(await inboxTitles('r-c2')).toContain('咨询预约已被取消');
    await expectSlotsConsistent();
  });

  it('moves a booking atomically, and a taken target changes nothing', async () => {
    const from = await freshSlot();
    const to = await freshSlot(CO_OTHER);
    const taken = await freshSlot();
    const booking = await bookSlot('r-m1', from);
    await bookSlot('r-m2', taken);
    expect(await h.fail('r-m2', 'consult', 'reschedule', { bookingId: booking.id, slotId: to })).toBe('FORBIDDEN');
    expect(await h.fail('r-m1', 'consult', 'reschedule', { bookingId: booking.id, slotId: taken })).toBe('CONFLICT');
    expect((await slotDoc(from)).bookingId).toBe(booking.id);
    const { booking: moved } = await h.call('r-m1', 'consult', 'reschedule', { bookingId: booking.id, slotId: to });
    expect(moved).toMatchObject({ id: booking.id, slotId: to, status: 'booked', counsellor: { name: '刘老师' } });
    expect((await slotDoc(from)).free).toBe(true);
    expect((await slotDoc(to)).bookingId).toBe(booking.id);
    const held = must(await h.store.get(upcoming, must(await h.user('r-m1'), 'rider')._id), 'upcoming');
    expect(held.bookings).toEqual([{ id: booking.id, start: (await slotDoc(to)).start, end: (await slotDoc(to)).end }]);
    await expectSlotsConsistent();
  });

  it('keeps slots consistent when the rider moves and cancels at the same time', async () => {
    for (let round = 0; round < 6; round++) {
      const from = await freshSlot();
      const to = await freshSlot(CO_OTHER);
      const booking = await bookSlot(`r-mc-${round}`, from);
      const [moved, cancelled] = await Promise.all([
        h.raw('consult', `r-mc-${round}`, { action: 'reschedule', bookingId: booking.id, slotId: to }),
        h.raw('consult', `r-mc-${round}`, { action: 'cancel', bookingId: booking.id }),
      ]);
      expect(cancelled.ok).toBe(true);
      const final = must(await h.store.get(bookings, booking.id), 'booking');
      expect(final.status).toBe('cancelled');
      expect((await slotDoc(from)).free).toBe(true);
      expect((await slotDoc(to)).free).toBe(true);
      if (!moved.ok) expect(moved.error.code).toBe('CONFLICT');
    }
    await expectSlotsConsistent();
  });
});

describe('the counsellor, the case and who may read what', () => {
  const TOPIC = '站点拖欠三个月提成不给结算';
  const PHONE = '13900001234';
  const SUMMARY = '已告知劳动仲裁流程，需要团委协调站点';
  const VISIBLE = '已联系站点负责人约谈';
  const INTERNAL = '站点负责人电话 0573-1234567';
  let booking: Booking;
  let caseId: string;
  let reviewId: string;

  beforeAll(async () => {
    const slotId = await freshSlot();
    booking = await bookSlot('r-case', slotId, { topic: TOPIC, phone: PHONE });
    await bookSlot('r-anon', await freshSlot(), { topic: '匿名的问题', anonymous: true });
  });

  it('shows the counsellor their agenda with topic and phone in clear, hiding anonymous riders’ names', async () => {
    await h.call('r-case', 'account', 'updateProfile', { displayName: '求助骑手' });
    const { bookings: agenda } = await h.call(CO, 'consult', 'agenda', {});
    const mineOne = must(
      agenda.find((b) => b.id === booking.id),
      'the booking in the agenda',
    );
    expect(mineOne).toMatchObject({ topic: TOPIC, phone: PHONE, riderName: '求助骑手' });
    const anon = must(
      agenda.find((b) => b.topic === '匿名的问题'),
      'the anonymous booking',
    );
    expect(anon.riderName).toBeUndefined();
    expect(anon.anonymous).toBe(true);
    const other = await h.call(CO_OTHER, 'consult', 'agenda', {});
    expect(JSON.stringify(other)).not.toContain(TOPIC);
    expect(await h.fail(ADMIN, 'consult', 'agenda', {})).toBe('FORBIDDEN');
    expect(await h.fail(CADRE_TOWN, 'consult', 'agenda', {})).toBe('FORBIDDEN');
  });

  it('lets only the rider read their own bookings in clear', async () => {
    const own = await h.call('r-case', 'consult', 'mine', {});
    expect(own.bookings.find((b) => b.id === booking.id)).toMatchObject({ topic: TOPIC, phone: PHONE });
    for (const who of ['r-other', CO_OTHER, CADRE_TOWN, ADMIN]) {
      expect(JSON.stringify(await h.call(who, 'consult', 'mine', {}))).not.toContain(TOPIC);
    }
  });

  it('completes only after the slot started, and only by its counsellor', async () => {
    const slotId = await freshSlot();
    const b = await bookSlot('r-done', slotId);
    expect(await h.fail(CO, 'consult', 'complete', { bookingId: b.id, summary: '聊了聊' })).toBe('CONFLICT');
    h.clock.now = new Date(Date.parse(b.start) + 60_000);
    expect(await h.fail(CO_OTHER, 'consult', 'complete', { bookingId: b.id, summary: '聊了聊' })).toBe('FORBIDDEN');
    expect(await h.fail('r-done', 'consult', 'complete', { bookingId: b.id, summary: '聊了聊' })).toBe('FORBIDDEN');
    const { booking: done } = await h.call(CO, 'consult', 'complete', { bookingId: b.id, summary: '聊了聊' });
    expect(done.status).toBe('completed');
    expect(done.summary).toBeUndefined();
    expect((await h.call('r-done', 'consult', 'mine', {})).bookings[0]).toMatchObject({ status: 'completed', summary: '聊了聊' });
    expect(await h.fail(CO, 'consult', 'complete', { bookingId: b.id, summary: '再来' })).toBe('CONFLICT');
  });

  it('escalates into a case in the chosen committee’s queue, which carries no confidential text', async () => {
    expect(await h.fail(CO_OTHER, 'consult', 'escalate', { bookingId: booking.id, summary: SUMMARY, orgId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail(CO, 'consult', 'escalate', { bookingId: booking.id, summary: SUMMARY, orgId: 'nowhere' })).toBe('NOT_FOUND');
    // Escalated once the consultation took place: it counts as held.
    h.clock.now = new Date(Date.parse(booking.start) + 60_000);
    const out = await h.call(CO, 'consult', 'escalate', { bookingId: booking.id, summary: SUMMARY, orgId: TOWN });
    expect(must(await h.store.get(bookings, booking.id), 'booking').status).toBe('completed');
    caseId = out.caseId;
    reviewId = out.reviewId;
    expect(out.number).toMatch(/^12355-\d{8}-\d{3}$/);
    expect(await h.fail(CO, 'consult', 'escalate', { bookingId: booking.id, summary: SUMMARY, orgId: TOWN })).toBe('CONFLICT');
    const queue = await h.call(CADRE_TOWN, 'review', 'queue', { kind: 'case' });
    const item = must(
      queue.items.find((i) => i.id === reviewId),
      'the case in the queue',
    );
    expect(item.title).toBe(`精准递援 ${out.number}（法律）`);
    expect((await h.call(CADRE_OTHER, 'review', 'queue', { kind: 'case' })).items.map((i) => i.id)).not.toContain(reviewId);
    const asAdmin = await h.call(ADMIN, 'review', 'get', { id: reviewId });
    for (const secret of [TOPIC, PHONE, SUMMARY]) expect(JSON.stringify(asAdmin)).not.toContain(secret);
    expect(await inboxTitles('r-case')).toContain('你的咨询已转为个案');
  });

  it('is taken by a cadre of the committee approving the item, never by an admin', async () => {
    const view = (await h.call('r-case', 'consult', 'case', { id: caseId })).case;
    expect(view).toMatchObject({ status: 'open', viewer: 'rider', topic: TOPIC });
    expect(await h.fail(CADRE_TOWN, 'consult', 'addStep', { caseId, note: '先记一笔', visible: false })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('FORBIDDEN');
    expect(await h.fail(CADRE_OTHER, 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('FORBIDDEN');
    await h.call(CADRE_TOWN, 'review', 'decide', { id: reviewId, decision: 'approve', note: '接办' });
    expect((await h.call(CADRE_TOWN, 'consult', 'case', { id: caseId })).case.status).toBe('taken');
    expect(await inboxTitles('r-case')).toContain('你的个案已由团委接办');
  });

  it('lets cadres in scope add visible and internal steps; the rider sees only the visible ones', async () => {
    expect(await h.fail(CADRE_OTHER, 'consult', 'addStep', { caseId, note: VISIBLE, visible: true })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'consult', 'addStep', { caseId, note: VISIBLE, visible: true })).toBe('FORBIDDEN');
    expect(await h.fail(CO, 'consult', 'addStep', { caseId, note: VISIBLE, visible: true })).toBe('FORBIDDEN');
    await h.call(CADRE_TOWN, 'consult', 'addStep', { caseId, note: VISIBLE, visible: true });
    await h.call(CADRE_COUNTY, 'consult', 'addStep', { caseId, note: INTERNAL, visible: false });
    const rider = (await h.call('r-case', 'consult', 'case', { id: caseId })).case;
    expect(rider.steps.map((s) => s.note)).toContain(VISIBLE);
    expect(JSON.stringify(rider)).not.toContain(INTERNAL);
    expect(rider.summary).toBeUndefined();
    const cadre = (await h.call(CADRE_COUNTY, 'consult', 'case', { id: caseId })).case;
    expect(cadre).toMatchObject({ viewer: 'cadre', topic: TOPIC, phone: PHONE, summary: SUMMARY, riderName: '求助骑手' });
    expect(cadre.steps.map((s) => s.note)).toEqual(expect.arrayContaining([VISIBLE, INTERNAL]));
    const counsellor = (await h.call(CO, 'consult', 'case', { id: caseId })).case;
    expect(counsellor).toMatchObject({ viewer: 'counsellor', summary: SUMMARY });
    expect(await inboxTitles('r-case')).toContain('你的个案有新进展');
  });

  it('refuses the case to other riders, other counsellors, cadres out of scope and admins, in every action', async () => {
    for (const who of ['r-other', CO_OTHER, CADRE_OTHER, ADMIN]) {
      expect(await h.fail(who, 'consult', 'case', { id: caseId })).toBe('FORBIDDEN');
      expect(await h.fail(who, 'consult', 'rate', { caseId, score: 'satisfied' })).toBe('FORBIDDEN');
    }
    for (const who of [CO_OTHER, 'r-other']) {
      expect(['FORBIDDEN']).toContain(await h.fail(who, 'consult', 'closeCase', { caseId, outcome: 'resolved', note: '结了' }));
    }
    expect(await h.fail(CADRE_OTHER, 'consult', 'closeCase', { caseId, outcome: 'resolved', note: '结了' })).toBe('FORBIDDEN');
    expect(await h.fail('r-other', 'consult', 'cancel', { bookingId: booking.id })).toBe('FORBIDDEN');
    expect(await h.fail('r-other', 'consult', 'reschedule', { bookingId: booking.id, slotId: booking.slotId })).toBe('FORBIDDEN');
    expect(await h.fail(CO_OTHER, 'consult', 'escalate', { bookingId: booking.id, summary: '再转', orgId: OTHER })).toBe('FORBIDDEN');
    // Lists never carry confidential text.
    const committee = await h.call(CADRE_OTHER, 'consult', 'cases', { scope: 'committee' });
    expect(committee.cases.map((c) => c.id)).not.toContain(caseId);
    const town = await h.call(CADRE_TOWN, 'consult', 'cases', { scope: 'committee' });
    expect(town.cases.map((c) => c.id)).toContain(caseId);
    expect(await h.fail('r-other', 'consult', 'cases', { scope: 'committee' })).toBe('FORBIDDEN');
    for (const answer of [committee, town, await h.call('r-case', 'consult', 'cases', {})]) {
      for (const secret of [TOPIC, PHONE, SUMMARY, VISIBLE, INTERNAL]) expect(JSON.stringify(answer)).not.toContain(secret);
    }
  });

  it('closes with an outcome; the rider rates it once', async () => {
    expect(await h.fail('r-case', 'consult', 'rate', { caseId, score: 'satisfied' })).toBe('CONFLICT');
    const { case: closed } = await h.call(CADRE_TOWN, 'consult', 'closeCase', { caseId, outcome: 'resolved', note: '站点已结清提成' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect(await h.fail(CADRE_TOWN, 'consult', 'addStep', { caseId, note: '补一句', visible: true })).toBe('CONFLICT');
    expect(await inboxTitles('r-case')).toContain('你的个案已办结');
    const { case: rated } = await h.call('r-case', 'consult', 'rate', { caseId, score: 'basic', comment: '处理得挺快' });
    expect(rated.rating).toMatchObject({ score: 'basic', comment: '处理得挺快' });
    expect(rated.steps.at(-1)?.kind).toBe('rated');
    expect(await h.fail('r-case', 'consult', 'rate', { caseId, score: 'satisfied' })).toBe('CONFLICT');
    const mineCases = await h.call('r-case', 'consult', 'cases', {});
    expect(mineCases.cases[0]).toMatchObject({ id: caseId, status: 'closed', rated: true });
  });

  it('shows the rider every read by someone else, and none of their own', async () => {
    const { entries } = await h.call('r-case', 'consult', 'accessLog', { limit: 100 });
    const who = new Set(entries.map((e) => e.who));
    expect(who).toEqual(new Set(['咨询师张律师', '团干部街道干事', '团干部县团委书记']));
    expect(entries.every((e) => e.at.endsWith('+08:00') && e.what.length > 0)).toBe(true);
    expect(entries.some((e) => e.what.includes('咨询预约'))).toBe(true);
    expect(entries.some((e) => e.what.includes('个案'))).toBe(true);
    // Others' logs hold nothing of this rider's.
    expect((await h.call('r-other', 'consult', 'accessLog', {})).entries).toEqual([]);
  });

  it('keeps the topic, phone, summaries and notes out of every stored document', async () => {
    const stored: string[] = [];
    for (const spec of COLLECTIONS) {
      for (const doc of await findAll(h.store, spec as Collection<Doc>)) stored.push(JSON.stringify(doc));
    }
    const all = stored.join('\n');
    for (const secret of [TOPIC, PHONE, SUMMARY, VISIBLE, INTERNAL, '处理得挺快', '站点已结清提成']) expect(all).not.toContain(secret);
  });

  it('deletes the rider’s history but keeps an anonymous record for the figures', async () => {
    const pending = await bookSlot('r-case', await freshSlot());
    expect(await h.fail('r-case', 'consult', 'deleteHistory', {})).toBe('CONFLICT');
    await h.call('r-case', 'consult', 'cancel', { bookingId: pending.id });
    const out = await h.call('r-case', 'consult', 'deleteHistory', {});
    expect(out).toEqual({ bookings: 2, cases: 1 });
    expect((await h.call('r-case', 'consult', 'mine', {})).bookings).toEqual([]);
    expect((await h.call('r-case', 'consult', 'cases', {})).cases).toEqual([]);
    const kept = must(await h.store.get(bookings, booking.id), 'the anonymous booking');
    expect(kept).toMatchObject({ riderId: '', category: 'law', orgId: TOWN, status: 'completed' });
    expect(kept.topicEnc).toBeUndefined();
    const cadreView = (await h.call(CADRE_TOWN, 'consult', 'case', { id: caseId })).case;
    expect(cadreView).toMatchObject({ status: 'closed', outcome: 'resolved', rating: { score: 'basic' } });
    expect(cadreView.topic).toBeUndefined();
    expect(cadreView.summary).toBeUndefined();
    expect(cadreView.riderName).toBeUndefined();
  });
});

describe('a consultation escalated before it takes place', () => {
  it('stays booked and is completed as usual; the committee note never shows to the rider', async () => {
    const booking = await bookSlot('r-early', await freshSlot(), { topic: '工伤怎么认定' });
    await h.call(CO, 'consult', 'escalate', { bookingId: booking.id, summary: '请团委协调工伤认定', orgId: TOWN });
    const seen = must(
      (await h.call('r-early', 'consult', 'mine', {})).bookings.find((b) => b.id === booking.id),
      'the booking',
    );
    expect(seen).toMatchObject({ status: 'booked' });
    expect(seen.caseId).toBeDefined();
    expect(JSON.stringify(seen)).not.toContain('请团委协调工伤认定');
    h.clock.now = new Date(Date.parse(booking.start) + 60_000);
    const { booking: done } = await h.call(CO, 'consult', 'complete', { bookingId: booking.id, summary: '已说明认定流程' });
    expect(done.status).toBe('completed');
    const after = must(
      (await h.call('r-early', 'consult', 'mine', {})).bookings.find((b) => b.id === booking.id),
      'the booking',
    );
    expect(after.summary).toBe('已说明认定流程');
  });
});

describe('the counsellor’s agenda and the rider’s access log', () => {
  it('logs a counsellor’s reading of a booking once, however often the agenda loads', async () => {
    await bookSlot('r-log', await freshSlot(), { topic: '租房押金' });
    for (let i = 0; i < 3; i++) await h.call(CO, 'consult', 'agenda', {});
    const { entries } = await h.call('r-log', 'consult', 'accessLog', { limit: 100 });
    expect(entries).toHaveLength(1);
  });
});

describe('a case the committee will not take', () => {
  it('is closed for the rider when the cadre rejects the review item, with the reason as a visible step', async () => {
    const booking = await bookSlot('r-refused', await freshSlot(), { topic: '想换个工作' });
    const { caseId, reviewId } = await h.call(CO, 'consult', 'escalate', { bookingId: booking.id, summary: '需要就业帮助', orgId: TOWN });
    await h.call(CADRE_TOWN, 'review', 'decide', { id: reviewId, decision: 'reject', note: '请转人社部门' });
    const seen = (await h.call('r-refused', 'consult', 'case', { id: caseId })).case;
    expect(seen.status).toBe('closed');
    expect(JSON.stringify(seen.steps)).toContain('团委未接办：请转人社部门');
    expect(await h.fail(CADRE_TOWN, 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('CONFLICT');
  });
});

describe('the database files', () => {
  it('never hold a booking’s topic in a fresh SQLite data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rider-hub-consult-'));
    const store = openSqliteDocStore({ path: join(dir, 'store.db') });
    try {
      await store.ensureCollections(COLLECTIONS);
      const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => T0, newId, adminOpenid: ADMIN };
      const call = async (openid: string, fn: string, event: Record<string, unknown>) => {
        const res = await must(FUNCTIONS[fn], fn).handle(event, { openid }, deps);
        if (!res.ok) throw new Error(`${fn}.${String(event.action)}: ${res.error.message}`);
        return res.data;
      };
      const { org } = (await call(ADMIN, 'orgs', { action: 'create', name: '团委', kind: 'town' })) as { org: { id: string } };
      const orgId = org.id;
      await call(ADMIN, 'consult', { action: 'addCounsellor', openid: 'co-file', name: '文老师', categories: ['psych'], orgId });
      const start = new Date(T0.getTime() + 5 * HOUR);
      const published = (await call('co-file', 'consult', {
        action: 'publishSlots',
        slots: [{ start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString(), modes: ['text'] }],
      })) as { slots: { id: string }[] };
      const TOPIC = '夜里总是睡不着觉很焦虑';
      await call('r-file', 'consult', {
        action: 'book',
        slotId: must(published.slots[0], 'slot').id,
        category: 'psych',
        mode: 'text',
        topic: TOPIC,
        phone: '13700007777',
      });
    } finally {
      await store.close();
    }
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      expect(bytes.includes(Buffer.from('夜里总是睡不着觉很焦虑', 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('13700007777', 'utf8'))).toBe(false);
    }
    // The booking did reach the file (as a sealed field).
    expect(files.some((b) => b.includes(Buffer.from('topicEnc', 'utf8')))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
