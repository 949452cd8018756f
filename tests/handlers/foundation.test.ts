import type { HoursRule, StationService } from '../../types';
import { users } from '../../cloudfunctions/core/identity';
import { reviews } from '../../cloudfunctions/capabilities/review/collections';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';

const COUNTY = 'county';
const OTHER_COUNTY = 'other-county';
const TOWN = 'town';
const TOWN_B = 'town-b';
const TOWN_C = 'town-c';
/** Where the rider stands; the nearest station is HQ, about 125 m away. */
const HERE = { lat: 30.841, lng: 120.926 };
const HQ = 'st-hq';
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const DAYTIME: HoursRule[] = [{ days: ALL_DAYS, open: '08:00', close: '20:00' }];
const OVERNIGHT: HoursRule[] = [{ days: ALL_DAYS, open: '20:00', close: '08:00' }];

let h: Harness;

/**
 * Twenty-four stations 0.5–4.1 km around HERE, by turns open around the clock, by day and overnight; every other one
 * serves meals and has a toilet.
 */
async function ringOfStations(): Promise<void> {
  for (let i = 1; i <= 24; i++) {
    const km = 0.5 + (i % 9) * 0.45;
    const angle = (i * 15 * Math.PI) / 180;
    await buildStation(h.store, `st-${i}`, {
      orgId: TOWN,
      lat: HERE.lat + (km / 111.2) * Math.sin(angle),
      lng: HERE.lng + (km / (111.2 * Math.cos((HERE.lat * Math.PI) / 180))) * Math.cos(angle),
      services: i % 2 ? ['rest', 'meal', 'toilet'] : ['rest', 'water'],
      hours: [undefined, DAYTIME, OVERNIGHT][i % 3],
    });
  }
}

beforeAll(async () => {
  h = await createHarness();
  await buildOrg(h.store, COUNTY, { kind: 'district' });
  await buildOrg(h.store, OTHER_COUNTY, { kind: 'district' });
  await buildOrg(h.store, TOWN, { name: '魏塘街道团工委', parentId: COUNTY });
  for (const id of [TOWN_B, TOWN_C]) await buildOrg(h.store, id, { parentId: COUNTY });
  await buildStation(h.store, HQ, {
    orgId: TOWN,
    lat: 30.8419,
    lng: 120.9268,
    services: ['rest', 'charging', 'water', 'microwave', 'toilet', 'meal'],
    hours: [{ days: ALL_DAYS, open: '07:00', close: '24:00' }],
    meals: [{ start: '13:00', end: '13:30', quota: 30 }],
  });
  await ringOfStations();
  await buildPerson(h.deps, 'rider-1', { orgId: TOWN });
  await buildPerson(h.deps, 'staff-hq', { roles: ['staff'], stationIds: [HQ], orgId: TOWN });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
});
afterAll(() => h.close());

const countUsers = () => h.store.count(users);

describe('the runtime', () => {
  it('answers UNAUTHENTICATED without an identity, before anything else', async () => {
    expect(await h.fail(null, 'account', 'me', {})).toBe('UNAUTHENTICATED');
    expect((await h.raw('account', null, { action: 'nope' })).ok).toBe(false);
  });

  it('answers INVALID_INPUT for an unknown or missing action, and for a non-object event', async () => {
    for (const event of [{ action: 'nope' }, {}, null, 'me', [1], { action: 'toString' }, { action: '__proto__' }]) {
      const res = await h.raw('account', 'rider-1', event);
      expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    }
  });

  it('creates an unknown caller as a plain rider on its first call, once even when calls race', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => h.call('new-openid', 'account', 'me', {})));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results[0]?.user.roles).toEqual(['rider']);
  });

  it('names a missing or wrong field as people call it, never by its key', async () => {
    const missing = await h.raw('volunteers', 'field-rider', { action: 'apply', name: '张三', skills: ['急救'] });
    expect(missing).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请填写「所属团委」' } });
    const wrong = await h.raw('stations', 'field-rider', { action: 'get', id: 42 });
    expect(wrong.ok ? '' : wrong.error.message).not.toMatch(/[a-z]{2}/i);
  });

  it('does not create a caller whose first call has bad input', async () => {
    expect(await h.fail('never-seen', 'stations', 'nearby', { lat: 'x' })).toBe('INVALID_INPUT');
    expect(await h.user('never-seen')).toBeNull();
  });

  it('makes RIDER_HUB_ADMIN admin from the start', async () => {
    const { user } = await h.call(ADMIN, 'account', 'me', {});
    expect(user.roles).toContain('admin');
  });
});

