/**
 * Who may do what, as an attacker holding every kind of identity would try it: every role-gated action as every
 * identity without the role, and the scoped reads and writes (rosters, children, cases, review items, rider lists,
 * nominations, placements, figures) as every identity, inside and outside the committee. The suite prints how many
 * authorization calls it made and how many were refused.
 */
import type { ZodTypeAny } from 'zod';
import { schemas, type Role } from '../../types';
import { CHILD_CONSENT_VERSION } from '../../types';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import type { Router } from '../../cloudfunctions/core/runtime';
import { buildOrg, buildPerson, buildStation, buildVolunteer } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { sampleOf, wire } from '../support/samples';

jest.setTimeout(120_000);

// Wednesday 18 November 2026, 08:00 in Shanghai; the session runs 14:00–16:00 today.
const T0 = new Date('2026-11-18T00:00:00.000Z');
const DAY = '2026-11-18';
const DURING = new Date('2026-11-18T14:30:00+08:00');
let h: Harness;
let calls = 0;
let refused = 0;
const routes = new Set<string>();

/** Fourteen identities: every role, in the committee (魏塘, under 嘉善) and outside it (平湖), and the admin. */
const PEOPLE: Record<string, { roles: Role[]; org?: string }> = {
  'w-rider': { roles: ['rider'], org: 'weitang' },
  'w-rider-2': { roles: ['rider'], org: 'weitang' },
  'w-staff': { roles: ['rider', 'staff'], org: 'weitang' },
  'w-cadre': { roles: ['rider', 'cadre'] },
  'j-cadre': { roles: ['rider', 'cadre'] },
  'w-volunteer': { roles: ['rider', 'volunteer'], org: 'weitang' },
  'w-volunteer-2': { roles: ['rider', 'volunteer'], org: 'weitang' },
  'w-counsellor': { roles: ['rider', 'counsellor'], org: 'weitang' },
  'p-rider': { roles: ['rider'], org: 'pinghu' },
  'p-staff': { roles: ['rider', 'staff'], org: 'pinghu' },
  'p-cadre': { roles: ['rider', 'cadre'] },
  'p-volunteer': { roles: ['rider', 'volunteer'], org: 'pinghu' },
  'p-counsellor': { roles: ['rider', 'counsellor'], org: 'pinghu' },
  [ADMIN]: { roles: ['rider', 'admin'] },
};
const EVERYONE = Object.keys(PEOPLE);

