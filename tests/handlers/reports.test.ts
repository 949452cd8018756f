/**
 * Reports: every figure reconciles with the records it counts, each committee counting only its own subtree; the
 * scope; the CSV parsed back; the registry (摸清底数); and the roll-ups rebuilt from the raw records equal the live ones.
 */
import { CHILD_CONSENT_VERSION, type ReportSummary } from '../../types';
import type { Collection, Doc } from '../../cloudfunctions/core/store/docstore.port';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { ledger } from '../../cloudfunctions/capabilities/ledger/collections';
import { ROLLUP_COLLECTIONS } from '../../cloudfunctions/capabilities/figures/collections';
import { FOLD_LAG_MS, foldFacts, foldMark } from '../../cloudfunctions/capabilities/figures/fold';
import { rebuildRollups } from '../../scripts/rebuild-rollups';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';

jest.setTimeout(120_000);

// Wednesday 18 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const HOUR = 3_600_000;
const COUNTY = 'rp-county';
const TOWN_A = 'rp-town-a';
const TOWN_B = 'rp-town-b';
const VILLAGE = 'rp-village-a1';
const ST_A = 'rp-st-a';
const ST_V = 'rp-st-v';
const ST_B = 'rp-st-b';
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const SESSION_DAY = '2026-11-21';

let h: Harness;

const summary = (openid: string, orgId: string, period = NOVEMBER) => h.call(openid, 'reports', 'summary', { orgId, ...period });

/** Staff of the station scan a fresh code of the rider; answers the points it earned. */
async function visit(rider: string, stationId: string): Promise<number> {
  const { code } = await h.call(rider, 'checkin', 'issueCode', {});
  return (await h.call(`staff-${stationId}`, 'checkin', 'redeem', { stationId, code })).pointsAwarded;
}

/** Check-in points the redeems answered, per committee of the station. */
const earned = new Map<string, number>();
const add = (orgId: string, points: number) => earned.set(orgId, (earned.get(orgId) ?? 0) + points);

const station = (r: ReportSummary, id: string) => r.byStation.find((s) => s.stationId === id);
const child = (r: ReportSummary, id: string) =>
  must(
    r.children.find((c) => c.orgId === id),
    `child ${id}`,
  );

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district', name: '嘉善县团委' });
  await buildOrg(h.store, TOWN_A, { parentId: COUNTY, name: '魏塘街道团工委' });
  await buildOrg(h.store, TOWN_B, { parentId: COUNTY, name: '罗星街道团工委' });
  await buildOrg(h.store, VILLAGE, { parentId: TOWN_A, kind: 'community', name: '东门社区团支部' });
  await buildStation(h.store, ST_A, { orgId: TOWN_A, name: '魏塘驿站' });
  await buildStation(h.store, ST_V, { orgId: VILLAGE, name: '东门驿站' });
  await buildStation(h.store, ST_B, { orgId: TOWN_B, name: '罗星驿站' });
  for (const s of [ST_A, ST_V, ST_B]) await buildPerson(h.deps, `staff-${s}`, { roles: ['staff'], stationIds: [s] });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-a', { roles: ['cadre'], cadreOrgIds: [TOWN_A] });
  await buildPerson(h.deps, 'cadre-b', { roles: ['cadre'], cadreOrgIds: [TOWN_B] });
  for (const r of ['r1', 'r2', 'r3', 'r4']) await buildPerson(h.deps, r, { orgId: r === 'r3' ? TOWN_B : TOWN_A });
});
afterAll(() => h.close());