describe('account', () => {
  it('me shows roles, home committee and stations', async () => {
    const { user } = await h.call('staff-hq', 'account', 'me', {});
    expect(user).toMatchObject({ roles: ['rider', 'staff'], orgId: TOWN, stationIds: [HQ] });
    expect(JSON.stringify(user)).not.toContain('staff-hq');
  });

  it('updateProfile sets the home committee and masks the phone', async () => {
    const { user } = await h.call('profile-rider', 'account', 'updateProfile', {
      orgId: TOWN_B,
      displayName: '赵骑手',
      phone: '13812345678',
      platform: '美团',
    });
    expect(user).toMatchObject({ orgId: TOWN_B, displayName: '赵骑手', phone: '138****5678', platform: '美团' });
    const stored = await h.user('profile-rider');
    expect(JSON.stringify(stored)).not.toContain('13812345678');
  });

  it('updateProfile refuses an unknown committee and a malformed phone, writing nothing', async () => {
    expect(await h.fail('profile-rider', 'account', 'updateProfile', { orgId: 'org-nowhere' })).toBe('NOT_FOUND');
    expect(await h.fail('profile-rider', 'account', 'updateProfile', { phone: '12345', displayName: '改名' })).toBe('INVALID_INPUT');
    const { user } = await h.call('profile-rider', 'account', 'me', {});
    expect(user).toMatchObject({ orgId: TOWN_B, displayName: '赵骑手' });
  });

  it('grantRole is admin only and creates a never-seen openid', async () => {
    expect(await h.fail('cadre-county', 'account', 'grantRole', { openid: 'x', role: 'admin' })).toBe('FORBIDDEN');
    const { user } = await h.call(ADMIN, 'account', 'grantRole', { openid: 'fresh-staff', role: 'staff', stationId: 'st-1' });
    expect(user).toMatchObject({ roles: ['rider', 'staff'], stationIds: ['st-1'] });
    const again = await h.call(ADMIN, 'account', 'grantRole', { openid: 'fresh-staff', role: 'cadre', orgId: TOWN_C });
    expect(again.user).toMatchObject({ roles: ['rider', 'staff', 'cadre'], cadreOrgIds: [TOWN_C] });
  });

  it('grantRole needs the station or committee the role is for', async () => {
    const before = await countUsers();
    expect(await h.fail(ADMIN, 'account', 'grantRole', { openid: 'y', role: 'staff' })).toBe('INVALID_INPUT');
    expect(await h.fail(ADMIN, 'account', 'grantRole', { openid: 'y', role: 'cadre' })).toBe('INVALID_INPUT');
    expect(await h.fail(ADMIN, 'account', 'grantRole', { openid: 'y', role: 'rider' })).toBe('INVALID_INPUT');
    expect(await h.fail(ADMIN, 'account', 'grantRole', { openid: 'y', role: 'staff', stationId: 'st-none' })).toBe('NOT_FOUND');
    expect(await h.user('y')).toBeNull();
    expect(await countUsers()).toBe(before);
  });

  it('messages start empty and readMessages keeps the count right', async () => {
    const res = await h.call('rider-1', 'account', 'messages', {});
    expect(res).toEqual({ messages: [], unread: 0 });
    expect(await h.call('rider-1', 'account', 'readMessages', { ids: ['nope'] })).toEqual({ unread: 0 });
  });
});

describe('orgs', () => {
  it('tree lists the committees for anyone', async () => {
    const { orgs } = await h.call('rider-1', 'orgs', 'tree', {});
    expect(orgs.find((o) => o.id === TOWN)).toEqual({ id: TOWN, name: '魏塘街道团工委', kind: 'town', parentId: COUNTY });
  });

  it('create is for admins and cadres above the parent, checks the parent and the kind', async () => {
    expect(await h.fail('cadre-town', 'orgs', 'create', { name: '新社区', kind: 'community', parentId: TOWN_B })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'orgs', 'create', { name: '新社区', kind: 'village', parentId: TOWN })).toBe('INVALID_INPUT');
    expect(await h.fail(ADMIN, 'orgs', 'create', { name: '新社区', kind: 'community', parentId: 'org-x' })).toBe('NOT_FOUND');
    const before = (await h.call('rider-1', 'orgs', 'tree', {})).orgs.length;
    const { org } = await h.call(ADMIN, 'orgs', 'create', { name: '新社区团支部', kind: 'community', parentId: TOWN });
    expect(org).toMatchObject({ name: '新社区团支部', kind: 'community', parentId: TOWN });
    expect((await h.call('rider-1', 'orgs', 'tree', {})).orgs).toHaveLength(before + 1);
  });
});

