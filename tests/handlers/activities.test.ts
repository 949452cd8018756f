import type { InputOf } from '../../types';
import { activitySeats, campaignStock, handouts, mealBookings, signups } from '../../cloudfunctions/features/activities/collections';
import { mealQuota } from '../../cloudfunctions/capabilities/meals/meal-windows';
import { openidOf, users } from '../../cloudfunctions/core/identity';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';

jest.setTimeout(120_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const at = (shanghai: string) => new Date(`2026-11-18T${shanghai}:00+08:00`);
const COUNTY = 'ac-county';
const TOWN = 'ac-town';
const OTHER = 'ac-other';
const SITE = 'ac-station';
const SITE_2 = 'ac-station-2';
const ELSEWHERE = 'ac-elsewhere';

let h: Harness;

const ok = <T>(r: { ok: boolean; data?: unknown; error?: { code: string } }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as T;
};
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

async function code(openid: string, short = false): Promise<string> {
  const issued = await h.call(openid, 'checkin', 'issueCode', {});
  return short ? issued.shortCode : issued.code;
}

function activityInput(over: Partial<InputOf<'activities', 'create'>> = {}): InputOf<'activities', 'create'> {
  return {
    title: '青年夜校：交通安全',
    kind: 'class',
    orgId: TOWN,
    venue: { name: '魏塘驿站', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: SITE },
    start: '2026-11-18T19:00:00+08:00',
    end: '2026-11-18T20:30:00+08:00',
    capacity: 5,
    gives: { points: 20, certificate: true, pack: false },
    ...over,
  };
}

const activity = async (over: Partial<InputOf<'activities', 'create'>> = {}) =>
  (await h.call('cadre-town', 'activities', 'create', activityInput(over))).activity.id;

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY });
  await buildOrg(h.store, OTHER, { parentId: COUNTY });
  const meals = [
    { start: '11:00', end: '13:30', quota: 10 },
    { start: '17:00', end: '20:30', quota: 5 },
  ];
  await buildStation(h.store, SITE, { orgId: TOWN, meals });
  await buildStation(h.store, SITE_2, { orgId: TOWN, lat: 30.85 });
  await buildStation(h.store, ELSEWHERE, { orgId: OTHER });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'cadre-other', { roles: ['cadre'], cadreOrgIds: [OTHER] });
  await buildPerson(h.deps, 'staff-site', { roles: ['staff'], stationIds: [SITE], displayName: '站长' });
  await buildPerson(h.deps, 'staff-site-2', { roles: ['staff'], stationIds: [SITE_2] });
  await buildPerson(h.deps, 'staff-elsewhere', { roles: ['staff'], stationIds: [ELSEWHERE] });
});

afterAll(() => h.close());

beforeEach(() => {
  h.clock.now = T0;
});

