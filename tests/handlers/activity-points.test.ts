/**
 * Points only from rules a committee set: activities station staff publish give at most the check-in credit until a
 * cadre of the station's committee approves their points, and a rider's points from activities have a daily cap.
 */
import type { InputOf } from '../../types';
import { activityPointDays } from '../../cloudfunctions/features/activities/collections';
import { ledger } from '../../cloudfunctions/capabilities/ledger/collections';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { ACTIVITY_DAILY_POINTS_CAP } from '../../cloudfunctions/features/activities/activities-rules';
import { CHECKIN_POINTS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';

jest.setTimeout(60_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const DURING = new Date('2026-11-18T19:30:00+08:00');
let h: Harness;

function activityInput(points: number, over: Partial<InputOf<'activities', 'create'>> = {}): InputOf<'activities', 'create'> {
  return {
    title: `驿站活动 ${points} 分`,
    kind: 'class',
    orgId: 'pt-town',
    venue: { name: '魏塘驿站', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 'pt-st' },
    start: '2026-11-18T19:00:00+08:00',
    end: '2026-11-18T20:30:00+08:00',
    capacity: 50,
    gives: { points, certificate: false, pack: false },
    ...over,
  };
}

async function attend(by: string, activityId: string, rider: string): Promise<number> {
  h.clock.now = T0;
  await h.call(rider, 'activities', 'signUp', { activityId });
  h.clock.now = DURING;
  const { code } = await h.call(rider, 'checkin', 'issueCode', {});
  return (await h.call(by, 'activities', 'attend', { activityId, code })).pointsAwarded;
}

/** Points the rider got from activities, by the ledger (a scan at a station also credits its check-in). */
async function fromActivities(openid: string): Promise<number> {
  const rider = (await h.user(openid))!;
  const entries = await findAll(h.store, ledger, { where: { userId: rider._id } });
  return entries.filter((e) => e.reason === 'activity').reduce((sum, e) => sum + e.delta, 0);
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'pt-county', { kind: 'district' });
  await buildOrg(h.store, 'pt-town', { parentId: 'pt-county' });
  await buildOrg(h.store, 'pt-other', { parentId: 'pt-county' });
  await buildStation(h.store, 'pt-st', { orgId: 'pt-town' });
  await buildPerson(h.deps, 'pt-staff', { roles: ['staff'], stationIds: ['pt-st'] });
  await buildPerson(h.deps, 'pt-cadre', { roles: ['cadre'], cadreOrgIds: ['pt-town'] });
  await buildPerson(h.deps, 'pt-cadre-other', { roles: ['cadre'], cadreOrgIds: ['pt-other'] });
});
afterAll(() => h.close());

