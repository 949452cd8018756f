import { orgs } from '../../cloudfunctions/capabilities/orgs/collections';
import { redemptions, rewards } from '../../cloudfunctions/features/points/collections';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { buildOrg, buildPerson, buildReward, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';
import { must } from '../support/must';

// 10:00 in Shanghai, a Wednesday.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const COUNTY = 'county';
const TOWN = 'town';
const VILLAGE = 'village';
const TOWN_B = 'town-b';
const HERE = { lat: 30.8419, lng: 120.9268 };

let h: Harness;
let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district', name: '嘉善县' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY, name: '魏塘街道' });
  await buildOrg(h.store, VILLAGE, { parentId: TOWN, kind: 'community', name: '东门社区' });
  await buildOrg(h.store, TOWN_B, { parentId: COUNTY, name: '惠民街道' });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'cadre-b', { roles: ['cadre'], cadreOrgIds: [TOWN_B] });
  await buildPerson(h.deps, 'rider');
});
afterAll(() => h.close());

/** A fresh committee under the given parent, so each test reshapes its own part of the tree. */
async function org(parentId: string): Promise<string> {
  return buildOrg(h.store, next('org'), { parentId });
}

const parentOf = async (id: string) => must(await h.store.get(orgs, id), `org ${id}`).parentId;

describe('orgs.create', () => {
  it('lets admins add anywhere and cadres only below a committee of theirs', async () => {
    const top = await h.call(ADMIN, 'orgs', 'create', { name: '平湖市', kind: 'district' });
    expect(top.org).toMatchObject({ name: '平湖市', kind: 'district' });
    expect(top.org.parentId).toBeUndefined();
    const below = await h.call('cadre-town', 'orgs', 'create', { name: '西门社区', kind: 'community', parentId: TOWN });
    expect(below.org).toMatchObject({ name: '西门社区', parentId: TOWN });
    expect((await h.call('cadre-county', 'orgs', 'create', { name: '新区', kind: 'town', parentId: VILLAGE })).org.parentId).toBe(VILLAGE);
    expect(await h.fail('cadre-town', 'orgs', 'create', { name: '越权社区', kind: 'community', parentId: TOWN_B })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'orgs', 'create', { name: '顶层', kind: 'district' })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'orgs', 'create', { name: '骑手团委', kind: 'town', parentId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'orgs', 'create', { name: '无上级', kind: 'town', parentId: 'nowhere' })).toBe('NOT_FOUND');
  });
});

describe('orgs.rename', () => {
  it('renames for admins and for cadres above the committee, not the cadre’s own committee or another subtree', async () => {
    const id = await org(TOWN);
    expect((await h.call('cadre-town', 'orgs', 'rename', { id, name: '东门社区团支部' })).org).toMatchObject({ id, name: '东门社区团支部', parentId: TOWN });
    expect((await h.call('cadre-county', 'orgs', 'rename', { id, name: '东门社区团委' })).org.name).toBe('东门社区团委');
    expect(await h.fail('cadre-b', 'orgs', 'rename', { id, name: '别人改的' })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'orgs', 'rename', { id: TOWN, name: '自己改自己' })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'orgs', 'rename', { id, name: '骑手改的' })).toBe('FORBIDDEN');
    await h.call(ADMIN, 'orgs', 'rename', { id: TOWN, name: '魏塘街道团工委' });
    const { orgs: tree } = await h.call('rider', 'orgs', 'tree', {});
    expect(tree.find((o) => o.id === TOWN)?.name).toBe('魏塘街道团工委');
    expect(tree.find((o) => o.id === id)?.name).toBe('东门社区团委');
  });

  it('refuses bad names and unknown committees, writing nothing', async () => {
    const id = await org(TOWN);
    for (const name of ['', '第一行\n第二行', 'x'.repeat(41), '隐\u200b藏']) {
      expect(await h.fail(ADMIN, 'orgs', 'rename', { id, name })).toBe('INVALID_INPUT');
    }
    expect(must(await h.store.get(orgs, id), id).name).toBe(`团委 ${id}`);
    expect(await h.fail(ADMIN, 'orgs', 'rename', { id: 'nowhere', name: '新名' })).toBe('NOT_FOUND');
  });
});