const ids = { programme: '', enrolment: '', child: '', case: '', claim: '', round: '', activity: '', opinion: '', volunteer: '' };

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'jiaxing', { kind: 'district' });
  await buildOrg(h.store, 'jiashan', { parentId: 'jiaxing' });
  await buildOrg(h.store, 'weitang', { parentId: 'jiashan' });
  await buildOrg(h.store, 'pinghu', { parentId: 'jiaxing' });
  await buildStation(h.store, 'w-st', { orgId: 'weitang' });
  await buildStation(h.store, 'p-st', { orgId: 'pinghu' });
  for (const openid of ['w-rider', 'w-rider-2', 'p-rider']) await buildPerson(h.deps, openid, { orgId: PEOPLE[openid]!.org, verified: true, listed: true });
  await buildPerson(h.deps, 'w-staff', { roles: ['staff'], stationIds: ['w-st'], orgId: 'weitang' });
  await buildPerson(h.deps, 'p-staff', { roles: ['staff'], stationIds: ['p-st'], orgId: 'pinghu' });
  await buildPerson(h.deps, 'w-cadre', { roles: ['cadre'], cadreOrgIds: ['weitang'] });
  await buildPerson(h.deps, 'j-cadre', { roles: ['cadre'], cadreOrgIds: ['jiashan'] });
  await buildPerson(h.deps, 'p-cadre', { roles: ['cadre'], cadreOrgIds: ['pinghu'] });
  for (const openid of ['w-volunteer', 'w-volunteer-2', 'p-volunteer'])
    await buildVolunteer(h.deps, openid, PEOPLE[openid]!.org!, { orgId: PEOPLE[openid]!.org });
  for (const openid of ['w-counsellor', 'p-counsellor']) {
    await h.call(ADMIN, 'consult', 'addCounsellor', { openid, name: `${openid} 老师`, categories: ['law'], orgId: PEOPLE[openid]!.org! });
    await h.call(openid, 'account', 'updateProfile', { orgId: PEOPLE[openid]!.org });
  }

  const { programme } = await h.call('w-cadre', 'childcare', 'createProgramme', {
    title: '魏塘骑士班',
    orgId: 'weitang',
    site: { name: '魏塘驿站', address: '嘉善县魏塘街道 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 'w-st' },
    ageMin: 6,
    ageMax: 12,
    capacity: 10,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-18T12:00:00+08:00',
    sessions: [{ date: DAY, start: '14:00', end: '16:00', course: '国际象棋' }],
  });
  ids.programme = programme.id;
  const { child } = await h.call('w-rider', 'childcare', 'addChild', {
    name: '陈小雨',
    birthDate: '2018-05-01',
    emergencyPhone: '13712345678',
    allergies: '芒果',
    consent: { version: CHILD_CONSENT_VERSION, accepted: true },
  });
  ids.child = child.id;
  ids.enrolment = (await h.call('w-rider', 'childcare', 'enrol', { programmeId: programme.id, childId: child.id })).enrolment.id;
  await h.call('w-volunteer', 'volunteers', 'signUp', { programmeId: programme.id, date: DAY });
  ids.volunteer = (await h.user('p-volunteer'))!._id;

  const start = new Date(T0.getTime() + 3_600_000);
  const [slot] = (
    await h.call('w-counsellor', 'consult', 'publishSlots', {
      slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), modes: ['phone'] }],
    })
  ).slots;
  const { booking } = await h.call('w-rider', 'consult', 'book', { slotId: slot!.id, category: 'law', mode: 'phone', topic: '工资被拖欠了三个月' });
  ids.case = (await h.call('w-counsellor', 'consult', 'escalate', { bookingId: booking.id, summary: '需要法律援助', orgId: 'weitang' })).caseId;

  ids.claim = (await h.call('w-rider', 'points', 'claim', { kind: 'errand', description: '帮独居老人取药' })).reviewId;
  ids.round = (
    await h.call('w-cadre', 'voice', 'openRound', { orgId: 'weitang', title: '魏塘最美骑手', startsOn: DAY, endsOn: '2026-11-30', winners: 1 })
  ).round.id;
  ids.opinion = (await h.call('w-rider', 'voice', 'sendOpinion', { area: 'station', text: '驿站的热水器坏了', anonymous: true })).opinion.id;
  ids.activity = (
    await h.call('w-staff', 'activities', 'create', {
      title: '驿站夜校',
      kind: 'class',
      orgId: 'weitang',
      venue: { name: '魏塘驿站', address: '嘉善县魏塘街道 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 'w-st' },
      start: '2026-11-18T19:00:00+08:00',
      end: '2026-11-18T20:00:00+08:00',
      capacity: 10,
      gives: { points: 5, certificate: false, pack: false },
    })
  ).activity.id;
});
afterAll(async () => {
  console.log(
    `authorization calls: ${calls} on ${routes.size} actions as ${EVERYONE.length} identities; refused as they should be: ${refused}; none let through`,
  );
  await h.close();
});

async function answer(openid: string, fn: string, event: Record<string, unknown>): Promise<string> {
  const res = await h.raw(fn, openid, wire(event));
  calls++;
  routes.add(`${fn}.${String(event.action)}`);
  return res.ok ? 'OK' : res.error.code;
}

describe('role gates', () => {
  it('refuse every role-gated action to every identity without the role (FORBIDDEN, or INVALID_INPUT first for bad input)', async () => {
    h.clock.now = T0;
    let probes = 0;
    for (const router of Object.values(FUNCTIONS) as Router[]) {
      const actions = schemas[router.name] as Record<string, ZodTypeAny>;
      for (const [action, schema] of Object.entries(actions)) {
        const access = router.access[action];
        if (!access || access === 'anyone' || access === 'caller-id') continue;
        // No cursor: one the server never handed out is refused as input before any role check.
        const { cursor: _cursor, ...sample } = sampleOf(schema) as Record<string, unknown>;
        const parses = schema.safeParse(sample).success;
        for (const who of EVERYONE.filter((p) => !access.some((r) => PEOPLE[p]!.roles.includes(r)))) {
          const code = await answer(who, router.name, { ...sample, action });
          expect({ route: `${router.name}.${action}`, who, code }).toEqual({
            route: `${router.name}.${action}`,
            who,
            code: parses ? 'FORBIDDEN' : expect.stringMatching(/^(FORBIDDEN|INVALID_INPUT)$/),
          });
          if (code === 'FORBIDDEN') refused++;
          probes++;
        }
      }
    }
    expect(probes).toBeGreaterThan(300);
  });
});

