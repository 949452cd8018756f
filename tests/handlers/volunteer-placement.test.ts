/**
 * Volunteers serve where they are placed: a volunteer signs up only for sessions of their own committee's subtree, or
 * of a programme a cadre of its committee placed them on; each session takes a bounded number of volunteers; the
 * roster shows children's details only to the session's own volunteers on its day (allergies and phones around the
 * session only), the site's staff and cadres in scope.
 */
import type { InputOf } from '../../types';
import { CHILD_CONSENT_VERSION } from '../../types';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { sessionPlaces } from '../../cloudfunctions/features/volunteers/collections';
import { shifts } from '../../cloudfunctions/capabilities/programmes/collections';
import { buildOrg, buildPerson, buildStation, buildVolunteer } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';
import { sendQueuedPushes } from '../../cloudfunctions/capabilities/inbox/send-pushes';

jest.setTimeout(60_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const DAY = '2026-11-21';
/** 09:30 on the session's day (the session runs 09:00–11:00). */
const DURING = new Date('2026-11-21T01:30:00.000Z');
/** 06:00 on the session's day: more than an hour before it. */
const EARLY = new Date('2026-11-20T22:00:00.000Z');

let h: Harness;
let programmeId = '';
let enrolmentId = '';

function programmeInput(over: Partial<InputOf<'childcare', 'createProgramme'>> = {}): InputOf<'childcare', 'createProgramme'> {
  return {
    title: '魏塘寒假骑士班',
    orgId: 'weitang',
    site: { name: '魏塘社区活动中心', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 'weitang-st' },
    ageMin: 6,
    ageMax: 12,
    capacity: 30,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [
      { date: DAY, start: '09:00', end: '11:00', course: '国际象棋' },
      { date: '2026-11-22', start: '09:00', end: '11:00', course: '街舞' },
    ],
    volunteersPerSession: 2,
    ...over,
  };
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'jiaxing', { kind: 'district' });
  await buildOrg(h.store, 'jiashan', { parentId: 'jiaxing' });
  await buildOrg(h.store, 'weitang', { parentId: 'jiashan' });
  await buildOrg(h.store, 'pinghu', { parentId: 'jiaxing' });
  await buildStation(h.store, 'weitang-st', { orgId: 'weitang' });
  await buildPerson(h.deps, 'weitang-cadre', { roles: ['cadre'], cadreOrgIds: ['weitang'] });
  await buildPerson(h.deps, 'pinghu-cadre', { roles: ['cadre'], cadreOrgIds: ['pinghu'] });
  await buildPerson(h.deps, 'weitang-staff', { roles: ['staff'], stationIds: ['weitang-st'] });
  await buildVolunteer(h.deps, 'pinghu-vol', 'pinghu');
  await buildVolunteer(h.deps, 'jiashan-vol', 'jiashan');
  await buildVolunteer(h.deps, 'weitang-vol', 'weitang');
  for (let i = 0; i < 6; i++) await buildVolunteer(h.deps, `crowd-vol-${i}`, 'weitang');
  await buildPerson(h.deps, 'guardian', { orgId: 'weitang' });
  programmeId = (await h.call('weitang-cadre', 'childcare', 'createProgramme', programmeInput())).programme.id;
  const { child } = await h.call('guardian', 'childcare', 'addChild', {
    name: '陈小雨',
    birthDate: '2018-05-01',
    emergencyPhone: '13712345678',
    allergies: '芒果',
    consent: { version: CHILD_CONSENT_VERSION, accepted: true },
  });
  enrolmentId = (await h.call('guardian', 'childcare', 'enrol', { programmeId, childId: child.id })).enrolment.id;
});
afterAll(() => h.close());