describe('activities: publish, list, sign up', () => {
  it('cadres publish for committees in scope, staff for their own station; riders see this week with distance', async () => {
    expect(await h.fail('cadre-other', 'activities', 'create', activityInput())).toBe('FORBIDDEN');
    expect(await h.fail('staff-elsewhere', 'activities', 'create', activityInput())).toBe('FORBIDDEN');
    expect(await h.fail('rider-x', 'activities', 'create', activityInput())).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'activities', 'create', activityInput({ title: '  ' }))).toBe('INVALID_INPUT');
    expect(await h.fail('cadre-town', 'activities', 'create', activityInput({ end: '2026-11-18T18:00:00+08:00' }))).toBe('INVALID_INPUT');
    const byStaff = (await h.call('staff-site', 'activities', 'create', activityInput({ title: '公益观影', kind: 'film' }))).activity;
    // Staff asked for 20 points: until a cadre approves them, attending gives the check-in credit.
    expect(byStaff).toMatchObject({ kind: 'film', seatsLeft: 5, gives: { points: 5, certificate: true }, pointsAwaitingApproval: 20 });
    await activity({ title: '下个月的课', start: '2026-12-20T19:00:00+08:00', end: '2026-12-20T20:00:00+08:00' });
    const { activities } = await h.call('rider-x', 'activities', 'list', { lat: 30.85, lng: 120.93 });
    const mine = activities.find((a) => a.id === byStaff.id)!;
    expect(mine.distanceM).toBeGreaterThan(1000);
    expect(mine.distanceM).toBeLessThan(1200);
    expect(activities.some((a) => a.title === '下个月的课')).toBe(false);
  });

  it('50 riders for a 5-seat class at once: 5 confirmed, 45 waitlisted in order, each told in the inbox', async () => {
    const id = await activity({ capacity: 5 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => h.raw('activities', `class-${i}`, { action: 'signUp', activityId: id })));
    const placed = results.map((r) => ok<{ signup: { status: string; position?: number } }>(r).signup);
    expect(placed.filter((s) => s.status === 'confirmed')).toHaveLength(5);
    const positions = placed
      .filter((s) => s.status === 'waitlisted')
      .map((s) => s.position!)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const held = (await h.store.get(activitySeats, id))!;
    expect(held.seated).toHaveLength(5);
    expect(held.waitlist).toHaveLength(45);
    const stored = await findAll(h.store, signups, { where: { activityId: id } });
    expect(
      stored
        .filter((s) => s.status === 'confirmed')
        .map((s) => s.ticket)
        .sort(),
    ).toEqual([...held.seated].sort());
    expect(
      stored
        .filter((s) => s.status === 'waitlisted')
        .map((s) => s.ticket)
        .sort(),
    ).toEqual([...held.waitlist].sort());
    expect((await h.call('class-0', 'account', 'messages', {})).messages[0]!.title).toMatch(/活动报名成功|已进入活动候补/);
    expect((await h.call('class-0', 'activities', 'get', { id })).activity).toMatchObject({ seatsLeft: 0, waitlisted: 45 });
  });

  it('one sign-up per rider; a cancelled seat goes to the first on the waitlist, who is told', async () => {
    const id = await activity({ capacity: 1 });
    expect((await h.call('one-a', 'activities', 'signUp', { activityId: id })).signup.status).toBe('confirmed');
    expect(await h.fail('one-a', 'activities', 'signUp', { activityId: id })).toBe('CONFLICT');
    expect((await h.call('one-b', 'activities', 'signUp', { activityId: id })).signup).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await h.call('one-a', 'activities', 'cancel', { activityId: id })).signup.status).toBe('cancelled');
    expect(await h.fail('one-a', 'activities', 'cancel', { activityId: id })).toBe('CONFLICT');
    const [b] = (await h.call('one-b', 'activities', 'mine', {})).signups;
    expect(b).toMatchObject({ status: 'confirmed', activity: { id } });
    expect((await h.call('one-b', 'account', 'messages', {})).messages.map((m) => m.title)).toContain('候补转正');
    // Sign-ups close at the start.
    h.clock.now = at('19:00');
    expect(await h.fail('one-c', 'activities', 'signUp', { activityId: id })).toBe('EXPIRED');
  });
});

