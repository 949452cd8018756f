import type { InputOf } from '../../types';
import { clocks, hoursEntries, volunteers } from '../../cloudfunctions/capabilities/programmes/collections';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';

jest.setTimeout(60_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'vt-town';
const OTHER = 'vt-other';
const SITE = 'vt-station';
const DAY = '2026-11-21';
/** 08:55 on the session's day (the session runs 09:00–11:00). */
const MORNING = new Date('2026-11-21T00:55:00.000Z');
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);

let h: Harness;
let programmeId: string;

async function approvedVolunteer(openid: string, certificates?: InputOf<'volunteers', 'apply'>['certificates']): Promise<void> {
  const { reviewId } = await h.call(openid, 'volunteers', 'apply', { name: '赵志愿', orgId: TOWN, skills: ['作业辅导', '急救'], certificates });
  await h.call('cadre-town', 'review', 'decide', { id: reviewId, decision: 'approve' });
}

async function code(openid: string): Promise<string> {
  return (await h.call(openid, 'checkin', 'issueCode', {})).shortCode;
}

const clock = async (by: string, openid: string, event: 'in' | 'out', date = DAY) =>
  h.raw('volunteers', by, { action: 'clock', code: await code(openid), programmeId, date, event });

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, TOWN);
  await buildOrg(h.store, OTHER);
  await buildStation(h.store, SITE, { orgId: TOWN });
  await buildStation(h.store, 'vt-station-2', { orgId: TOWN });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'cadre-other', { roles: ['cadre'], cadreOrgIds: [OTHER] });
  await buildPerson(h.deps, 'staff-site', { roles: ['staff'], stationIds: [SITE] });
  await buildPerson(h.deps, 'staff-elsewhere', { roles: ['staff'], stationIds: ['vt-station-2'] });
  const { programme } = await h.call('cadre-town', 'childcare', 'createProgramme', {
    title: '周末骑士班',
    orgId: TOWN,
    site: { name: '社区中心', address: '嘉善县魏塘街道', location: { lat: 30.84, lng: 120.93 }, stationId: SITE },
    ageMin: 6,
    ageMax: 12,
    capacity: 20,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [
      { date: DAY, start: '09:00', end: '11:00', course: '作业辅导' },
      { date: '2026-11-22', start: '09:00', end: '11:00', course: '围棋' },
    ],
  });
  programmeId = programme.id;
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

