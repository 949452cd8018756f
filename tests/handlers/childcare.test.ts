import type { InputOf } from '../../types';
import { CHILD_CONSENT_VERSION } from '../../types';
import { children, enrolments, seats } from '../../cloudfunctions/features/childcare/collections';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { buildOrg, buildPerson, buildStation, buildVolunteer } from '../support/builders';
import { must } from '../support/must';
import { ADMIN, createHarness, type Harness } from '../support/harness';

jest.setTimeout(120_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const COUNTY = 'cc-county';
const TOWN = 'cc-town';
const OTHER = 'cc-other';
const SITE = 'cc-station';
const consent = { version: CHILD_CONSENT_VERSION, accepted: true } as const;

let h: Harness;

function programmeInput(over: Partial<InputOf<'childcare', 'createProgramme'>> = {}): InputOf<'childcare', 'createProgramme'> {
  return {
    title: '寒假骑士班',
    orgId: TOWN,
    site: { name: '魏塘社区活动中心', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: SITE },
    ageMin: 6,
    ageMax: 12,
    capacity: 30,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [
      { date: '2026-11-22', start: '14:00', end: '16:00', course: '街舞' },
      { date: '2026-11-21', start: '09:00', end: '11:00', course: '国际象棋' },
      { date: '2026-11-28', start: '09:00', end: '11:00', course: '国际象棋' },
    ],
    ...over,
  };
}

async function programme(over: Partial<InputOf<'childcare', 'createProgramme'>> = {}): Promise<string> {
  return (await h.call('cadre-town', 'childcare', 'createProgramme', programmeInput(over))).programme.id;
}

async function addChild(openid: string, over: Partial<InputOf<'childcare', 'addChild'>> = {}): Promise<string> {
  const { child } = await h.call(openid, 'childcare', 'addChild', {
    name: '王小明',
    birthDate: '2018-05-01',
    emergencyPhone: '13800138000',
    school: '魏塘小学',
    allergies: '花生',
    consent,
    ...over,
  });
  return child.id;
}

async function enrol(openid: string, programmeId: string, childId: string) {
  return (await h.call(openid, 'childcare', 'enrol', { programmeId, childId })).enrolment;
}

/**
 * The stored invariants of a programme once every call has answered: the seats document (the truth) holds at most
 * capacity, no ticket twice, no free seat while someone waits, exactly the tickets of the live enrolments, and each
 * enrolment's stored status agrees with it.
 */
async function expectInvariants(programmeId: string, capacity: number) {
  const held = (await h.store.get(seats, programmeId))!;
  const live = (await findAll(h.store, enrolments, { where: { programmeId } })).filter((e) => ['requested', 'confirmed', 'waitlisted'].includes(e.status));
  expect(held.seated.length).toBeLessThanOrEqual(capacity);
  expect(new Set([...held.seated, ...held.waitlist]).size).toBe(held.seated.length + held.waitlist.length);
  if (held.waitlist.length > 0) expect(held.seated.length).toBe(capacity);
  expect([...held.seated, ...held.waitlist].sort()).toEqual(live.map((e) => e.ticket).sort());
  for (const e of live) expect(e.status).toBe(held.seated.includes(e.ticket) ? 'confirmed' : 'waitlisted');
  return { confirmed: held.seated.length, waitlisted: held.waitlist.length };
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY });
  await buildOrg(h.store, OTHER, { parentId: COUNTY });
  await buildStation(h.store, SITE, { orgId: TOWN });
  await buildStation(h.store, 'cc-station-2', { orgId: TOWN });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-other', { roles: ['cadre'], cadreOrgIds: [OTHER] });
  await buildPerson(h.deps, 'staff-site', { roles: ['staff'], stationIds: [SITE] });
  await buildPerson(h.deps, 'staff-elsewhere', { roles: ['staff'], stationIds: ['cc-station-2'] });
  await buildVolunteer(h.deps, 'vol-a', TOWN);
  await buildVolunteer(h.deps, 'vol-b', TOWN);
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

