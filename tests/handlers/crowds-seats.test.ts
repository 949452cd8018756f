/**
 * The crowds of seats, quotas and stock, at a cloud round trip: on the CloudBase stand-in every database request
 * takes 25 ms ± 40 % (SQLite has none). Answers and invariants are asserted, never times.
 */
import type { Envelope } from '../../types';
import { CHILD_CONSENT_VERSION } from '../../types';
import { activitySeats, campaignStock, mealBookings, signups } from '../../cloudfunctions/features/activities/collections';
import { mealQuota } from '../../cloudfunctions/capabilities/meals/meal-windows';
import { childSlots, enrolments, seats } from '../../cloudfunctions/features/childcare/collections';
import { bookings, slots } from '../../cloudfunctions/features/consult/collections';
import type { RequestDoc, SeatsDoc } from '../../cloudfunctions/capabilities/seating/seating';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { redemptions, rewards } from '../../cloudfunctions/features/points/collections';
import { votes } from '../../cloudfunctions/features/voice/collections';
import { buildOrg, buildPerson, buildReward, buildStation } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';
import { must } from '../support/must';
import { CLOUD_LATENCY } from '../support/stores';

jest.setTimeout(240_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'cr-town';
const SITE = 'cr-station';

let h: Harness;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'OK' : r.error.code);
const messageOf = (r: Envelope<unknown>) => (r.ok ? '' : r.error.message);
/** Told to try again because others were busy: never an answer to a crowd. */
const busy = (r: Envelope<unknown>) => !r.ok && r.error.message.includes('稍后再试');
const dataOf = <T>(r: Envelope<unknown>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as T;
};

/** 1…n in order. */
const upTo = (n: number) => range(n).map((i) => i + 1);

/**
 * The seats document holds at most capacity, no ticket twice, no free seat while someone waits, exactly the tickets
 * of the live requests, and every stored status agrees with it (all calls have answered).
 */
async function expectSeatsInvariants(held: SeatsDoc, requests: RequestDoc[]) {
  const live = requests.filter((r) => ['requested', 'confirmed', 'waitlisted'].includes(r.status));
  expect(held.seated.length).toBeLessThanOrEqual(held.capacity);
  expect(new Set([...held.seated, ...held.waitlist]).size).toBe(held.seated.length + held.waitlist.length);
  if (held.waitlist.length > 0) expect(held.seated).toHaveLength(held.capacity);
  expect([...held.seated, ...held.waitlist].sort()).toEqual(live.map((r) => r.ticket).sort());
  for (const r of live) expect(r.status).toBe(held.seated.includes(r.ticket) ? 'confirmed' : 'waitlisted');
}

async function inboxTitles(openid: string): Promise<string[]> {
  return (await h.call(openid, 'account', 'messages', { limit: 100 })).messages.map((m) => m.title);
}

beforeAll(async () => {
  h = await createHarness(T0, { latency: CLOUD_LATENCY });
  await buildOrg(h.store, TOWN);
  await buildStation(h.store, SITE, { orgId: TOWN, meals: [{ start: '11:00', end: '13:30', quota: 10 }] });
  await Promise.all([
    buildPerson(h.deps, 'cr-cadre', { roles: ['cadre'], cadreOrgIds: [TOWN] }),
    buildPerson(h.deps, 'cr-staff', { roles: ['staff'], stationIds: [SITE] }),
    buildPerson(h.deps, 'cr-admin', { roles: ['admin'] }),
  ]);
});
afterAll(() => h.close());