describe('stations', () => {
  const newStation = {
    name: '测试驿站',
    orgId: TOWN,
    location: { lat: 30.845, lng: 120.93 },
    address: '嘉善县测试路 1 号',
    services: ['rest', 'water'] as StationService[],
    hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '20:00' }],
  };

  it('nearby answers stations sorted by distance with services and openNow', async () => {
    const { stations } = await h.call('rider-1', 'stations', 'nearby', { ...HERE, radiusM: 5000 });
    expect(stations.length).toBe(20);
    expect(stations[0]?.id).toBe(HQ);
    const distances = stations.map((s) => s.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[distances.length - 1]).toBeLessThanOrEqual(5000);
    expect(typeof stations[0]?.openNow).toBe('boolean');
  });

  it('nearby filters by every requested service and by open now', async () => {
    const { stations } = await h.call('rider-1', 'stations', 'nearby', { ...HERE, radiusM: 50000, limit: 100, services: ['meal', 'toilet'] });
    expect(stations.length).toBeGreaterThan(0);
    for (const s of stations) expect(s.services).toEqual(expect.arrayContaining(['meal', 'toilet']));
    // 03:00 in Shanghai: only stations open at night or without hours.
    h.clock.now = new Date('2026-11-17T19:00:00Z');
    const night = await h.call('rider-1', 'stations', 'nearby', { ...HERE, radiusM: 50000, limit: 100, openNow: true });
    expect(night.stations.length).toBeGreaterThan(0);
    for (const s of night.stations) expect(s.openNow).toBe(true);
    const all = await h.call('rider-1', 'stations', 'nearby', { ...HERE, radiusM: 50000, limit: 100 });
    expect(night.stations.length).toBeLessThan(all.stations.length);
    h.clock.now = new Date('2026-11-18T02:00:00.000Z');
  });

  it('nearby respects radius and limit, and refuses bad input', async () => {
    const { stations } = await h.call('rider-1', 'stations', 'nearby', { ...HERE, radiusM: 200, limit: 1 });
    expect(stations.map((s) => s.id)).toEqual([HQ]);
    expect(await h.fail('rider-1', 'stations', 'nearby', { lat: 91, lng: 120 })).toBe('INVALID_INPUT');
    expect(await h.fail('rider-1', 'stations', 'nearby', { ...HERE, limit: 101 })).toBe('INVALID_INPUT');
    expect(await h.fail('rider-1', 'stations', 'nearby', { ...HERE, services: ['spa'] })).toBe('INVALID_INPUT');
  });

  it('get answers a station with its distance, NOT_FOUND otherwise', async () => {
    const { station } = await h.call('rider-1', 'stations', 'get', { id: HQ, ...HERE });
    expect(station).toMatchObject({ id: HQ, meals: expect.any(Array), openNow: true });
    expect(station.distanceM).toBeGreaterThan(50);
    expect(await h.fail('rider-1', 'stations', 'get', { id: 'st-none' })).toBe('NOT_FOUND');
  });

  it('create: admin anywhere, a cadre in their subtree only, riders never', async () => {
    expect(await h.fail('rider-1', 'stations', 'create', newStation)).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'stations', 'create', { ...newStation, orgId: TOWN_B })).toBe('FORBIDDEN');
    const byCounty = await h.call('cadre-county', 'stations', 'create', newStation);
    expect(byCounty.station).toMatchObject({ name: '测试驿站', published: true });
    await h.call(ADMIN, 'stations', 'create', { ...newStation, orgId: OTHER_COUNTY, name: '海宁测试驿站' });
    const near = await h.call('rider-1', 'stations', 'nearby', { lat: 30.845, lng: 120.93, radiusM: 100 });
    expect(near.stations.map((s) => s.id)).toContain(byCounty.station.id);
  });

  it('create refuses bad input and writes nothing', async () => {
    const before = (await h.call('rider-1', 'stations', 'nearby', { lat: 30.845, lng: 120.93, radiusM: 100 })).stations.length;
    const bad = [
      { ...newStation, services: ['spa'] },
      { ...newStation, hours: [{ days: [8], open: '08:00', close: '20:00' }] },
      { ...newStation, hours: [{ days: [1], open: '8:00', close: '20:00' }] },
      { ...newStation, location: { lat: 30.845 } },
      { ...newStation, name: '' },
    ];
    for (const input of bad) expect(await h.fail(ADMIN, 'stations', 'create', input)).toBe('INVALID_INPUT');
    expect((await h.call('rider-1', 'stations', 'nearby', { lat: 30.845, lng: 120.93, radiusM: 100 })).stations).toHaveLength(before);
  });

  it('apply files a station review and keeps the station off the map until approved', async () => {
    const { reviewId } = await h.call('rider-1', 'stations', 'apply', { ...newStation, name: '申请中的驿站', location: { lat: 30.9, lng: 121.0 } });
    const item = await h.store.get(reviews, reviewId);
    expect(item).toMatchObject({ kind: 'station', status: 'pending', orgId: TOWN });
    const near = await h.call('rider-1', 'stations', 'nearby', { lat: 30.9, lng: 121.0, radiusM: 50 });
    expect(near.stations).toHaveLength(0);
    expect(await h.fail('rider-1', 'stations', 'get', { id: String(item?.payload.stationId) })).toBe('NOT_FOUND');
    expect(await h.fail('rider-1', 'stations', 'apply', { ...newStation, orgId: 'org-x' })).toBe('NOT_FOUND');
  });

  it('setStatus: staff of the station and admin only', async () => {
    expect(await h.fail('rider-1', 'stations', 'setStatus', { id: HQ, liveStatus: 'full' })).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'stations', 'setStatus', { id: 'st-1', liveStatus: 'full' })).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'stations', 'setStatus', { id: HQ, liveStatus: 'busy' })).toBe('INVALID_INPUT');
    await h.call('staff-hq', 'stations', 'setStatus', { id: HQ, liveStatus: 'closed' });
    const { station } = await h.call('rider-1', 'stations', 'get', { id: HQ });
    expect(station).toMatchObject({ liveStatus: 'closed', openNow: false });
    await h.call(ADMIN, 'stations', 'setStatus', { id: HQ, liveStatus: 'open' });
  });
});