describe('orgs.move', () => {
  it('moves a committee with its subtree; cadres only within their own subtree', async () => {
    const a = await org(TOWN);
    const child = await org(a);
    expect((await h.call('cadre-county', 'orgs', 'move', { id: a, parentId: TOWN_B })).org.parentId).toBe(TOWN_B);
    expect(await parentOf(child)).toBe(a);
    expect(await h.fail('cadre-town', 'orgs', 'move', { id: a, parentId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-b', 'orgs', 'move', { id: a, parentId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-b', 'orgs', 'move', { id: a })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'orgs', 'move', { id: a, parentId: TOWN })).toBe('FORBIDDEN');
    await h.call('cadre-b', 'orgs', 'move', { id: child, parentId: TOWN_B });
    expect(await parentOf(child)).toBe(TOWN_B);
    expect((await h.call(ADMIN, 'orgs', 'move', { id: a })).org.parentId).toBeUndefined();
    expect(await parentOf(a)).toBeUndefined();
    expect(await h.fail(ADMIN, 'orgs', 'move', { id: 'nowhere', parentId: TOWN })).toBe('NOT_FOUND');
    expect(await h.fail(ADMIN, 'orgs', 'move', { id: a, parentId: 'nowhere' })).toBe('NOT_FOUND');
  });

  it('refuses a move under the committee itself or its own subtree (a cycle) with CONFLICT', async () => {
    const a = await org(TOWN);
    const b = await org(a);
    const c = await org(b);
    expect(await h.fail(ADMIN, 'orgs', 'move', { id: a, parentId: a })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'orgs', 'move', { id: a, parentId: c })).toBe('CONFLICT');
    expect(await h.fail('cadre-town', 'orgs', 'move', { id: a, parentId: b })).toBe('CONFLICT');
    expect([await parentOf(a), await parentOf(b), await parentOf(c)]).toEqual([TOWN, a, b]);
  });

  it('never makes a cycle from two moves at once (A under B and B under A)', async () => {
    const a = await org(TOWN);
    const b = await org(TOWN);
    const results = await Promise.all([
      h.raw('orgs', ADMIN, { action: 'move', id: a, parentId: b }),
      h.raw('orgs', ADMIN, { action: 'move', id: b, parentId: a }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(1);
    const parents = [await parentOf(a), await parentOf(b)];
    expect(parents.filter((p) => p === TOWN)).toHaveLength(1);
  });
});

describe('stations: list, update, setPublished', () => {
  async function station(orgId = VILLAGE): Promise<string> {
    return buildStation(h.store, next('st'), { orgId, name: '东门驿站', lat: HERE.lat, lng: HERE.lng, services: ['rest'] });
  }

  it('lists the stations of the caller’s subtree, published or not', async () => {
    const inTown = await station(VILLAGE);
    const hidden = await buildStation(h.store, next('st'), { orgId: TOWN, published: false });
    const elsewhere = await station(TOWN_B);
    const ids = async (openid: string, orgId?: string) =>
      (await h.call(openid, 'stations', 'list', { limit: 100, ...(orgId ? { orgId } : {}) })).stations.map((s) => s.id);
    expect(await ids('cadre-town')).toEqual(expect.arrayContaining([inTown, hidden]));
    expect(await ids('cadre-town')).not.toContain(elsewhere);
    expect(await ids('cadre-county', TOWN_B)).toContain(elsewhere);
    expect(await ids(ADMIN)).toEqual(expect.arrayContaining([inTown, hidden, elsewhere]));
    expect(await h.fail('cadre-town', 'stations', 'list', { orgId: TOWN_B })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'stations', 'list', {})).toBe('FORBIDDEN');
  });

  it('edits details for admins and cadres in scope, field by field', async () => {
    const id = await station();
    const res = await h.call('cadre-town', 'stations', 'update', {
      id,
      changes: { name: '东门小哥驿站', services: ['rest', 'water'], phone: '0573-84011234', location: { lat: 30.85, lng: 120.93 } },
    });
    expect(res.station).toMatchObject({
      id,
      name: '东门小哥驿站',
      services: ['rest', 'water'],
      phone: '0573-84011234',
      location: { lat: 30.85, lng: 120.93 },
      orgId: VILLAGE,
    });
    const doc = must(await h.store.get(stations, id), id);
    expect(doc.phoneEnc).not.toContain('84011234');
    expect(doc.address).toBe('浙江省嘉兴市');
    await h.call('cadre-county', 'stations', 'update', { id, changes: { phone: '', hours: [] } });
    expect((await h.call(ADMIN, 'stations', 'get', { id })).station.phone).toBeUndefined();
    await h.call(ADMIN, 'stations', 'update', { id, changes: { address: '魏塘街道东门大街 1 号' } });
    expect(must(await h.store.get(stations, id), id)).toMatchObject({ name: '东门小哥驿站', address: '魏塘街道东门大街 1 号' });
  });

  it('refuses cadres out of scope, riders, and moving a station out of the cadre’s subtree', async () => {
    const id = await station();
    expect(await h.fail('cadre-b', 'stations', 'update', { id, changes: { name: '越权改名' } })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'stations', 'update', { id, changes: { name: '骑手改名' } })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'stations', 'update', { id, changes: { orgId: TOWN_B } })).toBe('FORBIDDEN');
    expect(must(await h.store.get(stations, id), id)).toMatchObject({ name: '东门驿站', orgId: VILLAGE });
    expect((await h.call('cadre-county', 'stations', 'update', { id, changes: { orgId: TOWN_B } })).station.orgId).toBe(TOWN_B);
    expect(await h.fail('cadre-town', 'stations', 'update', { id, changes: { name: '已不归我管' } })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'stations', 'update', { id: 'nowhere', changes: { name: '不存在' } })).toBe('NOT_FOUND');
    expect(await h.fail(ADMIN, 'stations', 'update', { id, changes: { orgId: 'nowhere' } })).toBe('NOT_FOUND');
  });

  it('refuses empty or malformed changes, writing nothing', async () => {
    const id = await station();
    for (const changes of [{}, { name: 'x' }, { name: '换\n行' }, { phone: 'abc' }, { services: ['sauna'] }, { location: { lat: 99, lng: 0 } }]) {
      expect(await h.fail(ADMIN, 'stations', 'update', { id, changes })).toBe('INVALID_INPUT');
    }
    expect(must(await h.store.get(stations, id), id).name).toBe('东门驿站');
  });

  it('keeps a concurrent status change and a concurrent edit both', async () => {
    const id = await station();
    await h.call(ADMIN, 'account', 'grantRole', { openid: `staff-${id}`, role: 'staff', stationId: id });
    await Promise.all([
      h.call('cadre-town', 'stations', 'update', { id, changes: { name: '同时改名驿站' } }),
      h.call(`staff-${id}`, 'stations', 'setStatus', { id, liveStatus: 'full' }),
    ]);
    expect(must(await h.store.get(stations, id), id)).toMatchObject({ name: '同时改名驿站', liveStatus: 'full' });
  });

  it('unpublishes: riders no longer find the station on the map or by id; republishing brings it back', async () => {
    const id = await station();
    const onMap = async () => (await h.call('rider', 'stations', 'nearby', { ...HERE, radiusM: 2000, limit: 100 })).stations.some((s) => s.id === id);
    expect(await onMap()).toBe(true);
    expect((await h.call('cadre-town', 'stations', 'setPublished', { id, published: false })).station.published).toBe(false);
    expect(await onMap()).toBe(false);
    expect(await h.fail('rider', 'stations', 'get', { id })).toBe('NOT_FOUND');
    expect((await h.call('cadre-town', 'stations', 'get', { id })).station.published).toBe(false);
    expect(await h.fail('cadre-b', 'stations', 'setPublished', { id, published: true })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'stations', 'setPublished', { id, published: true })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'stations', 'setPublished', { id: 'nowhere', published: true })).toBe('NOT_FOUND');
    await h.call(ADMIN, 'stations', 'setPublished', { id, published: true });
    expect(await onMap()).toBe(true);
    expect((await h.call('rider', 'stations', 'get', { id })).station.name).toBe('东门驿站');
  });
});