describe('seats with an ordered waitlist', () => {
  it('40 riders for a 5-seat class: 5 confirmed, 35 waitlisted at 1…35, none busy; cancellations promote once each', async () => {
    const { activity } = await h.call('cr-cadre', 'activities', 'create', {
      title: '青年夜校：急救',
      kind: 'class',
      orgId: TOWN,
      venue: { name: '驿站', address: '嘉善县', location: { lat: 30.84, lng: 120.93 }, stationId: SITE },
      start: '2026-11-18T19:00:00+08:00',
      end: '2026-11-18T20:30:00+08:00',
      capacity: 5,
      gives: { points: 0, certificate: false, pack: false },
    });
    const riders = range(40).map((i) => `cr-class-${i}`);
    const results = await Promise.all(riders.map((r) => h.raw('activities', r, { action: 'signUp', activityId: activity.id })));
    expect(results.filter(busy)).toEqual([]);
    const placed = results.map((r) => dataOf<{ signup: { status: string; position?: number } }>(r).signup);
    expect(placed.filter((s) => s.status === 'confirmed')).toHaveLength(5);
    expect(placed.flatMap((s) => (s.status === 'waitlisted' ? [s.position] : [])).sort((a, b) => a! - b!)).toEqual(upTo(35));
    await expectSeatsInvariants(
      must(await h.store.get(activitySeats, activity.id), 'seats'),
      await findAll(h.store, signups, { where: { activityId: activity.id } }),
    );

    // Three seat holders and two waiting riders leave while five more sign up.
    const holders = riders.filter((_, i) => placed[i]!.status === 'confirmed').slice(0, 3);
    const waiting = riders.filter((_, i) => placed[i]!.status === 'waitlisted').slice(-2);
    const late = range(5).map((i) => `cr-class-late-${i}`);
    const more = await Promise.all([
      ...[...holders, ...waiting].map((r) => h.raw('activities', r, { action: 'cancel', activityId: activity.id })),
      ...late.map((r) => h.raw('activities', r, { action: 'signUp', activityId: activity.id })),
    ]);
    expect(more.map(codeOf)).toEqual(Array(10).fill('OK'));
    const held = must(await h.store.get(activitySeats, activity.id), 'seats');
    await expectSeatsInvariants(held, await findAll(h.store, signups, { where: { activityId: activity.id } }));
    expect(held.seated).toHaveLength(5);
    expect(held.waitlist).toHaveLength(35);
    // Each freed seat went to someone waiting, who was told once.
    const told = await Promise.all(riders.map(async (r) => (await inboxTitles(r)).filter((t) => t === '候补转正').length));
    expect(told.reduce((a, b) => a + b, 0)).toBe(3);
    expect(Math.max(...told)).toBe(1);
  });

  it('40 children for 8 childcare seats: 8 confirmed, 32 waitlisted at 1…32, none busy', async () => {
    const { programme } = await h.call('cr-cadre', 'childcare', 'createProgramme', programmeInput(8));
    const kids = await children(range(40).map((i) => `cr-g40-${i}`));
    const results = await Promise.all(kids.map(([g, child]) => h.raw('childcare', g, { action: 'enrol', programmeId: programme.id, childId: child })));
    expect(results.filter(busy)).toEqual([]);
    const placed = results.map((r) => dataOf<{ enrolment: { status: string; position?: number } }>(r).enrolment);
    expect(placed.filter((e) => e.status === 'confirmed')).toHaveLength(8);
    expect(placed.flatMap((e) => (e.status === 'waitlisted' ? [e.position] : [])).sort((a, b) => a! - b!)).toEqual(upTo(32));
    await expectSeatsInvariants(
      must(await h.store.get(seats, programme.id), 'seats'),
      await findAll(h.store, enrolments, { where: { programmeId: programme.id } }),
    );
  });

  it('200 guardians for 30 seats: every one answered, 30 confirmed and 170 waitlisted at 1…170, none busy', async () => {
    const { programme } = await h.call('cr-cadre', 'childcare', 'createProgramme', programmeInput(30));
    const kids = await children(range(200).map((i) => `cr-g200-${i}`));
    const results = await Promise.all(kids.map(([g, child]) => h.raw('childcare', g, { action: 'enrol', programmeId: programme.id, childId: child })));
    expect(results.map(codeOf).filter((c) => c !== 'OK')).toEqual([]);
    const placed = results.map((r) => dataOf<{ enrolment: { status: string; position?: number } }>(r).enrolment);
    expect(placed.filter((e) => e.status === 'confirmed')).toHaveLength(30);
    expect(placed.flatMap((e) => (e.status === 'waitlisted' ? [e.position] : [])).sort((a, b) => a! - b!)).toEqual(upTo(170));
    await expectSeatsInvariants(
      must(await h.store.get(seats, programme.id), 'seats'),
      await findAll(h.store, enrolments, { where: { programmeId: programme.id } }),
    );
  });
});

function programmeInput(capacity: number) {
  return {
    title: '寒假骑士班',
    orgId: TOWN,
    site: { name: '社区中心', address: '嘉善县', location: { lat: 30.84, lng: 120.93 } },
    ageMin: 6,
    ageMax: 12,
    capacity,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [{ date: '2026-11-21', start: '09:00', end: '11:00', course: '围棋' }],
  };
}