describe('activities: attendance by scan', () => {
  it('staff of the station scan a signed-up rider once: points credited, and one more visit in the station’s day', async () => {
    const id = await activity({ capacity: 2, gives: { points: 20, certificate: false, pack: false } });
    await h.call('att-a', 'activities', 'signUp', { activityId: id });
    await h.call('att-b', 'activities', 'signUp', { activityId: id });
    await h.call('att-c', 'activities', 'signUp', { activityId: id });
    const before = (await h.call('staff-site', 'checkin', 'today', { stationId: SITE })).visits;
    // Too early to scan.
    expect(await h.fail('staff-site', 'activities', 'attend', { activityId: id, code: await code('att-a') })).toBe('EXPIRED');
    h.clock.now = at('18:30');
    expect(await h.fail('staff-elsewhere', 'activities', 'attend', { activityId: id, code: await code('att-a') })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-other', 'activities', 'attend', { activityId: id, code: await code('att-a') })).toBe('FORBIDDEN');
    expect(await h.fail('staff-site', 'activities', 'attend', { activityId: id, code: await code('att-c') })).toBe('NOT_FOUND');
    expect(await h.fail('staff-site', 'activities', 'attend', { activityId: id, code: await code('never-signed') })).toBe('NOT_FOUND');

    const balance = (await h.call('att-a', 'points', 'balance', {})).balance;
    const scanned = await h.call('staff-site', 'activities', 'attend', { activityId: id, code: await code('att-a', true) });
    expect(scanned).toMatchObject({ pointsAwarded: 20, visit: true });
    expect((await h.call('staff-site', 'checkin', 'today', { stationId: SITE })).visits).toBe(before + 1);
    expect((await h.call('att-a', 'points', 'balance', {})).balance).toBeGreaterThanOrEqual(balance + 20);
    expect(await h.fail('staff-site', 'activities', 'attend', { activityId: id, code: await code('att-a') })).toBe('CONFLICT');

    // The organiser scans too; concurrent scans of one code act once.
    const token = await code('att-b');
    const races = await Promise.all(Array.from({ length: 5 }, () => h.raw('activities', 'cadre-town', { action: 'attend', activityId: id, code: token })));
    expect(races.map(codeOf).filter((c) => c === 'OK')).toHaveLength(1);

    const roster = await h.call('cadre-town', 'activities', 'roster', { activityId: id });
    expect(roster.attended).toBe(2);
    expect(roster.signups.map((s) => [s.status, s.position ?? 0, Boolean(s.attendedAt)])).toEqual([
      ['confirmed', 0, true],
      ['confirmed', 0, true],
      ['waitlisted', 1, false],
    ]);
    expect(await h.fail('att-a', 'activities', 'roster', { activityId: id })).toBe('FORBIDDEN');
    expect((await h.call('att-a', 'activities', 'get', { id })).signup?.attendedAt).toBeDefined();
  });

  it('organisers message everyone holding a seat', async () => {
    const id = await activity({ capacity: 1 });
    await h.call('msg-a', 'activities', 'signUp', { activityId: id });
    await h.call('msg-b', 'activities', 'signUp', { activityId: id });
    expect(await h.fail('staff-elsewhere', 'activities', 'message', { activityId: id, body: '请带好头盔' })).toBe('FORBIDDEN');
    expect(await h.call('staff-site', 'activities', 'message', { activityId: id, body: '请带好头盔' })).toEqual({ sent: 1 });
    expect((await h.call('msg-a', 'account', 'messages', {})).messages.some((m) => m.body === '请带好头盔')).toBe(true);
    expect((await h.call('msg-b', 'account', 'messages', {})).messages.some((m) => m.body === '请带好头盔')).toBe(false);
    const { activities } = await h.call('staff-site', 'activities', 'organised', {});
    expect(activities.some((a) => a.id === id)).toBe(true);
    expect((await h.call('staff-elsewhere', 'activities', 'organised', {})).activities).toEqual([]);
  });
});

describe('care packs', () => {
  let campaignId: string;
  let turnedAway: string;

  beforeAll(async () => {
    for (let i = 0; i < 30; i++) await buildPerson(h.deps, `pack-${i}`, { verified: true });
    await buildPerson(h.deps, 'pack-unverified');
    expect(
      await h.fail('cadre-other', 'activities', 'createCampaign', {
        title: '冬日递暖 2026',
        kind: 'winter',
        orgId: TOWN,
        stations: [{ stationId: SITE, stock: 3 }],
      }),
    ).toBe('FORBIDDEN');
    expect(
      await h.fail('cadre-town', 'activities', 'createCampaign', {
        title: '冬日递暖 2026',
        kind: 'winter',
        orgId: TOWN,
        stations: [{ stationId: ELSEWHERE, stock: 3 }],
      }),
    ).toBe('FORBIDDEN');
    const { campaign } = await h.call('cadre-town', 'activities', 'createCampaign', {
      title: '冬日递暖 2026',
      kind: 'winter',
      orgId: TOWN,
      stations: [
        { stationId: SITE, stock: 3 },
        { stationId: SITE_2, stock: 2 },
      ],
    });
    campaignId = campaign.id;
  });

  it('30 riders scanned at once at a station with 3 packs: 3 handed out, stock never below zero', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => code(`pack-${i}`)));
    const results = await Promise.all(tokens.map((c) => h.raw('activities', 'staff-site', { action: 'handOut', campaignId, stationId: SITE, code: c })));
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : `${r.error.code} ${r.error.message}`))).toEqual(Array(27).fill('CONFLICT 本站的礼包已领完'));
    turnedAway = `pack-${results.findIndex((r) => !r.ok)}`;
    expect((await h.store.get(campaignStock, `${campaignId}:${SITE}`))!.left).toBe(0);
    expect(await findAll(h.store, handouts, { where: { stockId: `${campaignId}:${SITE}`, status: 'confirmed' } })).toHaveLength(3);
    const { campaigns } = await h.call('pack-29', 'activities', 'campaigns', { lat: 30.85, lng: 120.93 });
    expect(campaigns[0]!.stations.map((s) => [s.stationId, s.left])).toEqual([
      [SITE_2, 2],
      [SITE, 0],
    ]);
  });

  it('nobody gets two, the unverified get none, and only the station’s staff hand out', async () => {
    const handed = (await findAll(h.store, handouts, { where: { stockId: `${campaignId}:${SITE}`, status: 'confirmed' } }))[0]!;
    const owner = openidOf((await h.store.get(users, handed.riderId))!, h.deps.secrets.fieldKey);
    expect(await h.fail('staff-site-2', 'activities', 'handOut', { campaignId, stationId: SITE_2, code: await code(owner) })).toBe('CONFLICT');
    expect(await h.fail('staff-site-2', 'activities', 'handOut', { campaignId, stationId: SITE_2, code: await code('pack-unverified') })).toBe('FORBIDDEN');
    expect(await h.fail('staff-site', 'activities', 'handOut', { campaignId, stationId: SITE_2, code: await code('pack-29') })).toBe('FORBIDDEN');
    // A rider the empty station turned away gets one at the next station.
    expect(await h.call('staff-site-2', 'activities', 'handOut', { campaignId, stationId: SITE_2, code: await code(turnedAway) })).toMatchObject({ left: 1 });
    expect((await h.call(turnedAway, 'activities', 'campaigns', {})).campaigns[0]!.received).toBe(true);
  });

  it('one rider scanned twice at once gets one pack, and the other scan gives its pack back', async () => {
    const { campaign } = await h.call('cadre-town', 'activities', 'createCampaign', {
      title: '夏送清凉',
      kind: 'summer',
      orgId: TOWN,
      verifiedOnly: false,
      stations: [{ stationId: SITE_2, stock: 5 }],
    });
    const [first, second] = [await code('pack-twice'), await code('pack-twice')];
    const results = await Promise.all(
      [first, second].map((c) => h.raw('activities', 'staff-site-2', { action: 'handOut', campaignId: campaign.id, stationId: SITE_2, code: c })),
    );
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await h.store.get(campaignStock, `${campaign.id}:${SITE_2}`))!.left).toBe(4);
  });
});

