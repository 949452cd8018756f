import { reviews } from '../../cloudfunctions/capabilities/review/collections';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';

// 10:00 in Shanghai, a Wednesday.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'town';
const OTHER_TOWN = 'other-town';
const WEEKDAYS = { days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' };

let h: Harness;
let seq = 0;

/** A fresh station (so each test starts without an open change), with `staff-<id>` as its staff member. */
async function station(name = '老街驿站'): Promise<{ id: string; staff: string }> {
  const id = `st-${++seq}`;
  await buildStation(h.store, id, { orgId: TOWN, name, services: ['rest', 'water'], hours: [WEEKDAYS] });
  await h.call(ADMIN, 'account', 'grantRole', { openid: `staff-${id}`, role: 'staff', stationId: id });
  return { id, staff: `staff-${id}` };
}

const decide = (id: string, decision: 'approve' | 'reject' | 'needs-info') => h.call('cadre', 'review', 'decide', { id, decision });
const stored = async (id: string) => must(await h.store.get(stations, id), `station ${id}`);

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, TOWN);
  await buildOrg(h.store, OTHER_TOWN);
  await buildPerson(h.deps, 'cadre', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'cadre-elsewhere', { roles: ['cadre'], cadreOrgIds: [OTHER_TOWN] });
  await buildPerson(h.deps, 'rider');
});
afterAll(() => h.close());

describe('stations.manage', () => {
  it('shows staff their station as riders see it, and no pending change', async () => {
    const { id, staff } = await station();
    const res = await h.call(staff, 'stations', 'manage', { id });
    expect(res.station).toMatchObject({ id, name: '老街驿站', services: ['rest', 'water'], liveStatus: 'open', openNow: true });
    expect(res.pendingChange).toBeUndefined();
    expect((await h.call(ADMIN, 'stations', 'manage', { id })).station.id).toBe(id);
  });

  it('refuses riders and staff of another station; an unknown station is NOT_FOUND', async () => {
    const { id } = await station();
    const other = await station();
    expect(await h.fail('rider', 'stations', 'manage', { id })).toBe('FORBIDDEN');
    expect(await h.fail(other.staff, 'stations', 'manage', { id })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'stations', 'manage', { id: 'nowhere' })).toBe('NOT_FOUND');
  });
});

describe('stations.setStatus from the console', () => {
  it('sets 已满 and 暂停服务 in one call; 暂停服务 is not open now', async () => {
    const { id, staff } = await station();
    expect((await h.call(staff, 'stations', 'setStatus', { id, liveStatus: 'full' })).station.liveStatus).toBe('full');
    await h.call(staff, 'stations', 'setStatus', { id, liveStatus: 'closed' });
    expect((await h.call(staff, 'stations', 'manage', { id })).station).toMatchObject({ liveStatus: 'closed', openNow: false });
  });
});