/** One child for each guardian, added at once: [guardian, childId]. */
async function children(guardians: string[]): Promise<[string, string][]> {
  return Promise.all(
    guardians.map(async (g) => {
      const { child } = await h.call(g, 'childcare', 'addChild', {
        name: '小骑',
        birthDate: '2018-05-01',
        emergencyPhone: '13800138000',
        consent: { version: CHILD_CONSENT_VERSION, accepted: true },
      });
      return [g, child.id] as [string, string];
    }),
  );
}

describe('quotas without a waitlist', () => {
  it('60 riders for 10 meals: 10 booked, 50 told at once they are gone, none busy; a cancelled meal goes back once', async () => {
    const results = await Promise.all(range(60).map((i) => h.raw('activities', `cr-meal-${i}`, { action: 'bookMeal', stationId: SITE, window: 0 })));
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => `${codeOf(r)} ${messageOf(r)}`)).toEqual(Array(50).fill('CONFLICT 这个时段的爱心餐已订完'));
    const quota = `${SITE}:2026-11-18:0`;
    expect(must(await h.store.get(mealQuota, quota), 'quota').left).toBe(0);
    expect(await findAll(h.store, mealBookings, { where: { quotaId: quota, status: 'confirmed' } })).toHaveLength(10);

    const booked = `cr-meal-${results.findIndex((r) => r.ok)}`;
    const cancels = await Promise.all(range(5).map(() => h.raw('activities', booked, { action: 'cancelMeal' })));
    expect(cancels.map(codeOf).filter((c) => c === 'OK')).toHaveLength(1);
    expect(must(await h.store.get(mealQuota, quota), 'quota').left).toBe(1);
  });

  it('20 riders scanned at once at a station with 3 care packs: 3 handed out, 17 told they are gone, none busy', async () => {
    const { campaign } = await h.call('cr-cadre', 'activities', 'createCampaign', {
      title: '冬日递暖',
      kind: 'winter',
      orgId: TOWN,
      verifiedOnly: false,
      stations: [{ stationId: SITE, stock: 3 }],
    });
    const codes = await Promise.all(range(20).map(async (i) => (await h.call(`cr-pack-${i}`, 'checkin', 'issueCode', {})).code));
    const results = await Promise.all(
      codes.map((code) => h.raw('activities', 'cr-staff', { action: 'handOut', campaignId: campaign.id, stationId: SITE, code })),
    );
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => `${codeOf(r)} ${messageOf(r)}`)).toEqual(Array(17).fill('CONFLICT 本站的礼包已领完'));
    expect(must(await h.store.get(campaignStock, `${campaign.id}:${SITE}`), 'stock').left).toBe(0);
  });
});

describe('reward stock', () => {
  async function ridersWithPoints(prefix: string, n: number, points: number): Promise<string[]> {
    return Promise.all(
      range(n).map(async (i) => {
        const rider = await buildPerson(h.deps, `${prefix}-${i}`);
        await h.store.transaction((tx) =>
          appendEntry(tx, { _id: `grant:${rider._id}`, userId: rider._id, delta: points, reason: 'test', at: T0.toISOString() }),
        );
        return rider._id;
      }),
    );
  }

  it('100 riders for a 10-stock reward: exactly 10 redeemed, 90 told 已兑完, none busy, no points lost', async () => {
    const ids = await ridersWithPoints('cr-rush', 100, 80);
    await buildReward(h.store, 'cr-reward', { cost: 50, stock: 10 });
    const results = await Promise.all(
      range(100).map((i) => h.raw('points', `cr-rush-${i}`, { action: 'redeemReward', rewardId: 'cr-reward', requestId: `rush-${i}-request` })),
    );
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => `${codeOf(r)} ${messageOf(r)}`)).toEqual(Array(90).fill('CONFLICT 已兑完'));
    expect(must(await h.store.get(rewards, 'cr-reward'), 'reward').stock).toBe(0);
    expect(await findAll(h.store, redemptions, { where: { userId: { $in: ids } } })).toHaveLength(10);
    await expectLedgerInvariant(h.store, ids);
  });

  it('one request sent 10 times at once, with 3 left: one redemption, spent once, one unit taken', async () => {
    const [id] = await ridersWithPoints('cr-tap', 1, 100);
    await buildReward(h.store, 'cr-few', { cost: 30, stock: 3 });
    const results = await Promise.all(
      range(10).map(() => h.raw('points', 'cr-tap-0', { action: 'redeemReward', rewardId: 'cr-few', requestId: 'double-tap-request' })),
    );
    const answers = results.map((r) => dataOf<{ redemptionId: string }>(r));
    expect(new Set(answers.map((a) => a.redemptionId)).size).toBe(1);
    expect(must(await h.store.get(rewards, 'cr-few'), 'reward').stock).toBe(2);
    expect((await h.call('cr-tap-0', 'points', 'balance', {})).balance).toBe(70);
    await expectLedgerInvariant(h.store, [must(id, 'rider')]);
  });
});