describe('createProgramme', () => {
  it('publishes a programme with its course menu in session order and every seat free', async () => {
    const { programme: p } = await h.call('cadre-county', 'childcare', 'createProgramme', programmeInput());
    expect(p.sessions.map((s) => s.date)).toEqual(['2026-11-21', '2026-11-22', '2026-11-28']);
    expect(p.courses).toEqual(['国际象棋', '街舞']);
    expect(p).toMatchObject({ seatsLeft: 30, waitlisted: 0, firstDate: '2026-11-21', lastDate: '2026-11-28', signupState: 'open' });
    expect(p.signupCloses).toBe('2026-11-20T20:00:00.000+08:00');
  });

  it('is refused to riders, to cadres of other committees, and for bad input', async () => {
    expect(await h.fail('rider-x', 'childcare', 'createProgramme', programmeInput())).toBe('FORBIDDEN');
    expect(await h.fail('cadre-other', 'childcare', 'createProgramme', programmeInput())).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'childcare', 'createProgramme', programmeInput({ ageMin: 10, ageMax: 8 }))).toBe('INVALID_INPUT');
    const sameDay = programmeInput().sessions.map((s) => ({ ...s, date: '2026-11-21' }));
    expect(await h.fail('cadre-town', 'childcare', 'createProgramme', programmeInput({ sessions: sameDay }))).toBe('INVALID_INPUT');
    expect(await h.fail('cadre-town', 'childcare', 'createProgramme', programmeInput({ orgId: 'missing' }))).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'childcare', 'createProgramme', programmeInput({ orgId: 'missing' }))).toBe('NOT_FOUND');
  });

  it('lists programmes near a rider with distance, and by age', async () => {
    const far = await programme({ title: '远处的班', site: { name: '远处', address: '杭州', location: { lat: 30.27, lng: 120.15 } } });
    const { programmes } = await h.call('rider-list', 'childcare', 'programmes', { lat: 30.84, lng: 120.93, radiusM: 5000 });
    expect(programmes.length).toBeGreaterThan(0);
    expect(programmes.some((p) => p.id === far)).toBe(false);
    expect(programmes[0]!.distanceM).toBeLessThan(100);
    const tooOld = await h.call('rider-list', 'childcare', 'programmes', { age: 15 });
    expect(tooOld.programmes).toHaveLength(0);
  });
});