describe('activities published by station staff', () => {
  it('give the check-in credit until a cadre of the station’s committee approves their points', async () => {
    h.clock.now = T0;
    const { activity } = await h.call('pt-staff', 'activities', 'create', activityInput(100));
    expect(activity).toMatchObject({ gives: { points: CHECKIN_POINTS }, pointsAwaitingApproval: 100 });
    expect(await attend('pt-staff', activity.id, 'pt-rider-1')).toBe(CHECKIN_POINTS);

    const [item] = (await h.call('pt-cadre', 'review', 'queue', { kind: 'activity-points' })).items;
    expect(item).toMatchObject({ kind: 'activity-points', orgId: 'pt-town', title: expect.stringContaining('100 分') });
    expect(await h.fail('pt-cadre-other', 'review', 'decide', { id: item!.id, decision: 'approve' })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'review', 'decide', { id: item!.id, decision: 'approve' })).toBe('FORBIDDEN');
    expect(await h.fail('pt-staff', 'review', 'decide', { id: item!.id, decision: 'approve' })).toBe('FORBIDDEN');
    expect((await h.call('pt-staff', 'activities', 'get', { id: activity.id })).activity.gives.points).toBe(CHECKIN_POINTS);

    h.clock.now = T0;
    await h.call('pt-cadre', 'review', 'decide', { id: item!.id, decision: 'approve' });
    const approved = (await h.call('pt-rider-2', 'activities', 'get', { id: activity.id })).activity;
    expect(approved.gives.points).toBe(100);
    expect(approved.pointsAwaitingApproval).toBeUndefined();
    expect(await attend('pt-staff', activity.id, 'pt-rider-2')).toBe(100);
  });

  it('stay at the check-in credit when the cadre refuses, and points at or under it need no approval', async () => {
    h.clock.now = T0;
    const asked = (await h.call('pt-staff', 'activities', 'create', activityInput(60, { title: '被拒的活动' }))).activity;
    const item = (await h.call('pt-cadre', 'review', 'queue', { kind: 'activity-points' })).items.find((i) => i.title.includes('被拒的活动'))!;
    await h.call('pt-cadre', 'review', 'decide', { id: item.id, decision: 'reject', note: '积分过高' });
    expect((await h.call('pt-rider-3', 'activities', 'get', { id: asked.id })).activity).toMatchObject({ gives: { points: CHECKIN_POINTS } });
    expect(await attend('pt-staff', asked.id, 'pt-rider-3')).toBe(CHECKIN_POINTS);

    h.clock.now = T0;
    const small = (await h.call('pt-staff', 'activities', 'create', activityInput(CHECKIN_POINTS, { title: '小活动' }))).activity;
    expect(small.pointsAwaitingApproval).toBeUndefined();
    expect((await h.call('pt-cadre', 'review', 'queue', { kind: 'activity-points' })).items.some((i) => i.title.includes('小活动'))).toBe(false);
  });

  it('no longer let staff mint points: 100-point activities give the check-in credit each, and flooding the queue is refused', async () => {
    h.clock.now = new Date('2026-11-18T03:05:00.000Z');
    await buildPerson(h.deps, 'pt-minting-staff', { roles: ['staff'], stationIds: ['pt-st'] });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push((await h.call('pt-minting-staff', 'activities', 'create', activityInput(100, { title: `刷分活动 ${i}` }))).activity.id);
    expect(await h.fail('pt-minting-staff', 'activities', 'create', activityInput(100, { title: '刷分活动 10' }))).toBe('RATE_LIMITED');
    let earned = 0;
    for (const id of ids) earned += await attend('pt-minting-staff', id, 'pt-minter');
    expect(earned).toBe(10 * CHECKIN_POINTS);
    expect(await fromActivities('pt-minter')).toBe(10 * CHECKIN_POINTS);
  });
});

describe('a rider’s points from activities a day', () => {
  it('stop at the daily cap, even for activities a cadre published, and start again the next day', async () => {
    h.clock.now = T0;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await h.call('pt-cadre', 'activities', 'create', activityInput(40, { title: `团委活动 ${i}` }))).activity.id);
    const awarded: number[] = [];
    for (const id of ids.slice(0, 3)) awarded.push(await attend('pt-cadre', id, 'pt-keen'));
    expect(awarded).toEqual([40, 40, ACTIVITY_DAILY_POINTS_CAP - 80]);
    const rider = (await h.user('pt-keen'))!;
    expect(await h.store.get(activityPointDays, `${rider._id}:2026-11-18`)).toMatchObject({ points: ACTIVITY_DAILY_POINTS_CAP });
    expect(await attend('pt-cadre', ids[3]!, 'pt-keen')).toBe(0);
    expect(await fromActivities('pt-keen')).toBe(ACTIVITY_DAILY_POINTS_CAP);

    h.clock.now = new Date('2026-11-19T02:00:00.000Z');
    const tomorrow = (
      await h.call('pt-cadre', 'activities', 'create', activityInput(40, { start: '2026-11-19T19:00:00+08:00', end: '2026-11-19T20:00:00+08:00' }))
    ).activity.id;
    await h.call('pt-keen', 'activities', 'signUp', { activityId: tomorrow });
    h.clock.now = new Date('2026-11-19T19:10:00+08:00');
    const { code } = await h.call('pt-keen', 'checkin', 'issueCode', {});
    expect((await h.call('pt-cadre', 'activities', 'attend', { activityId: tomorrow, code })).pointsAwarded).toBe(40);
  });

  it('holds when one rider is scanned into several activities at once', async () => {
    h.clock.now = T0;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.call('pt-cadre', 'activities', 'create', activityInput(40, { title: `同时活动 ${i}` }))).activity.id);
    for (const id of ids) await h.call('pt-racer', 'activities', 'signUp', { activityId: id });
    h.clock.now = DURING;
    const codes = await Promise.all(ids.map(async () => (await h.call('pt-racer', 'checkin', 'issueCode', {})).code));
    const results = await Promise.all(ids.map((id, i) => h.raw('activities', 'pt-cadre', { action: 'attend', activityId: id, code: codes[i] })));
    const awarded = results.map((r) => (r.ok ? (r.data as { pointsAwarded: number }).pointsAwarded : 0));
    expect(awarded.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ACTIVITY_DAILY_POINTS_CAP);
    expect(await fromActivities('pt-racer')).toBe(awarded.reduce((a, b) => a + b, 0));
  });
});