/** A scoped call: who may make it (the rest are refused: FORBIDDEN, or NOT_FOUND where existence is hidden). */
interface Probe {
  route: string;
  input: () => Record<string, unknown>;
  allowed: string[];
  /** Writes are tried only as identities that must be refused. */
  write?: boolean;
  at?: Date;
}

const PROBES: Probe[] = [
  {
    route: 'childcare.roster',
    input: () => ({ programmeId: ids.programme, date: DAY }),
    allowed: ['w-staff', 'w-cadre', 'j-cadre', 'w-volunteer', ADMIN],
    at: DURING,
  },
  {
    route: 'childcare.attend',
    input: () => ({ enrolmentId: ids.enrolment, date: DAY, event: 'in' }),
    allowed: ['w-staff', 'w-volunteer'],
    write: true,
    at: DURING,
  },
  { route: 'childcare.child', input: () => ({ id: ids.child }), allowed: ['w-rider'] },
  { route: 'volunteers.signUp', input: () => ({ programmeId: ids.programme, date: DAY }), allowed: ['w-volunteer', 'w-volunteer-2'], write: true },
  { route: 'volunteers.place', input: () => ({ programmeId: ids.programme, volunteerId: ids.volunteer }), allowed: ['w-cadre', 'j-cadre'], write: true },
  { route: 'volunteers.list', input: () => ({ orgId: 'weitang' }), allowed: ['w-cadre', 'j-cadre', ADMIN] },
  { route: 'consult.case', input: () => ({ id: ids.case }), allowed: ['w-rider', 'w-counsellor', 'w-cadre', 'j-cadre'] },
  { route: 'review.get', input: () => ({ id: ids.claim }), allowed: ['w-rider', 'w-cadre', 'j-cadre', ADMIN] },
  { route: 'review.decide', input: () => ({ id: ids.claim, decision: 'approve' }), allowed: ['w-cadre', 'j-cadre', ADMIN], write: true },
  {
    route: 'voice.riders',
    input: () => ({ roundId: ids.round }),
    allowed: ['w-rider', 'w-rider-2', 'w-staff', 'w-cadre', 'j-cadre', 'w-volunteer', 'w-volunteer-2', 'w-counsellor'],
  },
  {
    route: 'voice.nominate',
    input: () => ({ roundId: ids.round, nomineeId: 'x', story: '每天帮老人代买药品，风雨无阻。' }),
    allowed: ['w-rider', 'w-rider-2', 'w-staff', 'w-cadre', 'j-cadre', 'w-volunteer', 'w-volunteer-2', 'w-counsellor'],
    write: true,
  },
  { route: 'voice.answerOpinion', input: () => ({ opinionId: ids.opinion, answer: '已处理' }), allowed: ['w-cadre', 'j-cadre', ADMIN], write: true },
  { route: 'voice.opinionFigures', input: () => ({ orgId: 'weitang', from: '2026-11-01', to: '2026-11-30' }), allowed: ['w-cadre', 'j-cadre', ADMIN] },
  { route: 'activities.roster', input: () => ({ activityId: ids.activity }), allowed: ['w-staff', 'w-cadre', 'j-cadre', ADMIN] },
  { route: 'reports.summary', input: () => ({ orgId: 'weitang', from: '2026-11-01', to: '2026-11-30' }), allowed: ['w-cadre', 'j-cadre', ADMIN] },
  { route: 'reports.registry', input: () => ({ orgId: 'weitang' }), allowed: ['w-cadre', 'j-cadre', ADMIN] },
  { route: 'stations.manage', input: () => ({ id: 'w-st' }), allowed: ['w-staff', ADMIN] },
  { route: 'checkin.today', input: () => ({ stationId: 'w-st' }), allowed: ['w-staff', ADMIN] },
  {
    route: 'points.nameStar',
    input: () => ({ month: '2026-11', category: 'checkins', userId: 'x', orgId: 'weitang' }),
    allowed: ['w-cadre', 'j-cadre', ADMIN],
    write: true,
  },
];

describe('scoped reads and writes', () => {
  it.each(PROBES.map((p) => [p.route, p] as const))('%s: only the people the design names', async (_route, probe) => {
    h.clock.now = probe.at ?? T0;
    const [fn, action] = probe.route.split('.') as [string, string];
    for (const who of EVERYONE) {
      const allowed = probe.allowed.includes(who);
      if (allowed && probe.write) continue;
      const code = await answer(who, fn, { ...probe.input(), action });
      if (allowed) expect({ who, code }).toEqual({ who, code: 'OK' });
      else {
        expect({ who, code }).toEqual({ who, code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
        refused++;
      }
    }
  });
});