describe('one consultation slot', () => {
  it('50 riders for one slot: one booked, 49 told at once it is taken, none busy', async () => {
    await h.call('cr-admin', 'consult', 'addCounsellor', { openid: 'cr-counsellor', name: '张律师', categories: ['law'], orgId: TOWN });
    const start = new Date(T0.getTime() + 26 * 3_600_000);
    const published = await h.call('cr-counsellor', 'consult', 'publishSlots', {
      slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), modes: ['phone'] }],
    });
    const slotId = must(published.slots[0], 'slot').id;
    const results = await Promise.all(
      range(50).map((i) => h.raw('consult', `cr-book-${i}`, { action: 'book', slotId, category: 'law', mode: 'phone', topic: '工资被拖欠' })),
    );
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => `${codeOf(r)} ${messageOf(r)}`)).toEqual(Array(49).fill('CONFLICT 该时段已被预约，请选择其他时段'));
    const held = (await findAll(h.store, bookings)).filter((b) => b.slotId === slotId);
    expect(held).toHaveLength(1);
    expect(must(await h.store.get(slots, slotId), 'slot')).toMatchObject({ free: false, bookingId: must(held[0], 'booking')._id });
  });
});

describe('votes', () => {
  it('20 riders voting at once are all counted', async () => {
    const nominee = await buildPerson(h.deps, 'cr-nominee', { orgId: TOWN, verified: true });
    const voters = range(20).map((i) => `cr-voter-${i}`);
    await Promise.all(voters.map((v) => buildPerson(h.deps, v, { orgId: TOWN, verified: true })));
    const { round } = await h.call('cr-cadre', 'voice', 'openRound', {
      orgId: TOWN,
      title: '最美骑手',
      startsOn: '2026-11-18',
      endsOn: '2026-11-30',
      winners: 1,
    });
    await h.call('cr-voter-0', 'voice', 'nominate', { roundId: round.id, nomineeId: nominee._id, story: '风雨无阻，帮独居老人代买药品。' });
    await h.call('cr-nominee', 'voice', 'answerNomination', { roundId: round.id, accept: true });
    await h.call('cr-cadre', 'voice', 'shortlist', { roundId: round.id, nomineeIds: [nominee._id] });
    const results = await Promise.all(voters.map((v) => h.raw('voice', v, { action: 'vote', roundId: round.id, nomineeId: nominee._id })));
    expect(results.map(codeOf)).toEqual(Array(20).fill('OK'));
    expect((await findAll(h.store, votes)).filter((v) => v.roundId === round.id)).toHaveLength(20);
    const view = await h.call('cr-cadre', 'voice', 'round', { roundId: round.id });
    expect(view.candidates).toMatchObject([{ nomineeId: nominee._id, votes: 20 }]);
  });
});

describe('limits counted before an insert', () => {
  it('a guardian adding eight children at once keeps six', async () => {
    const results = await Promise.all(
      range(8).map((i) =>
        h.raw('childcare', 'cr-big-family', {
          action: 'addChild',
          name: `孩子${i}`,
          birthDate: '2018-05-01',
          emergencyPhone: '13800138000',
          consent: { version: CHILD_CONSENT_VERSION, accepted: true },
        }),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual([...Array(2).fill('CONFLICT'), ...Array(6).fill('OK')]);
    expect((await h.call('cr-big-family', 'childcare', 'children', {})).children).toHaveLength(6);
    const guardian = must(await h.user('cr-big-family'), 'guardian');
    expect((await findAll(h.store, childSlots)).filter((s) => s._id.startsWith(`${guardian._id}:`))).toHaveLength(6);
  });
});