describe('stations.proposeChange', () => {
  it('files a station-change review in the station’s committee; nothing riders see changes yet', async () => {
    const { id, staff } = await station();
    const res = await h.call(staff, 'stations', 'proposeChange', {
      id,
      changes: { name: '老街小哥驿站', phone: '0573-84011234', services: ['water', 'rest'] },
      note: '改名了',
    });
    // Services are the same set: only the name and the phone changed.
    expect(res.fields).toEqual(['name', 'phone']);
    const item = must(await h.store.get(reviews, res.reviewId), 'the review item');
    expect(item).toMatchObject({ kind: 'station-change', orgId: TOWN, status: 'pending', title: '驿站信息修改：老街驿站' });
    expect(item.payload).toMatchObject({ stationId: id, name: '老街小哥驿站', was: { name: '老街驿站' } });
    // The phone is sealed at rest.
    expect(JSON.stringify(item.payload)).not.toContain('84011234');
    expect((await stored(id)).name).toBe('老街驿站');

    const { items } = await h.call('cadre', 'review', 'queue', { kind: 'station-change' });
    expect(items.map((i) => i.id)).toContain(res.reviewId);
    const { items: elsewhere } = await h.call('cadre-elsewhere', 'review', 'queue', { kind: 'station-change' });
    expect(elsewhere.map((i) => i.id)).not.toContain(res.reviewId);
    const detail = await h.call('cadre', 'review', 'get', { id: res.reviewId });
    expect(detail.item.payload).toMatchObject({ phone: '0573-84011234' });

    const managed = await h.call(staff, 'stations', 'manage', { id });
    expect(managed.pendingChange).toEqual({
      reviewId: res.reviewId,
      status: 'pending',
      submittedAt: '2026-11-18T10:00:00.000+08:00',
      fields: ['name', 'phone'],
    });
  });

  it('approval applies exactly the proposed fields, keeps the live status set meanwhile, and frees the station', async () => {
    const { id, staff } = await station();
    const hours = [{ days: [6, 7], open: '09:00', close: '18:00' }];
    const meals = [{ start: '11:00', end: '13:00', quota: 30 }];
    const { reviewId } = await h.call(staff, 'stations', 'proposeChange', { id, changes: { address: '解放东路 8 号', hours, meals, phone: '13800001111' } });
    await h.call(staff, 'stations', 'setStatus', { id, liveStatus: 'full' });
    const before = await stored(id);
    await decide(reviewId, 'approve');

    const after = await stored(id);
    expect(after).toMatchObject({ name: before.name, services: before.services, liveStatus: 'full', address: '解放东路 8 号', hours, meals });
    const { station: seen } = await h.call('rider', 'stations', 'get', { id });
    expect(seen).toMatchObject({ address: '解放东路 8 号', phone: '13800001111', hours, meals, liveStatus: 'full' });
    expect(JSON.stringify(after)).not.toContain('13800001111');
    expect((await h.call(staff, 'stations', 'manage', { id })).pendingChange).toBeUndefined();
    const inbox = await h.call(staff, 'account', 'messages', {});
    expect(JSON.stringify(inbox)).toContain('信息修改已通过审核');

    // Free again: the next correction removes the phone and the hours (always open).
    const next = await h.call(staff, 'stations', 'proposeChange', { id, changes: { phone: '', hours: [] } });
    expect(next.fields).toEqual(['hours', 'phone']);
    await decide(next.reviewId, 'approve');
    const cleared = (await h.call('rider', 'stations', 'get', { id })).station;
    expect(cleared.phone).toBeUndefined();
    expect(cleared.hours).toEqual([]);
    expect(cleared.address).toBe('解放东路 8 号');
  });

  it('one open change per station: a second proposal waits until the first is decided', async () => {
    const { id, staff } = await station();
    const { reviewId } = await h.call(staff, 'stations', 'proposeChange', { id, changes: { name: '新名字一' } });
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { name: '新名字二' } })).toBe('CONFLICT');
    await decide(reviewId, 'needs-info');
    expect((await h.call(staff, 'stations', 'manage', { id })).pendingChange?.status).toBe('needs-info');
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { name: '新名字二' } })).toBe('CONFLICT');
    await decide(reviewId, 'reject');
    expect((await stored(id)).name).toBe('老街驿站');
    expect((await h.call(staff, 'stations', 'manage', { id })).pendingChange).toBeUndefined();
    const second = await h.call(staff, 'stations', 'proposeChange', { id, changes: { name: '新名字二' } });
    await decide(second.reviewId, 'approve');
    expect((await stored(id)).name).toBe('新名字二');
  });

  it('concurrent proposals for one station: exactly one is filed', async () => {
    const { id, staff } = await station();
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'second-staff', role: 'staff', stationId: id });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.raw('stations', i % 2 ? staff : 'second-staff', { action: 'proposeChange', id, changes: { name: `并发名字${i}` } }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ error: { code: 'CONFLICT' } });
    const { items } = await h.call('cadre', 'review', 'queue', { kind: 'station-change' });
    expect(items.filter((i) => i.payload.stationId === id)).toHaveLength(1);
  });

  it('refuses a proposal without a change, bad input, another station’s staff and riders — writing nothing', async () => {
    const { id, staff } = await station();
    const other = await station();
    const count = async () => (await h.call('cadre', 'review', 'queue', { kind: 'station-change', limit: 100 })).items.length;
    const before = await count();
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: {} })).toBe('INVALID_INPUT');
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { name: '老街驿站', services: ['water', 'rest'], hours: [WEEKDAYS] } })).toBe(
      'INVALID_INPUT',
    );
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { phone: 'call me' } })).toBe('INVALID_INPUT');
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { name: 'x' } })).toBe('INVALID_INPUT');
    expect(await h.fail(staff, 'stations', 'proposeChange', { id, changes: { services: ['spa'] } })).toBe('INVALID_INPUT');
    expect(await h.fail(other.staff, 'stations', 'proposeChange', { id, changes: { name: '别人的驿站' } })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'stations', 'proposeChange', { id, changes: { name: '别人的驿站' } })).toBe('FORBIDDEN');
    expect(await h.fail(staff, 'stations', 'proposeChange', { id: 'nowhere', changes: { name: '别人的驿站' } })).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    expect((await h.call(staff, 'stations', 'manage', { id })).pendingChange).toBeUndefined();
  });
});