describe('apply', () => {
  it('files a volunteer review item; approval gives the role; certificates are sealed', async () => {
    const { reviewId } = await h.call('v-apply', 'volunteers', 'apply', {
      name: '钱老师',
      orgId: TOWN,
      skills: ['绘画'],
      certificates: [{ kind: '教师资格证', expiresOn: '2030-01-01' }],
    });
    expect(await h.fail('v-apply', 'volunteers', 'apply', { name: '钱老师', orgId: TOWN, skills: ['绘画'] })).toBe('CONFLICT');
    expect((await h.call('v-apply', 'volunteers', 'profile', {})).status).toBe('applied');
    const stored = JSON.stringify(await h.store.get(volunteers, (await h.user('v-apply'))!._id));
    expect(stored).not.toContain('钱老师');
    expect(stored).not.toContain('教师资格证');
    expect(await h.fail('v-apply', 'volunteers', 'signUp', { programmeId, date: DAY })).toBe('FORBIDDEN');
    const { item } = await h.call('cadre-town', 'review', 'get', { id: reviewId });
    expect(item.kind).toBe('volunteer');
    expect(item.payload).toMatchObject({ name: '钱老师', certificates: '教师资格证（2030-01-01 到期）' });
    expect(await h.fail('cadre-other', 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('FORBIDDEN');
    await h.call('cadre-town', 'review', 'decide', { id: reviewId, decision: 'approve' });
    expect((await h.user('v-apply'))!.roles).toContain('volunteer');
    expect((await h.call('v-apply', 'volunteers', 'profile', {})).status).toBe('approved');
    expect(await h.fail('v-apply', 'volunteers', 'apply', { name: '钱老师', orgId: TOWN, skills: ['绘画'] })).toBe('CONFLICT');
  });

  it('flags certificates expiring within 30 days to the volunteer and to the cadre', async () => {
    await approvedVolunteer('v-cert', [
      { kind: '急救证', expiresOn: '2026-12-10' },
      { kind: '健康证', expiresOn: '2027-06-01' },
    ]);
    const own = await h.call('v-cert', 'volunteers', 'profile', {});
    expect(own.certificates).toEqual([
      { kind: '急救证', expiresOn: '2026-12-10', expiresSoon: true },
      { kind: '健康证', expiresOn: '2027-06-01', expiresSoon: false },
    ]);
    const listed = await h.call('cadre-town', 'volunteers', 'list', {});
    const mine = listed.volunteers.find((v) => v.certificateExpiring);
    expect(mine).toMatchObject({ name: '赵**', certificateExpiring: true });
    expect(await h.fail('cadre-other', 'volunteers', 'list', { orgId: TOWN })).toBe('FORBIDDEN');
    expect(await h.fail('v-cert', 'volunteers', 'list', {})).toBe('FORBIDDEN');
  });
});

describe('sign-up and clocking by scan', () => {
  beforeAll(async () => {
    await approvedVolunteer('v-clock');
    await approvedVolunteer('v-absent');
  });

  it('signs up for a session once; a session that ended is EXPIRED; a day without a session NOT_FOUND', async () => {
    const first = await h.call('v-clock', 'volunteers', 'signUp', { programmeId, date: DAY });
    const again = await h.call('v-clock', 'volunteers', 'signUp', { programmeId, date: DAY });
    expect(again.shift).toEqual(first.shift);
    expect(first.shift).toMatchObject({ programmeTitle: '周末骑士班', start: '09:00', end: '11:00', course: '作业辅导' });
    expect(await h.fail('v-clock', 'volunteers', 'signUp', { programmeId, date: '2026-11-23' })).toBe('NOT_FOUND');
    h.clock.now = at('11:00');
    expect(await h.fail('v-absent', 'volunteers', 'signUp', { programmeId, date: DAY })).toBe('EXPIRED');
    h.clock.now = T0;
    const { shifts } = await h.call('v-clock', 'volunteers', 'profile', {});
    expect(shifts.map((s) => s.date)).toEqual([DAY]);
  });

  it('only the site staff or a cadre of the programme clock, on the day, a volunteer signed up for it', async () => {
    h.clock.now = MORNING;
    const refused = async (by: string, who = 'v-clock') => {
      const res = await clock(by, who, 'in');
      return res.ok ? 'OK' : res.error.code;
    };
    expect(await refused('rider-x')).toBe('FORBIDDEN');
    expect(await refused('staff-elsewhere')).toBe('FORBIDDEN');
    expect(await refused('cadre-other')).toBe('FORBIDDEN');
    expect(await refused('staff-site', 'v-absent')).toBe('NOT_FOUND');
    expect(await h.fail('staff-site', 'volunteers', 'clock', { code: '00000000', programmeId, date: DAY, event: 'in' })).toBe('FORBIDDEN');
    h.clock.now = T0;
    const early = await clock('staff-site', 'v-clock', 'in', DAY);
    expect(early.ok ? 'OK' : early.error.code).toBe('CONFLICT');
  });

  it('clocks in once, out once, and credits the hours by the rule; repeats change nothing', async () => {
    h.clock.now = MORNING;
    const outFirst = await clock('staff-site', 'v-clock', 'out');
    expect(outFirst.ok ? 'OK' : outFirst.error.code).toBe('CONFLICT');
    const inRes = await clock('staff-site', 'v-clock', 'in');
    expect(inRes.ok).toBe(true);
    h.clock.now = at('09:10');
    const inAgain = await clock('cadre-town', 'v-clock', 'in');
    expect(inAgain.ok && inAgain.data).toMatchObject({ shift: { in: '2026-11-21T08:55:00.000+08:00' } });

    h.clock.now = at('10:20');
    const outRes = await h.call('staff-site', 'volunteers', 'clock', { code: await code('v-clock'), programmeId, date: DAY, event: 'out' });
    // 09:00–10:20 of a two-hour session: 80 min ≥ 60 %, rounded down to 1 hour.
    expect(outRes).toMatchObject({ hours: 1, volunteerName: expect.any(String), shift: { out: '2026-11-21T10:20:00.000+08:00' } });
    h.clock.now = at('10:50');
    const outAgain = await clock('staff-site', 'v-clock', 'out');
    expect(outAgain.ok && (outAgain.data as { hours?: number }).hours).toBe(1);
    expect(await h.store.count(clocks, { programmeId, date: DAY })).toBe(2);
    expect(await h.store.count(hoursEntries, { volunteerId: (await h.user('v-clock'))!._id })).toBe(1);

    const mine = await h.call('v-clock', 'volunteers', 'hours', {});
    expect(mine.total).toBe(1);
    expect(mine.entries).toEqual([expect.objectContaining({ programmeTitle: '周末骑士班', date: DAY, hours: 1 })]);
    const roster = await h.call('cadre-town', 'childcare', 'roster', { programmeId, date: DAY });
    expect(roster.volunteers).toEqual([expect.objectContaining({ hours: 1, in: '2026-11-21T08:55:00.000+08:00', out: '2026-11-21T10:20:00.000+08:00' })]);
  });

  it('concurrent scans of one code clock once', async () => {
    await approvedVolunteer('v-race');
    await h.call('v-race', 'volunteers', 'signUp', { programmeId, date: DAY });
    h.clock.now = MORNING;
    const shortCode = await code('v-race');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => h.raw('volunteers', 'staff-site', { action: 'clock', code: shortCode, programmeId, date: DAY, event: 'in' })),
    );
    const ins = results.filter((r) => r.ok).map((r) => (r.ok ? (r.data as { shift: { in?: string } }).shift.in : undefined));
    expect(ins.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ins).size).toBe(1);
    expect(await h.store.get(clocks, `${programmeId}:${DAY}:${(await h.user('v-race'))!._id}:in`)).not.toBeNull();
    // The code is used up: it cannot clock the volunteer out, and the volunteer's own screen says it was scanned.
    expect(await h.fail('staff-site', 'volunteers', 'clock', { code: shortCode, programmeId, date: DAY, event: 'out' })).toBe('CONFLICT');
    expect(await h.call('v-race', 'checkin', 'codeStatus', { code: shortCode })).toEqual({ redeemed: true, expired: false });
  });

  it('admins are not clockers, and hours are the caller’s own', async () => {
    h.clock.now = MORNING;
    const res = await clock(ADMIN, 'v-absent', 'in');
    expect(res.ok ? 'OK' : res.error.code).toBe('FORBIDDEN');
    expect((await h.call('v-absent', 'volunteers', 'hours', {})).total).toBe(0);
  });
});