describe('free meals', () => {
  it('100 riders for 10 meals at once: 10 booked; the window shows none left', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => h.raw('activities', `meal-${i}`, { action: 'bookMeal', stationId: SITE, window: 0 })),
    );
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : `${r.error.code} ${r.error.message}`))).toEqual(
      Array(90).fill('CONFLICT 这个时段的爱心餐已订完'),
    );
    expect((await h.store.get(mealQuota, `${SITE}:2026-11-18:0`))!.left).toBe(0);
    expect(await findAll(h.store, mealBookings, { where: { quotaId: `${SITE}:2026-11-18:0`, status: 'confirmed' } })).toHaveLength(10);
    const { windows } = await h.call('meal-0', 'activities', 'meals', { stationId: SITE });
    expect(windows.map((w) => [w.start, w.left, w.state])).toEqual([
      ['11:00', 0, 'upcoming'],
      ['17:00', 5, 'upcoming'],
    ]);
  });

  it('one a day; collected at the restaurant in the window by its staff, once; unused bookings lapse at the close', async () => {
    await h.call('lunch', 'activities', 'bookMeal', { stationId: SITE, window: 1 });
    expect(await h.fail('lunch', 'activities', 'bookMeal', { stationId: SITE, window: 1 })).toBe('CONFLICT');
    expect(await h.fail('lunch', 'activities', 'bookMeal', { stationId: SITE, window: 3 })).toBe('NOT_FOUND');
    expect((await h.call('lunch', 'activities', 'myMeal', {})).booking).toMatchObject({ status: 'booked', window: { start: '17:00' } });
    // Not yet, and not by another station's staff.
    expect(await h.fail('staff-site', 'activities', 'collectMeal', { stationId: SITE, code: await code('lunch') })).toBe('EXPIRED');
    h.clock.now = at('17:05');
    expect(await h.fail('staff-site-2', 'activities', 'collectMeal', { stationId: SITE_2, code: await code('lunch') })).toBe('NOT_FOUND');
    expect(await h.fail('staff-elsewhere', 'activities', 'collectMeal', { stationId: SITE, code: await code('lunch') })).toBe('FORBIDDEN');
    expect(await h.call('staff-site', 'activities', 'collectMeal', { stationId: SITE, code: await code('lunch', true) })).toMatchObject({
      window: { start: '17:00' },
    });
    expect(await h.fail('staff-site', 'activities', 'collectMeal', { stationId: SITE, code: await code('lunch') })).toBe('CONFLICT');
    expect((await h.call('lunch', 'activities', 'myMeal', {})).booking?.status).toBe('collected');
    expect(await h.fail('lunch', 'activities', 'bookMeal', { stationId: SITE, window: 1 })).toBe('CONFLICT');

    // meal-0 booked the 11:00 window and never came: after 13:30 it has lapsed, and they may book the evening.
    expect((await h.call('meal-0', 'activities', 'myMeal', {})).booking?.status).toBe('lapsed');
    const { booking } = await h.call('meal-0', 'activities', 'bookMeal', { stationId: SITE, window: 1 });
    expect(booking.status).toBe('booked');
    expect(await h.fail('meal-1', 'activities', 'bookMeal', { stationId: SITE, window: 0 })).toBe('EXPIRED');
    // Cancelling gives the meal back to the window.
    expect((await h.call('meal-0', 'activities', 'meals', { stationId: SITE })).windows[1]!.left).toBe(3);
    expect((await h.call('meal-0', 'activities', 'cancelMeal', {})).booking.status).toBe('cancelled');
    expect((await h.call('meal-0', 'activities', 'meals', { stationId: SITE })).windows.map((w) => w.left)).toEqual([0, 4]);
  });

  it('the map shows the meals left in the window open now, else the next one today; a booked meal lowers it', async () => {
    const PLACE = 'ac-meals-map';
    await buildStation(h.store, PLACE, {
      orgId: TOWN,
      lat: 30.851,
      meals: [
        { start: '17:00', end: '20:30', quota: 2 },
        { start: '11:00', end: '13:30', quota: 3 },
      ],
    });
    const shown = async (openid: string) => {
      const [{ station }, { stations }] = await Promise.all([
        h.call(openid, 'stations', 'get', { id: PLACE }),
        h.call(openid, 'stations', 'nearby', { lat: 30.851, lng: 120.93, radiusM: 500 }),
      ]);
      expect(stations.find((s) => s.id === SITE_2)).not.toHaveProperty('mealsLeft');
      expect(stations.find((s) => s.id === PLACE)?.mealsLeft).toEqual(station.mealsLeft);
      return station.mealsLeft;
    };
    expect(await shown('map-1')).toEqual({ window: '11:00', left: 3 });
    await h.call('map-1', 'activities', 'bookMeal', { stationId: PLACE, window: 1 });
    expect(await shown('map-2')).toEqual({ window: '11:00', left: 2 });
    h.clock.now = at('12:00');
    await h.call('map-2', 'activities', 'bookMeal', { stationId: PLACE, window: 1 });
    expect(await shown('map-3')).toEqual({ window: '11:00', left: 1 });
    h.clock.now = at('14:00');
    await h.call('map-3', 'activities', 'bookMeal', { stationId: PLACE, window: 0 });
    expect(await shown('map-4')).toEqual({ window: '17:00', left: 1 });
    h.clock.now = at('21:00');
    expect(await shown('map-4')).toBeUndefined();
  });
});