describe('visits and unique riders', () => {
  beforeAll(async () => {
    h.clock.now = T0;
    // Day 1: r1 three times at A, r2 once at A, r1 once at the village, r3 twice at B, r1 once at B.
    for (const [rider, st, org] of [
      ['r1', ST_A, TOWN_A],
      ['r1', ST_A, TOWN_A],
      ['r1', ST_A, TOWN_A],
      ['r2', ST_A, TOWN_A],
      ['r1', ST_V, VILLAGE],
      ['r3', ST_B, TOWN_B],
      ['r3', ST_B, TOWN_B],
      ['r1', ST_B, TOWN_B],
    ] as const)
      add(org, await visit(rider, st));
    // Day 2: r2 at A again; r4 at the village.
    h.clock.now = new Date(T0.getTime() + 24 * HOUR);
    add(TOWN_A, await visit('r2', ST_A));
    add(VILLAGE, await visit('r4', ST_V));
    // 1 December: r2 and r3 at B (outside November).
    h.clock.now = new Date('2026-12-01T02:00:00.000Z');
    await visit('r2', ST_B);
    await visit('r3', ST_B);
    h.clock.now = T0;
  });

  it('counts each committee only its own subtree’s visits and riders', async () => {
    const a = await summary('cadre-a', TOWN_A);
    expect(a).toMatchObject({ visits: 7, uniqueRiders: 3 });
    expect(station(a, ST_A)).toMatchObject({ name: '魏塘驿站', visits: 5, uniqueRiders: 2 });
    expect(station(a, ST_V)).toMatchObject({ visits: 2, uniqueRiders: 2 });
    expect(station(a, ST_B)).toBeUndefined();
    expect(a.byStation.map((s) => s.stationId)).toEqual([ST_A, ST_V]);

    const b = await summary('cadre-b', TOWN_B);
    expect(b).toMatchObject({ visits: 3, uniqueRiders: 2 });
    expect(b.byStation).toEqual([{ stationId: ST_B, name: '罗星驿站', orgId: TOWN_B, visits: 3, uniqueRiders: 2 }]);

    const county = await summary('cadre-county', COUNTY);
    // r1 visited in both towns, and counts once in the county.
    expect(county).toMatchObject({ visits: 10, uniqueRiders: 4 });
    expect(child(county, TOWN_A)).toMatchObject({ visits: 7, uniqueRiders: 3, hasChildren: true });
    expect(child(county, TOWN_B)).toMatchObject({ visits: 3, uniqueRiders: 2, hasChildren: false });
    expect(await summary('cadre-a', VILLAGE)).toMatchObject({ visits: 2, uniqueRiders: 2, children: [] });
  });

  it('counts unique riders exactly over days, months and years', async () => {
    expect(await summary('cadre-county', COUNTY, { from: '2026-11-18', to: '2026-11-18' })).toMatchObject({ visits: 8, uniqueRiders: 3 });
    expect(await summary('cadre-county', COUNTY, { from: '2026-11-19', to: '2026-12-31' })).toMatchObject({ visits: 4, uniqueRiders: 3 });
    expect(await summary('cadre-county', COUNTY, { from: '2026-12-01', to: '2026-12-31' })).toMatchObject({ visits: 2, uniqueRiders: 2 });
    expect(await summary('cadre-county', COUNTY, { from: '2026-01-01', to: '2026-12-31' })).toMatchObject({ visits: 12, uniqueRiders: 4 });
    expect(await summary('cadre-b', TOWN_B, { from: '2026-11-15', to: '2027-01-10' })).toMatchObject({ visits: 5, uniqueRiders: 3 });
    expect(await summary('cadre-a', TOWN_A, { from: '2026-10-01', to: '2026-10-31' })).toMatchObject({ visits: 0, uniqueRiders: 0, byStation: [] });
  });

  it('draws the trend month by month and issues the points the ledger credited', async () => {
    const year = await summary('cadre-county', COUNTY, { from: '2026-10-01', to: '2026-12-31' });
    expect(year.trend.map((m) => [m.month, m.visits])).toEqual([
      ['2026-10', 0],
      ['2026-11', 10],
      ['2026-12', 2],
    ]);
    const a = await summary('cadre-a', TOWN_A);
    const b = await summary('cadre-b', TOWN_B);
    expect(a.pointsIssued).toBe((earned.get(TOWN_A) ?? 0) + (earned.get(VILLAGE) ?? 0));
    expect(b.pointsIssued).toBe(earned.get(TOWN_B) ?? 0);
    expect(a.pointsIssued).toBeGreaterThan(0);
  });

  it('counts concurrent check-ins at one station exactly', async () => {
    h.clock.now = new Date('2026-11-25T02:00:00.000Z');
    const riders = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const codes = await Promise.all(riders.map((r) => h.call(r, 'checkin', 'issueCode', {})));
    const redeemed = await Promise.all(codes.map(({ code }) => h.call(`staff-${ST_B}`, 'checkin', 'redeem', { stationId: ST_B, code })));
    for (const r of redeemed) add(TOWN_B, r.pointsAwarded);
    h.clock.now = T0;
    expect(await summary('cadre-b', TOWN_B, { from: '2026-11-25', to: '2026-11-25' })).toMatchObject({ visits: 6, uniqueRiders: 6 });
    expect(await summary('cadre-b', TOWN_B)).toMatchObject({ visits: 9, uniqueRiders: 8 });
    expect(await summary('cadre-a', TOWN_A)).toMatchObject({ visits: 7, uniqueRiders: 3 });
  });
});