describe('rewards: create, restock, retire', () => {
  let grants = 0;
  async function riderWith(openid: string, points: number): Promise<string> {
    const { user } = await h.call(openid, 'account', 'me', {});
    await h.store.transaction((tx) => appendEntry(tx, { _id: `test:${++grants}`, userId: user.id, delta: points, reason: 'test', at: T0.toISOString() }));
    return user.id;
  }
  const stockOf = async (id: string) => must(await h.store.get(rewards, id), id).stock;

  it('gives a cadre’s reward their committee, and refuses one outside their subtree', async () => {
    const { reward } = await h.call('cadre-town', 'points', 'createReward', { name: '雨衣', cost: 10, stock: 5 });
    expect(must(await h.store.get(rewards, reward.id), reward.id).orgId).toBe(TOWN);
    await h.call('cadre-town', 'points', 'createReward', { name: '社区雨伞', cost: 5, stock: 5, orgId: VILLAGE });
    expect(await h.fail('cadre-town', 'points', 'createReward', { name: '越权奖品', cost: 5, stock: 5, orgId: TOWN_B })).toBe('FORBIDDEN');
    const county = (await h.call(ADMIN, 'points', 'createReward', { name: '头盔', cost: 80, stock: 1 })).reward;
    expect(must(await h.store.get(rewards, county.id), county.id).orgId).toBeUndefined();
  });

  it('restocks for admins and cadres in scope, never for others', async () => {
    const town = (await h.call('cadre-town', 'points', 'createReward', { name: '保温杯', cost: 30, stock: 2 })).reward.id;
    const county = await buildReward(h.store, next('rw'), { cost: 20, stock: 1 });
    expect((await h.call('cadre-town', 'points', 'restockReward', { id: town, add: 3 })).reward).toMatchObject({
      id: town,
      stock: 5,
      orgId: TOWN,
      retired: false,
    });
    expect((await h.call('cadre-county', 'points', 'restockReward', { id: town, add: 1 })).reward.stock).toBe(6);
    expect((await h.call(ADMIN, 'points', 'restockReward', { id: town, add: 4 })).reward.stock).toBe(10);
    expect(await h.fail('cadre-b', 'points', 'restockReward', { id: town, add: 1 })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'points', 'restockReward', { id: town, add: 1 })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-county', 'points', 'restockReward', { id: county, add: 1 })).toBe('FORBIDDEN');
    expect((await h.call(ADMIN, 'points', 'restockReward', { id: county, add: 9 })).reward.stock).toBe(10);
    for (const add of [0, -1, 1.5, 100_001]) expect(await h.fail(ADMIN, 'points', 'restockReward', { id: town, add })).toBe('INVALID_INPUT');
    expect(await h.fail(ADMIN, 'points', 'restockReward', { id: 'nowhere', add: 1 })).toBe('NOT_FOUND');
    expect(await stockOf(town)).toBe(10);
  });

  it('lists the rewards a caller manages, retired ones included', async () => {
    const own = (await h.call('cadre-b', 'points', 'createReward', { name: '惠民水杯', cost: 10, stock: 1 })).reward.id;
    const ids = async (openid: string) => (await h.call(openid, 'points', 'manageRewards', {})).rewards.map((r) => r.id);
    expect(await ids('cadre-b')).toEqual([own]);
    expect(await ids('cadre-county')).toContain(own);
    expect(await ids('cadre-town')).not.toContain(own);
    expect(await ids(ADMIN)).toContain(own);
    expect(await h.fail('rider', 'points', 'manageRewards', {})).toBe('FORBIDDEN');
  });

  it('loses neither stock nor a redemption when 20 redemptions and 5 restocks run at once', async () => {
    const id = await buildReward(h.store, next('rw'), { name: '充电宝', cost: 10, stock: 20 });
    const openids = Array.from({ length: 20 }, (_, i) => `rush-${i}`);
    const ids = await Promise.all(openids.map((o) => riderWith(o, 10)));
    const results = await Promise.all([
      ...openids.map((o) => h.raw('points', o, { action: 'redeemReward', rewardId: id, requestId: `req-${o}` })),
      ...Array.from({ length: 5 }, () => h.raw('points', ADMIN, { action: 'restockReward', id, add: 3 })),
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await stockOf(id)).toBe(20 + 5 * 3 - 20);
    await expectLedgerInvariant(h.store, ids);
  });

  it('never sells more than was stocked while restocks race a rush on a scarce reward', async () => {
    const id = await buildReward(h.store, next('rw'), { name: '限量头盔', cost: 10, stock: 5 });
    const openids = Array.from({ length: 20 }, (_, i) => `scarce-${i}`);
    const ids = await Promise.all(openids.map((o) => riderWith(o, 10)));
    const results = await Promise.all([
      ...openids.map((o) => h.raw('points', o, { action: 'redeemReward', rewardId: id, requestId: `req-${o}` })),
      ...Array.from({ length: 5 }, () => h.raw('points', ADMIN, { action: 'restockReward', id, add: 1 })),
    ]);
    const redeems = results.slice(0, 20);
    expect(results.slice(20).every((r) => r.ok)).toBe(true);
    const redeemed = redeems.filter((r) => r.ok).length;
    expect(redeemed).toBeGreaterThanOrEqual(5);
    expect(redeemed).toBeLessThanOrEqual(10);
    expect(redeems.filter((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message === '已兑完')).toHaveLength(20 - redeemed);
    expect(await stockOf(id)).toBe(5 + 5 - redeemed);
    let sold = 0;
    for (const userId of ids) sold += (await h.store.find(redemptions, { where: { userId }, limit: 10 })).items.length;
    expect(sold).toBe(redeemed);
    await expectLedgerInvariant(h.store, ids);
  });

  it('retires: no longer offered nor redeemable, while redemptions made before are still collected', async () => {
    const id = (await h.call('cadre-town', 'points', 'createReward', { name: '防晒冰袖', cost: 10, stock: 5 })).reward.id;
    await riderWith('retire-rider', 30);
    const { pickupCode } = await h.call('retire-rider', 'points', 'redeemReward', { rewardId: id, requestId: 'req-retire-1' });
    expect(await h.fail('cadre-b', 'points', 'retireReward', { id })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'points', 'retireReward', { id })).toBe('FORBIDDEN');
    expect((await h.call('cadre-town', 'points', 'retireReward', { id })).reward).toMatchObject({ id, retired: true, stock: 4 });
    expect((await h.call('rider', 'points', 'rewards', {})).rewards.map((r) => r.id)).not.toContain(id);
    expect((await h.call('cadre-town', 'points', 'manageRewards', {})).rewards.find((r) => r.id === id)?.retired).toBe(true);
    const refused = await h.raw('points', 'retire-rider', { action: 'redeemReward', rewardId: id, requestId: 'req-retire-2' });
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该奖品已下架' } });
    expect((await h.call('retire-rider', 'points', 'balance', {})).balance).toBe(20);
    expect(await h.fail('cadre-town', 'points', 'retireReward', { id })).toBe('CONFLICT');
    expect(await h.fail('cadre-town', 'points', 'restockReward', { id, add: 1 })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'points', 'retireReward', { id: 'nowhere' })).toBe('NOT_FOUND');

    const shop = await buildStation(h.store, next('st'), { orgId: TOWN });
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'staff-retire', role: 'staff', stationId: shop });
    const { redemption } = await h.call('staff-retire', 'points', 'collect', { pickupCode, stationId: shop });
    expect(redemption).toMatchObject({ rewardId: id, status: 'collected' });
  });
});