describe('where a volunteer may sign up', () => {
  it('refuses a volunteer of another committee everything, until a cadre of the programme’s committee places them', async () => {
    h.clock.now = T0;
    expect(await h.fail('pinghu-vol', 'volunteers', 'signUp', { programmeId, date: DAY })).toBe('FORBIDDEN');
    h.clock.now = DURING;
    expect(await h.fail('pinghu-vol', 'childcare', 'roster', { programmeId, date: DAY })).toBe('FORBIDDEN');
    expect(await h.fail('pinghu-vol', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' })).toBe('FORBIDDEN');

    h.clock.now = T0;
    const pinghuVol = (await h.user('pinghu-vol'))!._id;
    expect(await h.fail('pinghu-cadre', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol })).toBe('FORBIDDEN');
    expect(await h.fail('weitang-staff', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol })).toBe('FORBIDDEN');
    expect(await h.fail('pinghu-vol', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol })).toBe('FORBIDDEN');
    expect(await h.fail('weitang-cadre', 'volunteers', 'place', { programmeId, volunteerId: (await h.user('guardian'))!._id })).toBe('NOT_FOUND');
    expect((await h.call('pinghu-vol', 'volunteers', 'profile', {})).userId).toBe(pinghuVol);
    const placed = await h.call('weitang-cadre', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol });
    expect(placed).toMatchObject({ placed: true, programmeId, volunteer: { id: pinghuVol } });
    expect(await h.call('weitang-cadre', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol })).toEqual(placed);

    expect((await h.call('pinghu-vol', 'volunteers', 'signUp', { programmeId, date: DAY })).shift).toMatchObject({ programmeId, date: DAY });
    h.clock.now = DURING;
    expect((await h.call('pinghu-vol', 'childcare', 'roster', { programmeId, date: DAY })).view).toBe('clear');

    // Taken back: shifts signed up for stay, new ones are refused.
    h.clock.now = T0;
    await h.call('weitang-cadre', 'volunteers', 'place', { programmeId, volunteerId: pinghuVol, remove: true });
    expect(await h.fail('pinghu-vol', 'volunteers', 'signUp', { programmeId, date: '2026-11-22' })).toBe('FORBIDDEN');
  });

  it('lets a volunteer serve their own committee and the committees below it, not the ones above or beside', async () => {
    h.clock.now = T0;
    expect((await h.call('jiashan-vol', 'volunteers', 'signUp', { programmeId, date: '2026-11-22' })).shift.date).toBe('2026-11-22');
    const another = (await h.call('weitang-cadre', 'childcare', 'createProgramme', programmeInput({ orgId: 'weitang', title: '另一个骑士班' }))).programme.id;
    expect((await h.call('weitang-vol', 'volunteers', 'signUp', { programmeId: another, date: DAY })).shift.programmeId).toBe(another);
    await buildPerson(h.deps, 'jiashan-cadre', { roles: ['cadre'], cadreOrgIds: ['jiashan'] });
    const above = (await h.call('jiashan-cadre', 'childcare', 'createProgramme', programmeInput({ orgId: 'jiashan', title: '县里的骑士班' }))).programme.id;
    expect(await h.fail('weitang-vol', 'volunteers', 'signUp', { programmeId: above, date: DAY })).toBe('FORBIDDEN');
    expect(await h.fail('pinghu-vol', 'volunteers', 'signUp', { programmeId: above, date: DAY })).toBe('FORBIDDEN');
  });
});

describe('a session’s volunteer capacity', () => {
  it('takes at most its capacity, even when volunteers sign up at once; signing up again answers the same place', async () => {
    h.clock.now = T0;
    const crowd = (await h.call('weitang-cadre', 'childcare', 'createProgramme', programmeInput({ title: '人多的骑士班', volunteersPerSession: 3 }))).programme
      .id;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.raw('volunteers', `crowd-vol-${i}`, { action: 'signUp', programmeId: crowd, date: DAY })),
    );
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.filter((c) => c !== 'OK')).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await findAll(h.store, shifts, { where: { programmeId: crowd, date: DAY } })).toHaveLength(3);
    expect(await h.store.get(sessionPlaces, `${crowd}:${DAY}`)).toMatchObject({ taken: 3 });
    const winner = answers.findIndex((a) => a.ok);
    const again = await h.call(`crowd-vol-${winner}`, 'volunteers', 'signUp', { programmeId: crowd, date: DAY });
    expect(again.shift).toEqual((answers[winner] as { data: { shift: unknown } }).data.shift);
    expect((await h.call('weitang-cadre', 'childcare', 'programme', { id: crowd })).programme.volunteersPerSession).toBe(3);
  });
});

describe('the roster', () => {
  it('shows the session’s volunteer names on the day, and allergies and phones only around the session', async () => {
    h.clock.now = EARLY;
    const early = await h.call('pinghu-vol', 'childcare', 'roster', { programmeId, date: DAY });
    expect(early.view).toBe('names');
    expect(early.children[0]).toMatchObject({ name: '陈小雨', hasAllergies: true });
    expect(early.children[0]!.allergies).toBeUndefined();
    expect(early.children[0]!.emergencyPhone).toBeUndefined();
    for (const who of ['weitang-staff', 'weitang-cadre']) {
      expect((await h.call(who, 'childcare', 'roster', { programmeId, date: DAY })).children[0]).toMatchObject({
        emergencyPhone: '13712345678',
        allergies: '芒果',
      });
    }
    h.clock.now = DURING;
    const during = await h.call('pinghu-vol', 'childcare', 'roster', { programmeId, date: DAY });
    expect(during.children[0]).toMatchObject({ name: '陈小雨', emergencyPhone: '13712345678', allergies: '芒果' });
    // A volunteer of another session, the other committee's cadre, the guardian: nothing.
    for (const who of ['jiashan-vol', 'pinghu-cadre', 'guardian'])
      expect(await h.fail(who, 'childcare', 'roster', { programmeId, date: DAY })).toBe('FORBIDDEN');
  });

  it('lets the placed volunteer sign the child in; the guardian is told without the child’s name in the pushed text', async () => {
    const pushed: { title: string; body: string }[] = [];
    h.deps.push = async (_openid, _kind, message) => {
      pushed.push(message);
    };
    h.clock.now = DURING;
    await h.call('pinghu-vol', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' });
    await sendQueuedPushes(h.deps, h.clock.now);
    delete h.deps.push;
    const [notice] = (await h.call('guardian', 'account', 'messages', {})).messages.filter((m) => m.title === '孩子已签到');
    expect(notice).toMatchObject({ body: expect.not.stringContaining('陈小雨'), detail: expect.stringContaining('陈小雨') });
    expect(pushed).toHaveLength(1);
    expect(JSON.stringify(pushed)).not.toContain('陈小雨');
  });
});