describe('claims, consultations, cases, childcare and volunteers', () => {
  let claimPoints = 0;

  beforeAll(async () => {
    h.clock.now = T0;
    // A claim in each town; only A's is approved.
    const { reviewId } = await h.call('r1', 'points', 'claim', { kind: 'errand', description: '帮独居老人代买药品' });
    await h.call('r3', 'points', 'claim', { kind: 'errand', description: '帮环卫工人送水' });
    await h.call('cadre-a', 'review', 'decide', { id: reviewId, decision: 'approve' });
    claimPoints = must(
      (await findAll(h.store, ledger)).find((e) => e._id === `claim:${reviewId}`),
      'claim credit',
    ).delta;

    // A counsellor of town A: one consultation completed, one escalated to town B as a case, which B takes and closes.
    await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'co-a', name: '张律师', categories: ['law', 'psych'], orgId: TOWN_A });
    const start = (hours: number) => new Date(T0.getTime() + hours * HOUR).toISOString();
    const { slots } = await h.call('co-a', 'consult', 'publishSlots', {
      slots: [1, 2, 3].map((n) => ({ start: start(n), end: start(n + 0.5), modes: ['phone' as const] })),
    });
    const book = (rider: string, i: number, category: 'law' | 'psych') =>
      h.call(rider, 'consult', 'book', { slotId: must(slots[i], 'slot').id, category, mode: 'phone', topic: '工资被拖欠' });
    const first = (await book('r1', 0, 'law')).booking;
    const second = (await book('r2', 1, 'psych')).booking;
    await book('r4', 2, 'law');
    h.clock.now = new Date(T0.getTime() + 1.2 * HOUR);
    await h.call('co-a', 'consult', 'complete', { bookingId: first.id, summary: '已解答' });
    h.clock.now = new Date(T0.getTime() + 2.2 * HOUR);
    const { caseId, reviewId: caseReview } = await h.call('co-a', 'consult', 'escalate', { bookingId: second.id, summary: '需要团委协调', orgId: TOWN_B });
    await h.call('cadre-b', 'review', 'decide', { id: caseReview, decision: 'approve' });
    await h.call('cadre-b', 'consult', 'closeCase', { caseId, outcome: 'resolved', note: '已协调解决' });

    // Childcare and a volunteer in town B, at station B.
    h.clock.now = T0;
    const { programme } = await h.call('cadre-b', 'childcare', 'createProgramme', {
      title: '周末骑士班',
      orgId: TOWN_B,
      site: { name: '罗星社区中心', address: '嘉善县罗星街道', location: { lat: 30.84, lng: 120.93 }, stationId: ST_B },
      ageMin: 6,
      ageMax: 12,
      capacity: 10,
      signupOpens: '2026-11-17T08:00:00+08:00',
      signupCloses: '2026-11-20T20:00:00+08:00',
      sessions: [{ date: SESSION_DAY, start: '09:00', end: '10:30', course: '作业辅导' }],
    });
    const enrolments: string[] = [];
    for (const guardian of ['g1', 'g2']) {
      const { child: kid } = await h.call(guardian, 'childcare', 'addChild', {
        name: '王小明',
        birthDate: '2018-05-01',
        emergencyPhone: '13800138000',
        consent: { version: CHILD_CONSENT_VERSION, accepted: true },
      });
      enrolments.push((await h.call(guardian, 'childcare', 'enrol', { programmeId: programme.id, childId: kid.id })).enrolment.id);
    }
    const { reviewId: volunteerReview } = await h.call('v1', 'volunteers', 'apply', { name: '赵志愿', orgId: TOWN_B, skills: ['作业辅导'] });
    await h.call('cadre-b', 'review', 'decide', { id: volunteerReview, decision: 'approve' });
    await h.call('v1', 'volunteers', 'signUp', { programmeId: programme.id, date: SESSION_DAY });
    const clock = async (event: 'in' | 'out') => {
      const { shortCode } = await h.call('v1', 'checkin', 'issueCode', {});
      return h.call(`staff-${ST_B}`, 'volunteers', 'clock', { code: shortCode, programmeId: programme.id, date: SESSION_DAY, event });
    };
    h.clock.now = new Date(`${SESSION_DAY}T08:55:00+08:00`);
    await clock('in');
    for (const enrolmentId of enrolments) {
      await h.call(`staff-${ST_B}`, 'childcare', 'attend', { enrolmentId, date: SESSION_DAY, event: 'in' });
      await h.call(`staff-${ST_B}`, 'childcare', 'attend', { enrolmentId, date: SESSION_DAY, event: 'in' });
    }
    h.clock.now = new Date(`${SESSION_DAY}T10:30:00+08:00`);
    await h.call(`staff-${ST_B}`, 'childcare', 'attend', { enrolmentId: must(enrolments[0], 'enrolment'), date: SESSION_DAY, event: 'out' });
    await clock('out');
    h.clock.now = T0;
  });

  it('counts claims approved and their points for the committee that approved them', async () => {
    const a = await summary('cadre-a', TOWN_A);
    const b = await summary('cadre-b', TOWN_B);
    expect(a.claimsApproved).toBe(1);
    expect(b.claimsApproved).toBe(0);
    expect(claimPoints).toBeGreaterThan(0);
    expect(a.pointsIssued).toBe((earned.get(TOWN_A) ?? 0) + (earned.get(VILLAGE) ?? 0) + claimPoints);
    expect(b.pointsIssued).toBe(earned.get(TOWN_B) ?? 0);
  });

  it('counts consultations for the counsellor’s committee, cases for the committee handling them', async () => {
    const a = await summary('cadre-a', TOWN_A);
    const b = await summary('cadre-b', TOWN_B);
    expect(a).toMatchObject({ consultations: 2, casesOpened: 0, casesClosed: 0 });
    expect(a.consultationsByCategory).toMatchObject({ law: 1, psych: 1, family: 0 });
    expect(b).toMatchObject({ consultations: 0, casesOpened: 1, casesClosed: 1 });
    const county = await summary('cadre-county', COUNTY);
    expect(county).toMatchObject({ consultations: 2, casesOpened: 1, casesClosed: 1, claimsApproved: 1 });
    expect(county.trend.find((m) => m.month === '2026-11')).toMatchObject({ consultations: 2, casesOpened: 1 });
  });

  it('counts sessions held, child-hours and volunteer hours where the programme is', async () => {
    const b = await summary('cadre-b', TOWN_B);
    // Two children signed in (twice each: counted once) at one 90-minute session; the volunteer stayed throughout.
    expect(b).toMatchObject({ childcareSessions: 1, childHours: 3, volunteerHours: 1.5 });
    expect(await summary('cadre-a', TOWN_A)).toMatchObject({ childcareSessions: 0, childHours: 0, volunteerHours: 0 });
    expect(child(await summary('cadre-county', COUNTY), TOWN_B)).toMatchObject({ childcareSessions: 1, childHours: 3, volunteerHours: 1.5 });
    expect(await summary('cadre-b', TOWN_B, { from: '2026-11-22', to: '2026-11-30' })).toMatchObject({ childcareSessions: 0, volunteerHours: 0 });
  });
});