describe('roles and counsellors', () => {
  it('leaves roles to admins', async () => {
    const station = await buildStation(h.store, next('st'), { orgId: TOWN });
    expect(await h.fail('cadre-county', 'account', 'grantRole', { openid: 'someone', role: 'staff', stationId: station })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-county', 'account', 'revokeRole', { openid: 'cadre-town', role: 'cadre' })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-county', 'consult', 'addCounsellor', { openid: 'someone', name: '李老师', categories: ['law'], orgId: TOWN })).toBe('FORBIDDEN');
    const { user } = await h.call(ADMIN, 'account', 'grantRole', { openid: 'new-staff', role: 'staff', stationId: station });
    expect(user.roles).toContain('staff');
    expect((await h.call(ADMIN, 'account', 'revokeRole', { openid: 'new-staff', role: 'staff' })).user.roles).not.toContain('staff');
  });

  it('finds a person by name, phone or user number, then grants by that number; an unknown number grants nothing', async () => {
    const station = await buildStation(h.store, next('st'), { orgId: TOWN });
    await h.call('find-me', 'account', 'updateProfile', { displayName: '周小骑', phone: '13812345678' });
    const { user: me } = await h.call('find-me', 'account', 'me', {});
    for (const query of ['周小', '13812345678', me.id]) {
      const { people } = await h.call(ADMIN, 'account', 'findPeople', { query });
      expect(people.map((p) => p.id)).toContain(me.id);
      expect(people.find((p) => p.id === me.id)).toMatchObject({ displayName: '周小骑', phone: '138****5678' });
      expect(JSON.stringify(people)).not.toContain('find-me');
    }
    expect((await h.call(ADMIN, 'account', 'findPeople', { query: '13800000000' })).people).toEqual([]);
    expect(await h.fail('cadre-county', 'account', 'findPeople', { query: '周小' })).toBe('FORBIDDEN');
    const { user } = await h.call(ADMIN, 'account', 'grantRole', { userId: me.id, role: 'staff', stationId: station });
    expect(user).toMatchObject({ id: me.id, roles: expect.arrayContaining(['staff']), stationIds: [station] });
    const before = await h.call(ADMIN, 'account', 'findPeople', { query: '骑手' });
    expect(await h.fail(ADMIN, 'account', 'grantRole', { userId: 'AAAAAAAAAAAAAAAA', role: 'staff', stationId: station })).toBe('NOT_FOUND');
    expect(await h.fail(ADMIN, 'consult', 'addCounsellor', { userId: 'AAAAAAAAAAAAAAAA', name: '某某', categories: ['law'], orgId: TOWN })).toBe('NOT_FOUND');
    expect(await h.call(ADMIN, 'account', 'findPeople', { query: '骑手' })).toEqual(before);
    expect(await h.fail(ADMIN, 'account', 'grantRole', { openid: 'x', userId: me.id, role: 'staff', stationId: station })).toBe('INVALID_INPUT');
    expect((await h.call(ADMIN, 'account', 'revokeRole', { userId: me.id, role: 'staff' })).user.roles).not.toContain('staff');
    const { counsellor } = await h.call(ADMIN, 'consult', 'addCounsellor', { userId: me.id, name: '周老师', categories: ['law'], orgId: TOWN });
    expect(counsellor.id).toBe(me.id);
  });

  it('lists counsellors for admins only', async () => {
    await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'counsellor-a', name: '王律师', categories: ['law', 'labour'], orgId: COUNTY });
    await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'counsellor-b', name: '陈老师', categories: ['psych'], orgId: TOWN, intro: '心理咨询师' });
    const { counsellors } = await h.call(ADMIN, 'consult', 'counsellors', {});
    expect(counsellors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '王律师', categories: ['law', 'labour'], orgId: COUNTY }),
        expect.objectContaining({ name: '陈老师', categories: ['psych'], orgId: TOWN, intro: '心理咨询师' }),
      ]),
    );
    expect(await h.fail('cadre-county', 'consult', 'counsellors', {})).toBe('FORBIDDEN');
    expect(await h.fail('counsellor-a', 'consult', 'counsellors', {})).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'consult', 'counsellors', {})).toBe('FORBIDDEN');
  });
});