describe('children and consent', () => {
  it('stores nothing without consent', async () => {
    const base = { name: '李小红', birthDate: '2018-01-01', emergencyPhone: '13900139000' };
    expect(await h.fail('guardian-refuses', 'childcare', 'addChild', base)).toBe('INVALID_INPUT');
    expect(await h.fail('guardian-refuses', 'childcare', 'addChild', { ...base, consent: { version: CHILD_CONSENT_VERSION, accepted: false } })).toBe(
      'INVALID_INPUT',
    );
    expect(await h.fail('guardian-refuses', 'childcare', 'addChild', { ...base, consent: { version: '2000-01', accepted: true } })).toBe('INVALID_INPUT');
    const user = await h.user('guardian-refuses');
    expect(user).toBeNull();
    expect(await h.store.count(children)).toBe(0);
  });

  it('seals the details at rest and answers them masked, in clear only to the guardian', async () => {
    const { child } = await h.call('guardian-1', 'childcare', 'addChild', {
      name: '王小明',
      birthDate: '2018-05-01',
      emergencyPhone: '13800138000',
      school: '魏塘小学',
      allergies: '花生',
      consent,
    });
    expect(child).toMatchObject({ name: '王**', emergencyPhone: '138****8000', hasAllergies: true, age: 8 });
    const stored = JSON.stringify(await h.store.get(children, child.id));
    for (const clear of ['王小明', '2018-05-01', '13800138000', '魏塘小学', '花生']) expect(stored).not.toContain(clear);
    const listed = await h.call('guardian-1', 'childcare', 'children', {});
    expect(listed.children).toEqual([child]);
    const own = await h.call('guardian-1', 'childcare', 'child', { id: child.id });
    expect(own.child).toMatchObject({ name: '王小明', birthDate: '2018-05-01', emergencyPhone: '13800138000', allergies: '花生' });
    expect(await h.fail('guardian-2', 'childcare', 'child', { id: child.id })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-town', 'childcare', 'child', { id: child.id })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'childcare', 'child', { id: child.id })).toBe('FORBIDDEN');
    expect((await h.call('guardian-2', 'childcare', 'children', {})).children).toEqual([]);
  });
});

describe('enrol', () => {
  it('confirms, refuses a second enrolment of the child, and refuses another guardian', async () => {
    const p = await programme();
    const child = await addChild('g-enrol');
    expect(await enrol('g-enrol', p, child)).toMatchObject({ id: `${p}:${child}`, status: 'confirmed' });
    expect(await h.fail('g-enrol', 'childcare', 'enrol', { programmeId: p, childId: child })).toBe('CONFLICT');
    expect(await h.fail('g-other', 'childcare', 'enrol', { programmeId: p, childId: child })).toBe('FORBIDDEN');
    expect(await h.fail('g-enrol', 'childcare', 'enrol', { programmeId: 'nope', childId: child })).toBe('NOT_FOUND');
  });

  it('is EXPIRED outside the sign-up window', async () => {
    const p = await programme();
    const child = await addChild('g-window');
    h.clock.now = new Date('2026-11-16T23:59:59.000Z');
    expect(await h.fail('g-window', 'childcare', 'enrol', { programmeId: p, childId: child })).toBe('EXPIRED');
    h.clock.now = new Date('2026-11-20T12:00:01.000Z');
    expect(await h.fail('g-window', 'childcare', 'enrol', { programmeId: p, childId: child })).toBe('EXPIRED');
    h.clock.now = new Date('2026-11-20T12:00:00.000Z');
    expect((await enrol('g-window', p, child)).status).toBe('confirmed');
  });

  it('checks the age on the first session date', async () => {
    const p = await programme({ ageMin: 6, ageMax: 8 });
    // Six on 21 November 2026 (the first session), not yet six today.
    const turnsSix = await addChild('g-age', { birthDate: '2020-11-21' });
    const fiveThen = await addChild('g-age', { birthDate: '2020-11-22' });
    const nineThen = await addChild('g-age', { birthDate: '2017-11-20' });
    expect((await enrol('g-age', p, turnsSix)).status).toBe('confirmed');
    expect(await h.fail('g-age', 'childcare', 'enrol', { programmeId: p, childId: fiveThen })).toBe('INVALID_INPUT');
    expect(await h.fail('g-age', 'childcare', 'enrol', { programmeId: p, childId: nineThen })).toBe('INVALID_INPUT');
  });

  it('an enrolment left requested by a call that gave up is placed when the guardian tries again', async () => {
    const p = await programme({ capacity: 2 });
    const child = await addChild('g-retry');
    const guardian = must(await h.user('g-retry'), 'guardian');
    await h.store.insert(enrolments, {
      _id: `${p}:${child}`,
      programmeId: p,
      childId: child,
      guardianId: guardian._id,
      orgId: TOWN,
      enrolledAt: h.clock.now.toISOString(),
      status: 'requested',
      ticket: `${p}:${child}#left`,
    });
    expect((await enrol('g-retry', p, child)).status).toBe('confirmed');
    expect((await h.store.get(seats, p))!.seated).toEqual([`${p}:${child}#left`]);
    expect(await h.fail('g-retry', 'childcare', 'enrol', { programmeId: p, childId: child })).toBe('CONFLICT');
  });

  it('cancellations racing enrolments keep the invariants', async () => {
    const p = await programme({ capacity: 10 });
    const first: { openid: string; id: string; status: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const openid = `race-${i}`;
      const e = await enrol(openid, p, await addChild(openid));
      first.push({ openid, id: e.id, status: e.status });
    }
    const late: [string, string][] = [];
    for (let i = 0; i < 15; i++) late.push([`late-${i}`, await addChild(`late-${i}`)]);
    const cancels = [...first.filter((e) => e.status === 'confirmed').slice(0, 5), ...first.filter((e) => e.status === 'waitlisted').slice(0, 5)];
    const results = await Promise.all([
      ...cancels.map((c) => h.raw('childcare', c.openid, { action: 'cancel', enrolmentId: c.id })),
      ...late.map(([openid, child]) => h.raw('childcare', openid, { action: 'enrol', programmeId: p, childId: child })),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    // 20 - 10 cancelled + 15 new = 25 enrolled: 10 confirmed, 15 waiting.
    expect(await expectInvariants(p, 10)).toEqual({ confirmed: 10, waitlisted: 15 });
  });
});

describe('cancel and promotion', () => {
  it('promotes the first waitlisted enrolment exactly once and tells its guardian', async () => {
    const p = await programme({ capacity: 2 });
    const [a, b, c, d] = ['pa', 'pb', 'pc', 'pd'];
    const ids: Record<string, string> = {};
    for (const g of [a, b, c, d]) ids[g] = (await enrol(g, p, await addChild(g))).id;
    const mineC = await h.call(c, 'childcare', 'mine', {});
    expect(mineC.enrolments[0]).toMatchObject({ status: 'waitlisted', position: 1, childName: '王小明', programme: { id: p } });
    expect((await h.call(d, 'childcare', 'mine', {})).enrolments[0]!.position).toBe(2);

    expect(await h.fail(c, 'childcare', 'cancel', { enrolmentId: ids[a] })).toBe('FORBIDDEN');
    const cancelled = await h.call(a, 'childcare', 'cancel', { enrolmentId: ids[a]! });
    expect(cancelled.enrolment.status).toBe('cancelled');
    expect(await h.fail(a, 'childcare', 'cancel', { enrolmentId: ids[a] })).toBe('CONFLICT');

    expect((await h.call(c, 'childcare', 'mine', {})).enrolments[0]).toMatchObject({ status: 'confirmed' });
    expect((await h.call(d, 'childcare', 'mine', {})).enrolments[0]).toMatchObject({ status: 'waitlisted', position: 1 });
    const inbox = (await h.call(c, 'account', 'messages', {})).messages;
    expect(inbox.filter((m) => m.title === '候补转正')).toHaveLength(1);
    expect((await h.call(d, 'account', 'messages', {})).messages).toHaveLength(0);

    // A waitlisted child leaving promotes nobody; a confirmed one with nobody waiting frees the seat.
    await h.call(d, 'childcare', 'cancel', { enrolmentId: ids[d]! });
    await h.call(b, 'childcare', 'cancel', { enrolmentId: ids[b]! });
    expect((await h.call(a, 'childcare', 'programme', { id: p })).programme).toMatchObject({ seatsLeft: 1, waitlisted: 0 });
    await expectInvariants(p, 2);
    // A cancelled child may enrol again, at the back.
    expect((await enrol(a, p, ids[a]!.split(':')[1]!)).status).toBe('confirmed');
    await expectInvariants(p, 2);
  });

  it('concurrent cancellations of one seat promote once', async () => {
    const p = await programme({ capacity: 1 });
    const held = await enrol('once-a', p, await addChild('once-a'));
    await enrol('once-b', p, await addChild('once-b'));
    await enrol('once-c', p, await addChild('once-c'));
    const results = await Promise.all(Array.from({ length: 8 }, () => h.raw('childcare', 'once-a', { action: 'cancel', enrolmentId: held.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await h.call('once-b', 'childcare', 'mine', {})).enrolments[0]!.status).toBe('confirmed');
    expect((await h.call('once-c', 'childcare', 'mine', {})).enrolments[0]).toMatchObject({ status: 'waitlisted', position: 1 });
  });
});

describe('programmes that require review', () => {
  it('files a pending enrolment; approval confirms while a seat is free, else waitlists', async () => {
    const p = await programme({ capacity: 1, requiresReview: true });
    const first = await enrol('rv-a', p, await addChild('rv-a'));
    const second = await enrol('rv-b', p, await addChild('rv-b'));
    expect(first.status).toBe('pending');
    const queue = await h.call('cadre-town', 'review', 'queue', { kind: 'enrolment' } as InputOf<'review', 'queue'>);
    const items = queue.items.filter((i) => i.kind === 'enrolment');
    expect(items).toHaveLength(2);
    expect(items[0]!.title).toBe('骑士班报名：寒假骑士班');
    expect(JSON.stringify(items)).not.toContain('王小明');
    for (const item of items) await h.call('cadre-town', 'review', 'decide', { id: item.id, decision: 'approve' });
    const statuses = [(await h.call('rv-a', 'childcare', 'mine', {})).enrolments[0]!, (await h.call('rv-b', 'childcare', 'mine', {})).enrolments[0]!];
    expect(statuses.map((s) => s.status).sort()).toEqual(['confirmed', 'waitlisted']);
    expect(second.status).toBe('pending');
    await expectInvariants(p, 1);
  });

  it('a rejected enrolment ends cancelled and holds no place', async () => {
    const p = await programme({ capacity: 1, requiresReview: true });
    await enrol('rv-c', p, await addChild('rv-c'));
    const queue = await h.call('cadre-town', 'review', 'queue', { kind: 'enrolment' } as InputOf<'review', 'queue'>);
    const item = must(
      queue.items.find((i) => i.kind === 'enrolment'),
      'the enrolment item',
    );
    await h.call('cadre-town', 'review', 'decide', { id: item.id, decision: 'reject', note: '年龄不符' });
    expect((await h.call('rv-c', 'childcare', 'mine', {})).enrolments[0]).toMatchObject({ status: 'cancelled' });
    await expectInvariants(p, 1);
  });
});

describe('roster and attendance: who sees what', () => {
  let p: string;
  let enrolmentId: string;
  const DAY = '2026-11-21';
  const OTHER_DAY = '2026-11-22';
  // 09:30 on the first session's day.
  const ON_THE_DAY = new Date('2026-11-21T01:30:00.000Z');

  beforeAll(async () => {
    h.clock.now = T0;
    p = await programme();
    enrolmentId = (await enrol('g-roster', p, await addChild('g-roster', { name: '陈小雨', emergencyPhone: '13712345678', allergies: '芒果' }))).id;
    await h.call('vol-a', 'volunteers', 'signUp', { programmeId: p, date: DAY });
    await h.call('vol-b', 'volunteers', 'signUp', { programmeId: p, date: OTHER_DAY });
  });

  const roster = (openid: string, date = DAY) => h.raw('childcare', openid, { action: 'roster', programmeId: p, date });

  it('on the day: the session volunteer, the site staff and cadres in scope see names and phones in clear', async () => {
    h.clock.now = ON_THE_DAY;
    for (const who of ['vol-a', 'staff-site', 'cadre-town', 'cadre-county']) {
      const res = await h.call(who, 'childcare', 'roster', { programmeId: p, date: DAY });
      expect(res.view).toBe('clear');
      expect(res.children[0]).toMatchObject({ name: '陈小雨', emergencyPhone: '13712345678', allergies: '芒果', hasAllergies: true });
    }
    const admin = await h.call(ADMIN, 'childcare', 'roster', { programmeId: p, date: DAY });
    expect(admin.view).toBe('masked');
    expect(admin.children[0]).toMatchObject({ name: '陈**', hasAllergies: true });
    expect(admin.children[0]!.emergencyPhone).toBeUndefined();
    expect(admin.children[0]!.allergies).toBeUndefined();
    for (const who of ['g-roster', 'rider-nobody', 'vol-b', 'staff-elsewhere', 'cadre-other']) {
      const res = await roster(who);
      expect(res.ok ? 'OK' : res.error.code).toBe('FORBIDDEN');
    }
  });

  it('on another day: volunteers see nothing, staff and cadres a masked list', async () => {
    h.clock.now = T0;
    expect((await roster('vol-a')).ok).toBe(false);
    const staff = await h.call('staff-site', 'childcare', 'roster', { programmeId: p, date: DAY });
    expect(staff.view).toBe('masked');
    expect(staff.children[0]).toMatchObject({ name: '陈**' });
    expect(staff.children[0]!.emergencyPhone).toBeUndefined();
    const cadre = await h.call('cadre-town', 'childcare', 'roster', { programmeId: p, date: DAY });
    expect(cadre.view).toBe('masked');
    expect(cadre.volunteers.map((v) => v.name)).toHaveLength(1);
    // vol-b's own session is another day: on vol-a's day vol-b sees nothing either.
    h.clock.now = new Date('2026-11-22T06:30:00.000Z');
    expect((await h.call('vol-b', 'childcare', 'roster', { programmeId: p, date: OTHER_DAY })).view).toBe('clear');
    expect((await roster('vol-b', DAY)).ok).toBe(false);
  });

  it('the session volunteer signs a child in and out once each; the guardian is told each time', async () => {
    h.clock.now = ON_THE_DAY;
    expect(await h.fail('vol-a', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'out' })).toBe('CONFLICT');
    expect(await h.fail('vol-b', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-other', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' })).toBe('FORBIDDEN');
    const first = await h.call('vol-a', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' });
    h.clock.now = new Date(ON_THE_DAY.getTime() + 60_000);
    const again = await h.call('vol-a', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' });
    expect(again.attendance).toEqual(first.attendance);
    h.clock.now = new Date('2026-11-21T03:00:00.000Z');
    await h.call('staff-site', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'out' });
    const titles = (await h.call('g-roster', 'account', 'messages', {})).messages.map((m) => m.title);
    expect(titles.filter((t) => t === '孩子已签到')).toHaveLength(1);
    expect(titles.filter((t) => t === '孩子已签退')).toHaveLength(1);
    const res = await h.call('vol-a', 'childcare', 'roster', { programmeId: p, date: DAY });
    expect(res.children[0]!.attendance.in?.at).toBe('2026-11-21T09:30:00.000+08:00');
    expect(res.children[0]!.attendance.out?.at).toBe('2026-11-21T11:00:00.000+08:00');
    // Another day's marks are refused to the volunteer: the day is over for them.
    h.clock.now = T0;
    expect(await h.fail('vol-a', 'childcare', 'attend', { enrolmentId, date: DAY, event: 'in' })).toBe('FORBIDDEN');
  });
});