describe('scope', () => {
  it('lets cadres see their subtree only, admins everything, and nobody else anything', async () => {
    expect(await h.fail('cadre-a', 'reports', 'summary', { orgId: TOWN_B, ...NOVEMBER })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-a', 'reports', 'summary', { orgId: COUNTY, ...NOVEMBER })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-b', 'reports', 'export', { orgId: VILLAGE, ...NOVEMBER })).toBe('FORBIDDEN');
    expect(await h.fail('cadre-a', 'reports', 'registry', { orgId: TOWN_B })).toBe('FORBIDDEN');
    expect(await h.fail('r1', 'reports', 'summary', { orgId: TOWN_A, ...NOVEMBER })).toBe('FORBIDDEN');
    expect(await h.fail(`staff-${ST_A}`, 'reports', 'registry', { orgId: TOWN_A })).toBe('FORBIDDEN');
    expect(await h.fail(null, 'reports', 'summary', { orgId: TOWN_A, ...NOVEMBER })).toBe('UNAUTHENTICATED');
    expect((await summary(ADMIN, COUNTY)).visits).toBe((await summary('cadre-county', COUNTY)).visits);
    expect(await h.fail(ADMIN, 'reports', 'summary', { orgId: 'nowhere', ...NOVEMBER })).toBe('NOT_FOUND');
  });

  it('refuses dates that are malformed, reversed or too far apart', async () => {
    for (const period of [
      { from: '2026-11-31', to: '2026-12-01' },
      { from: '2026/11/01', to: '2026-11-30' },
      { from: '2026-11-30', to: '2026-11-01' },
      { from: '2020-01-01', to: '2026-11-30' },
    ]) {
      expect(await h.fail('cadre-a', 'reports', 'summary', { orgId: TOWN_A, ...period })).toBe('INVALID_INPUT');
    }
  });
});

