/**
 * Junk input on every action, and malformed, tampered and foreign paging cursors on every paginated action. No call
 * may answer INTERNAL; every cursor the server did not hand to this caller for this query is INVALID_INPUT. The suite
 * prints how many calls it made, by answer code.
 */
import type { ZodTypeAny } from 'zod';
import { schemas, type Envelope, type ErrorCode } from '../../types';
import { ERROR_CODES } from '../../types/errors';
import { messages } from '../../cloudfunctions/capabilities/inbox/collections';
import { accessLog, cases } from '../../cloudfunctions/features/consult/collections';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { JUNK, JUNK_EVENTS, sampleOf, shapeOf, wire } from '../support/samples';

const T0 = new Date('2026-11-18T02:00:00.000Z');
let h: Harness;
const tally = Object.fromEntries([...ERROR_CODES, 'OK'].map((c) => [c, 0])) as Record<ErrorCode | 'OK', number>;
let calls = 0;

/** Every identity the suite calls as: each role, and someone the system has never seen. */
const IDENTITIES = [ADMIN, 'j-cadre', 'j-staff', 'j-counsellor', 'j-volunteer', 'j-rider', 'j-stranger'];

async function answer(openid: string | null, fn: string, event: unknown): Promise<Envelope<unknown>> {
  const res = await h.raw(fn, openid, wire(event));
  calls++;
  tally[res.ok ? 'OK' : res.error.code]++;
  return res;
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'j-county', { kind: 'district' });
  await buildOrg(h.store, 'j-town', { parentId: 'j-county' });
  await buildStation(h.store, 'j-st', { orgId: 'j-town' });
  await buildStation(h.store, 'j-st2', { orgId: 'j-town' });
  await buildPerson(h.deps, 'j-cadre', { roles: ['cadre'], cadreOrgIds: ['j-county'] });
  await buildPerson(h.deps, 'j-staff', { roles: ['staff'], stationIds: ['j-st'], orgId: 'j-town' });
  await buildPerson(h.deps, 'j-volunteer', { roles: ['volunteer'], orgId: 'j-town' });
  await buildPerson(h.deps, 'j-rider', { orgId: 'j-town', verified: true, listed: true });
  await buildPerson(h.deps, 'j-rider-2', { orgId: 'j-town', verified: true, listed: true });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'j-counsellor', name: '钱老师', categories: ['law'], orgId: 'j-town' });
});
afterAll(async () => {
  console.log(
    `junk calls: ${calls} — ${Object.entries(tally)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')}`,
  );
  await h.close();
});