/** Parses CSV text (RFC 4180 quoting) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('export', () => {
  beforeAll(async () => {
    await buildStation(h.store, 'rp-st-formula', { orgId: VILLAGE, name: '=HYPERLINK("http://x","点我")' });
    await buildStation(h.store, 'rp-st-minus', { orgId: VILLAGE, name: '-1+1' });
    await buildStation(h.store, 'rp-st-at', { orgId: VILLAGE, name: '@SUM(1)' });
    await buildStation(h.store, 'rp-st-tab', { orgId: VILLAGE, name: '\t+驿站' });
  });

  it('answers CSV that Excel opens: BOM, CRLF, Chinese intact, a row per station, formulas escaped', async () => {
    const { csv, fileName, url } = await h.call('cadre-a', 'reports', 'export', { orgId: TOWN_A, ...NOVEMBER });
    expect(url).toBeUndefined();
    expect(fileName).toBe('骑士驿站数据-魏塘街道团工委-2026-11-01至2026-11-30.csv');
    const text = must(csv, 'csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['骑士驿站数据报表']);
    expect(rows[1]).toEqual(['团委', '魏塘街道团工委']);
    expect(rows.find((r) => r[0] === '生成时间')?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const a = await summary('cadre-a', TOWN_A);
    const figure = (name: string) => rows.find((r) => r[0] === name)?.[1];
    expect(figure('驿站服务人次')).toBe(String(a.visits));
    expect(figure('服务骑手')).toBe(String(a.uniqueRiders));
    expect(figure('完成咨询')).toBe('2');
    expect(figure('咨询：心理')).toBe('1');
    const header = rows.findIndex((r) => r[0] === '驿站');
    expect(rows[header]).toEqual(['驿站', '所属团委', '服务人次', '服务骑手']);
    const stationRows = rows.slice(header + 1, rows.indexOf(rows.slice(header).find((r) => r.length === 1 && r[0] === '')!));
    expect(stationRows).toHaveLength(6);
    expect(stationRows[0]).toEqual(['魏塘驿站', '魏塘街道团工委', '5', '2']);
    expect(stationRows[1]).toEqual(['东门驿站', '东门社区团支部', '2', '2']);
    const names = stationRows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://x","点我")', "'-1+1", "'@SUM(1)", "'\t+驿站"]));
    expect(rows.find((r) => r[0] === '2026-11')?.[1]).toBe(String(a.visits));
    expect(rows.find((r) => r[0] === '东门社区团支部' && r.length > 4)).toBeDefined();
  });

  it('saves the file to cloud storage and answers a temporary link where the platform has one', async () => {
    const saved: { path: string; content: Buffer }[] = [];
    h.deps.storage = {
      read: async () => Buffer.alloc(0),
      remove: async () => undefined,
      upload: async (path, content) => {
        saved.push({ path, content });
        return `cloud://env/${path}`;
      },
      tempUrl: async (fileId) => `https://tmp.example/${fileId.slice('cloud://env/'.length)}?sign=1`,
    };
    try {
      const out = await h.call('cadre-b', 'reports', 'export', { orgId: TOWN_B, ...NOVEMBER });
      expect(out.csv).toBeUndefined();
      expect(saved).toHaveLength(1);
      expect(out.url).toBe(`https://tmp.example/${must(saved[0], 'saved').path}?sign=1`);
      expect(saved[0]!.path).toMatch(/^reports\/rp-town-b\/2026-11-01_2026-11-30_/);
      expect(saved[0]!.content.toString('utf8')).toContain('罗星驿站');
    } finally {
      delete h.deps.storage;
    }
  });
});

describe('registry (摸清底数)', () => {
  beforeAll(async () => {
    h.clock.now = T0;
    await h.call('p1', 'account', 'updateProfile', { orgId: TOWN_A, platform: '美团', birthYear: 1991, leagueMember: true });
    await h.call('p2', 'account', 'updateProfile', { orgId: TOWN_A, platform: '饿了么', birthYear: 1990 });
    await h.call('p3', 'account', 'updateProfile', { orgId: VILLAGE, platform: '美团', birthYear: 2000 });
    await h.call('p4', 'account', 'updateProfile', { orgId: TOWN_B, platform: '顺丰' });
    // p5 joins town A, then moves to town B and changes platform; p2 leaves the League question unanswered.
    await h.call('p5', 'account', 'updateProfile', { orgId: TOWN_A, platform: '美团', birthYear: 1999, leagueMember: true });
    await h.call('p5', 'account', 'updateProfile', { orgId: TOWN_B, platform: '中通' });
    const { reviewId } = await h.call('p1', 'account', 'applyVerification', { realName: '李骑手', platform: '美团', employer: '嘉善美团站' });
    await h.call('cadre-a', 'review', 'decide', { id: reviewId, decision: 'approve' });
  });

  it('counts the riders of each committee from their profiles', async () => {
    // r1, r2 and r4 (town A) and r3 (town B) name a home committee and nothing else.
    const a = await h.call('cadre-a', 'reports', 'registry', { orgId: TOWN_A });
    expect(a).toMatchObject({ riders: 6, verified: 1, under35: 2, leagueMembers: 1, byPlatform: { 美团: 2, 饿了么: 1 }, noPlatform: 3, birthYearKnown: 3 });
    const b = await h.call('cadre-b', 'reports', 'registry', { orgId: TOWN_B });
    expect(b).toMatchObject({ riders: 3, verified: 0, under35: 1, leagueMembers: 1, byPlatform: { 顺丰: 1, 中通: 1 }, noPlatform: 1 });
    const county = await h.call('cadre-county', 'reports', 'registry', { orgId: COUNTY });
    expect(county).toMatchObject({ riders: 9, verified: 1, under35: 3, leagueMembers: 2, byPlatform: { 美团: 2, 饿了么: 1, 顺丰: 1, 中通: 1 }, noPlatform: 4 });
    expect((await h.call('p1', 'account', 'me', {})).user).toMatchObject({ birthYear: 1991, leagueMember: true, verified: true });
  });

  it('refuses an implausible birth year and writes nothing', async () => {
    expect(await h.fail('p6', 'account', 'updateProfile', { orgId: TOWN_A, birthYear: 2025 })).toBe('INVALID_INPUT');
    expect(await h.fail('p6', 'account', 'updateProfile', { orgId: TOWN_A, birthYear: 1800 })).toBe('INVALID_INPUT');
    expect((await h.call('cadre-a', 'reports', 'registry', { orgId: TOWN_A })).riders).toBe(6);
  });
});

describe('fold and rebuild', () => {
  const LATER = new Date('2027-01-01T00:00:00.000Z');
  const YEAR = { from: '2026-01-01', to: '2026-12-31' };
  const figures = () =>
    Promise.all([
      summary('cadre-county', COUNTY),
      summary('cadre-county', COUNTY, { from: '2026-11-18', to: '2026-11-21' }),
      summary('cadre-a', TOWN_A),
      summary('cadre-county', COUNTY, YEAR),
    ]);
  /** Every roll-up document; the fold mark without its version, which counts the folds' steps. */
  const snapshot = async () => {
    const out: Record<string, Doc[]> = {};
    for (const coll of ROLLUP_COLLECTIONS) out[coll.name] = (await findAll(h.store, coll as Collection<Doc>)).sort((x, y) => x._id.localeCompare(y._id));
    out.report_fold_marks = out.report_fold_marks!.map((m) => ({ ...m, version: undefined }) as Doc);
    return out;
  };

  it('answers the same figures before a fold, while folds run, after them and after a rebuild, which writes what the folds wrote', async () => {
    const unfolded = await figures();
    expect(unfolded[0].visits).toBeGreaterThan(5);
    // Reports read while the scheduler folds, in steps, still add up exactly.
    const [folded, ...during] = await Promise.all([foldFacts(h.store, LATER, LATER), figures(), figures(), figures()]);
    expect(folded).toBeGreaterThan(10);
    for (const read of during) expect(read).toEqual(unfolded);
    expect(await figures()).toEqual(unfolded);
    const afterFold = await snapshot();
    expect(afterFold.report_rider_visits!.length).toBeGreaterThan(10);
    expect(await foldFacts(h.store, LATER, LATER)).toBe(0);

    h.clock.now = new Date('2026-12-05T02:00:00.000Z');
    // A rider new to the station, and one the folded figures count there already.
    await visit('r4', ST_A);
    await visit('r2', ST_A);
    const withVisit = await figures();
    expect(withVisit[3].visits).toBe(unfolded[3].visits + 2);
    await foldFacts(h.store, LATER, LATER);
    expect(await figures()).toEqual(withVisit);
    const live = await snapshot();
    expect(live).not.toEqual(afterFold);

    await rebuildRollups(h.store, LATER);
    expect(await snapshot()).toEqual(live);
    expect(await figures()).toEqual(withVisit);
  });

  it('folds only facts written a while ago, so one committing late is never left behind the mark', async () => {
    h.clock.now = new Date('2026-12-06T02:00:00.000Z');
    const before = await summary('cadre-county', COUNTY, YEAR);
    await visit('r4', ST_B);
    const mark = await foldMark(h.store);
    expect(await foldFacts(h.store, new Date(h.clock.now.getTime() + FOLD_LAG_MS - 1))).toBe(0);
    expect(await foldMark(h.store)).toEqual(mark);
    expect(await foldFacts(h.store, new Date(h.clock.now.getTime() + FOLD_LAG_MS + 1))).toBe(1);
    expect((await foldMark(h.store)).version).toBe(mark.version + 1);
    expect((await summary('cadre-county', COUNTY, YEAR)).visits).toBe(before.visits + 1);
  });
});