describe('junk input', () => {
  it('answers every junk event and every junk field of every action without INTERNAL', async () => {
    for (const fn of Object.keys(schemas)) {
      for (const event of JUNK_EVENTS) {
        const res = await answer(ADMIN, fn, event);
        expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
      for (const [action, schema] of Object.entries(schemas[fn as keyof typeof schemas] as Record<string, ZodTypeAny>)) {
        const shape = shapeOf(schema) ?? {};
        const sample = sampleOf(schema) as Record<string, unknown>;
        for (const field of [...Object.keys(shape), 'action', 'extra']) {
          for (const value of JUNK) {
            const res = await answer(ADMIN, fn, { ...sample, action, [field]: value });
            expect(res.ok || res.error.code !== 'INTERNAL').toBe(true);
          }
        }
        // The plausible input, as every identity and as nobody: whatever the answer, never INTERNAL.
        for (const who of [...IDENTITIES, null]) {
          const res = await answer(who, fn, { ...sample, action });
          if (!res.ok) expect(res.error.code).not.toBe('INTERNAL');
          if (who === null) expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
        }
      }
    }
    expect(tally.INTERNAL).toBe(0);
  }, 120_000);
});

/** Each paginated action, as a caller who has two or more items, and its query. */
interface Paged {
  fn: string;
  action: string;
  as: string;
  input: Record<string, unknown>;
  /** The same action with another query, when it has one (its cursor is foreign here). */
  other?: Record<string, unknown>;
}

const PAGED: Paged[] = [
  { fn: 'account', action: 'messages', as: 'j-rider', input: {} },
  { fn: 'childcare', action: 'programmes', as: 'j-rider', input: {}, other: { orgId: 'j-town' } },
  { fn: 'consult', action: 'slots', as: 'j-rider', input: { category: 'law' }, other: { category: 'law', to: '2026-11-30T00:00:00+08:00' } },
  { fn: 'consult', action: 'mine', as: 'j-rider', input: {} },
  { fn: 'consult', action: 'cases', as: 'j-rider', input: { scope: 'mine' } },
  { fn: 'consult', action: 'accessLog', as: 'j-rider', input: {} },
  { fn: 'points', action: 'ledger', as: 'j-rider', input: {} },
  { fn: 'review', action: 'queue', as: 'j-cadre', input: {}, other: { kind: 'claim' } },
  { fn: 'review', action: 'mine', as: 'j-rider', input: {}, other: { status: 'pending' } },
  { fn: 'stations', action: 'list', as: ADMIN, input: {}, other: { orgId: 'j-town' } },
  { fn: 'voice', action: 'wishes', as: 'j-rider', input: {}, other: { orgId: 'j-town' } },
  { fn: 'voice', action: 'myOpinions', as: 'j-rider', input: {} },
  { fn: 'voice', action: 'answers', as: 'j-rider', input: {}, other: { area: 'rights' } },
  { fn: 'voice', action: 'opinionQueue', as: 'j-cadre', input: {} },
  { fn: 'voice', action: 'riders', as: 'j-rider', input: { roundId: '' } },
];

async function seedPages(): Promise<void> {
  // A day after the junk calls, which filed items of their own: the riders' submission counts start afresh.
  h.clock.now = new Date(T0.getTime() + 86_400_000);
  const rider = (await h.user('j-rider'))!;
  const at = (minutes: number) => new Date(T0.getTime() - minutes * 60_000).toISOString();
  for (let i = 0; i < 3; i++) {
    await h.store.insert(messages, { _id: `j-msg-${i}`, userId: rider._id, title: '通知', body: '内容', at: at(i), read: false });
    await h.store.insert(accessLog, { _id: `j-log-${i}`, riderId: rider._id, at: at(i), whoId: 'x', who: '咨询师', what: '查看' });
    await h.store.insert(cases, {
      _id: `j-case-${i}`,
      number: `2026111800${i}`,
      bookingId: `j-b-${i}`,
      riderId: rider._id,
      counsellorId: 'x',
      counsellorName: '钱老师',
      orgId: 'j-town',
      category: 'law',
      status: 'open',
      reviewId: `j-r-${i}`,
      anonymous: false,
      steps: [],
      openedAt: at(i),
    });
    await h.store.transaction((tx) => appendEntry(tx, { _id: `j-gift-${i}`, userId: rider._id, delta: 5, reason: 'test', at: at(i) }));
  }
  const programme = (day: string) => ({
    title: `骑士班 ${day}`,
    orgId: 'j-town',
    site: { name: '活动中心', address: '嘉善县测试路 1 号', location: { lat: 30.84, lng: 120.93 } },
    ageMin: 6,
    ageMax: 12,
    capacity: 10,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [{ date: day, start: '09:00', end: '11:00', course: '国际象棋' }],
  });
  for (const day of ['2026-11-21', '2026-11-22', '2026-11-23']) await h.call('j-cadre', 'childcare', 'createProgramme', programme(day));
  const { slots } = await h.call('j-counsellor', 'consult', 'publishSlots', {
    slots: [10, 11, 14, 15, 16].map((hour) => ({ start: `2026-11-20T${hour}:00:00+08:00`, end: `2026-11-20T${hour}:30:00+08:00`, modes: ['phone' as const] })),
  });
  for (const slot of slots.slice(0, 2))
    await h.call('j-rider', 'consult', 'book', { slotId: slot.id, category: 'law', mode: 'phone', topic: '工资被拖欠怎么办' });
  for (let i = 0; i < 3; i++) await h.call('j-rider', 'points', 'claim', { kind: 'errand', description: `帮老人取药 ${i} 次` });
  for (let i = 0; i < 3; i++) {
    const { wish } = await h.call('j-rider', 'voice', 'postWish', { forWhom: 'self', text: `想要一副手套 ${i}` });
    await h.call('j-cadre', 'review', 'decide', { id: wish.reviewId, decision: 'approve' });
  }
  for (let i = 0; i < 5; i++) {
    const { opinion } = await h.call('j-rider', 'voice', 'sendOpinion', { area: 'rights', text: `午休时间太短了 ${i}`, anonymous: i % 2 === 0 });
    if (i < 2) await h.call('j-cadre', 'voice', 'answerOpinion', { opinionId: opinion.id, answer: '已转交平台', publish: true });
  }
  const { round } = await h.call('j-cadre', 'voice', 'openRound', {
    orgId: 'j-town',
    title: '最美骑手',
    startsOn: '2026-11-18',
    endsOn: '2026-11-30',
    winners: 1,
  });
  for (const p of PAGED) if (p.action === 'riders') p.input.roundId = round.id;
}

describe('paging cursors', () => {
  const cursors = new Map<Paged, string>();

  beforeAll(async () => {
    await seedPages();
    for (const p of PAGED) {
      const res = await answer(p.as, p.fn, { ...p.input, action: p.action, limit: 1 });
      if (!res.ok) throw new Error(`${p.fn}.${p.action}: ${res.error.code} ${res.error.message}`);
      const cursor = (res.data as { cursor?: string }).cursor;
      if (!cursor) throw new Error(`${p.fn}.${p.action} answered no cursor: seed more`);
      cursors.set(p, cursor);
    }
  });

  it('covers every action that takes a cursor', () => {
    const paginated = Object.entries(schemas).flatMap(([fn, actions]) =>
      Object.entries(actions as Record<string, ZodTypeAny>)
        .filter(([, schema]) => 'cursor' in (shapeOf(schema) ?? {}))
        .map(([action]) => `${fn}.${action}`),
    );
    expect(PAGED.map((p) => `${p.fn}.${p.action}`).sort()).toEqual(paginated.sort());
  });

  it('pages on with its own cursor', async () => {
    for (const p of PAGED) {
      const res = await answer(p.as, p.fn, { ...p.input, action: p.action, limit: 1, cursor: cursors.get(p) });
      expect({ route: `${p.fn}.${p.action}`, ok: res.ok }).toEqual({ route: `${p.fn}.${p.action}`, ok: true });
    }
  });

  it('refuses malformed, tampered and foreign cursors with INVALID_INPUT on every paginated action', async () => {
    let refused = 0;
    const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    for (const p of PAGED) {
      const own = cursors.get(p)!;
      const dot = own.lastIndexOf('.');
      const inner = own.slice(0, dot);
      const others = PAGED.filter((q) => q !== p).map((q) => cursors.get(q)!);
      const bad: string[] = [
        // malformed
        'abc',
        '',
        '.',
        'abc.def',
        '....',
        'x'.repeat(400),
        Buffer.from('[1,2,3]').toString('base64url'),
        `${Buffer.from('["2026-01-01",null]').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`,
        '\u0000\u0001',
        // tampered
        flip(own, 0),
        flip(own, dot - 1),
        flip(own, own.length - 1),
        `${own}A`,
        own.slice(0, -1),
        inner,
        `${Buffer.from(JSON.stringify(['9999', 'zzz'])).toString('base64url')}${own.slice(dot)}`,
        // foreign: another list's cursor, and this list's for another query
        ...others,
      ];
      for (const cursor of bad) {
        const res = await answer(p.as, p.fn, { ...p.input, action: p.action, limit: 1, cursor });
        expect({ route: `${p.fn}.${p.action}`, cursor, code: res.ok ? 'OK' : res.error.code }).toEqual({
          route: `${p.fn}.${p.action}`,
          cursor,
          code: 'INVALID_INPUT',
        });
        refused++;
      }
      // Someone else's cursor for the very same query.
      const res = await answer(p.as === 'j-rider-2' ? 'j-rider' : 'j-rider-2', p.fn, { ...p.input, action: p.action, limit: 1, cursor: own });
      expect({ route: `${p.fn}.${p.action}`, code: res.ok ? 'OK' : res.error.code }).toEqual({ route: `${p.fn}.${p.action}`, code: 'INVALID_INPUT' });
      refused++;
      if (p.other) {
        const moved = await answer(p.as, p.fn, { ...p.other, action: p.action, limit: 1, cursor: own });
        expect({ route: `${p.fn}.${p.action}`, code: moved.ok ? 'OK' : moved.error.code }).toEqual({ route: `${p.fn}.${p.action}`, code: 'INVALID_INPUT' });
        refused++;
      }
    }
    console.log(`cursor calls refused with INVALID_INPUT: ${refused} on ${PAGED.length} paginated actions`);
  });
});
