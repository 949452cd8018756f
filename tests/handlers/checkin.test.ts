import { randomBytes } from 'node:crypto';
import { signCheckinToken } from '../../cloudfunctions/capabilities/codes/checkin-token';
import { CHECKIN_POINTS, CODE_TTL_SECONDS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { checkins, codes, codeUses } from '../../cloudfunctions/capabilities/codes/collections';
import { users } from '../../cloudfunctions/core/identity';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { shanghaiDay } from '../../cloudfunctions/core/time';
import { ledger } from '../../cloudfunctions/capabilities/ledger/collections';
import { balanceOf } from '../../cloudfunctions/capabilities/ledger/ledger';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';
import { must, tokenParts } from '../support/must';

// 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'town';
const HQ = 'st-hq';
const STATIONS = ['st-1', 'st-2', 'st-3', 'st-4', 'st-5'];
const ELSEWHERE = 'st-elsewhere';

let h: Harness;
const riders = new Set<string>();

async function userId(openid: string): Promise<string> {
  return must(await h.user(openid), `user ${openid}`)._id;
}

/** A rider with a home committee (created on first call). */
async function rider(openid: string, orgId = TOWN): Promise<string> {
  const { user } = await h.call(openid, 'account', 'updateProfile', { orgId, displayName: `骑手${openid.slice(-3)}` });
  riders.add(user.id);
  return user.id;
}

async function issue(openid: string) {
  return h.call(openid, 'checkin', 'issueCode', {});
}

async function checkinsAt(stationId: string, at = h.clock.now) {
  return findAll(h.store, checkins, { where: { stationId, day: shanghaiDay(at) } });
}

async function balance(openid: string): Promise<number> {
  return (await h.call(openid, 'points', 'balance', {})).balance;
}

const expectInvariant = () => expectLedgerInvariant(h.store, riders);

function swapPayload(token: string, change: (p: Record<string, unknown>) => Record<string, unknown>): string {
  const [v, body, sig] = tokenParts(token);
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${v}.${Buffer.from(JSON.stringify(change(payload))).toString('base64url')}.${sig}`;
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'county', { kind: 'district' });
  await buildOrg(h.store, TOWN, { parentId: 'county' });
  for (const id of [HQ, ...STATIONS, ELSEWHERE]) await buildStation(h.store, id, { orgId: TOWN });
  riders.add((await buildPerson(h.deps, 'rider-1', { orgId: TOWN }))._id);
  riders.add((await buildPerson(h.deps, 'rider-2', { orgId: TOWN }))._id);
  await buildPerson(h.deps, 'staff-hq', { roles: ['staff'], stationIds: [HQ], orgId: TOWN });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: ['county'] });
  // One staff member for five more stations; one for another station only.
  for (const stationId of STATIONS) {
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'staff-multi', role: 'staff', stationId });
  }
  await h.call(ADMIN, 'account', 'grantRole', { openid: 'staff-other', role: 'staff', stationId: ELSEWHERE });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

describe('issueCode', () => {
  it('gives any signed-in user a short-lived code with a short code and an expiry in +08:00', async () => {
    const res = await issue('rider-1');
    expect(res.ttlSeconds).toBe(CODE_TTL_SECONDS);
    expect(res.ttlSeconds).toBeLessThanOrEqual(60);
    expect(res.shortCode).toMatch(/^\d{8}$/);
    expect(res.expiresAt).toMatch(/\+08:00$/);
    expect(Date.parse(res.expiresAt) - T0.getTime()).toBe(CODE_TTL_SECONDS * 1000);
    // The token names the internal id, never the openid.
    expect(res.code).not.toContain('rider-1');
    const body = Buffer.from(tokenParts(res.code)[1], 'base64url').toString('utf8');
    expect(body).toContain(await userId('rider-1'));
    expect(body).not.toContain('rider-1');
  });

  it('gives a fresh code each time', async () => {
    const [a, b] = await Promise.all([issue('rider-1'), issue('rider-1')]);
    expect(a.code).not.toBe(b.code);
    expect(a.shortCode).not.toBe(b.shortCode);
  });

  it('needs an identity', async () => {
    expect(await h.fail(null, 'checkin', 'issueCode', {})).toBe('UNAUTHENTICATED');
    expect(await h.fail(null, 'checkin', 'redeem', { code: 'whatever', stationId: HQ })).toBe('UNAUTHENTICATED');
  });
});

describe('redeem', () => {
  it('records the visit, credits points and answers the rider by display name', async () => {
    const riderId = await rider('r-happy');
    const { code } = await issue('r-happy');
    const res = await h.call('staff-hq', 'checkin', 'redeem', { code, stationId: HQ });
    expect(res).toMatchObject({
      pointsAwarded: CHECKIN_POINTS,
      creditReason: 'credited',
      rider: { id: riderId, displayName: '骑手ppy' },
    });
    expect(res.note).toContain('5');
    expect(JSON.stringify(res)).not.toContain('r-happy');
    const stored = await h.store.get(checkins, res.checkinId);
    expect(stored).toMatchObject({ riderId, stationId: HQ, pointsAwarded: CHECKIN_POINTS, day: '2026-11-18' });
    expect(await balance('r-happy')).toBe(CHECKIN_POINTS);
    const { entries } = await h.call('r-happy', 'points', 'ledger', {});
    expect(entries).toEqual([expect.objectContaining({ delta: CHECKIN_POINTS, reason: 'checkin', at: expect.stringMatching(/\+08:00$/) })]);
    const entry = await h.store.find(ledger, { where: { userId: riderId }, limit: 10 });
    expect(entry.items[0]).toMatchObject({ category: 'checkins', orgId: TOWN });
    await expectInvariant();
  });

  it('answers a replayed code CONFLICT and credits nothing more', async () => {
    await rider('r-replay');
    const { code } = await issue('r-replay');
    await h.call('staff-hq', 'checkin', 'redeem', { code, stationId: HQ });
    const before = (await checkinsAt(HQ)).length;
    const res = await h.raw('checkin', 'staff-hq', { action: 'redeem', code, stationId: HQ });
    expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该签到码已使用' } });
    // Also at another station, by other staff.
    expect(await h.fail('staff-multi', 'checkin', 'redeem', { code, stationId: 'st-1' })).toBe('CONFLICT');
    expect((await checkinsAt(HQ)).length).toBe(before);
    expect(await balance('r-replay')).toBe(CHECKIN_POINTS);
    await expectInvariant();
  });

  describe('refuses codes that are not genuine, and credits nothing', () => {
    let code: string;
    let riderId: string;
    let visitsBefore: number;
    beforeAll(async () => {
      riderId = await rider('r-forge');
      h.clock.now = T0;
      code = (await issue('r-forge')).code;
      visitsBefore = (await checkinsAt(HQ)).length;
    });
    afterEach(async () => {
      expect((await checkinsAt(HQ)).length).toBe(visitsBefore);
      expect(await balanceOf(h.store, riderId)).toBe(0);
    });

    it('forged (made up)', async () => {
      for (const junk of ['forged-token', 'v1.eyJ1IjoiYSJ9.c2ln', `v1.${'A'.repeat(40)}.${'B'.repeat(43)}`, 'https://example.com/?code=1', '99999999']) {
        expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: junk, stationId: HQ })).toBe('FORBIDDEN');
      }
    });

    it('altered payload: another rider, a later expiry, another nonce', async () => {
      const other = await userId('rider-2');
      for (const altered of [
        swapPayload(code, (p) => ({ ...p, u: other })),
        swapPayload(code, (p) => ({ ...p, e: (p.e as number) + 60_000 })),
        swapPayload(code, (p) => ({ ...p, n: 'another-nonce' })),
      ]) {
        expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: altered, stationId: HQ })).toBe('FORBIDDEN');
      }
      expect(await balanceOf(h.store, other)).toBe(0);
    });

    it('altered signature', async () => {
      const [v, body, sig] = tokenParts(code);
      for (const s of [`${sig.slice(0, -3)}abc`, sig.split('').reverse().join(''), sig.slice(1)]) {
        if (s === sig) continue;
        expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: `${v}.${body}.${s}`, stationId: HQ })).toBe('FORBIDDEN');
      }
    });

    it('signed with another key, even for a real nonce', async () => {
      const payload = JSON.parse(Buffer.from(tokenParts(code)[1], 'base64url').toString('utf8')) as { n: string; e: number };
      const other = signCheckinToken(randomBytes(32), { uid: riderId, nonce: payload.n, exp: payload.e });
      expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: other, stationId: HQ })).toBe('FORBIDDEN');
    });

    it('signed with our key but never issued', async () => {
      const minted = signCheckinToken(h.deps.secrets.tokenKey, { uid: riderId, nonce: 'never-issued', exp: T0.getTime() + 30_000 });
      expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: minted, stationId: HQ })).toBe('FORBIDDEN');
    });

    it('expired', async () => {
      h.clock.now = new Date(T0.getTime() + CODE_TTL_SECONDS * 1000 + 1);
      const res = await h.raw('checkin', 'staff-hq', { action: 'redeem', code, stationId: HQ });
      expect(res).toMatchObject({ ok: false, error: { code: 'EXPIRED' } });
      h.clock.now = new Date(T0.getTime() + 3_600_000);
      expect(await h.fail('staff-hq', 'checkin', 'redeem', { code, stationId: HQ })).toBe('EXPIRED');
    });
  });

  it('accepts a code up to and including the expiresAt the rider was given, and not 1 ms later', async () => {
    await rider('r-skew');
    const a = await issue('r-skew');
    const b = await issue('r-skew');
    h.clock.now = new Date(a.expiresAt);
    expect((await h.call('staff-hq', 'checkin', 'redeem', { code: a.code, stationId: HQ })).pointsAwarded).toBe(CHECKIN_POINTS);
    h.clock.now = new Date(Date.parse(b.expiresAt) + 1);
    expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: b.code, stationId: HQ })).toBe('EXPIRED');
  });

  it('takes the short code instead of the token, until it expires', async () => {
    const riderId = await rider('r-short');
    const a = await issue('r-short');
    const res = await h.call('staff-hq', 'checkin', 'redeem', { code: a.shortCode, stationId: HQ });
    expect(res.rider.id).toBe(riderId);
    expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: a.shortCode, stationId: HQ })).toBe('CONFLICT');
    expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: a.code, stationId: HQ })).toBe('CONFLICT');
    const b = await issue('r-short');
    h.clock.now = new Date(T0.getTime() + 60_000);
    expect(await h.fail('staff-multi', 'checkin', 'redeem', { code: b.shortCode, stationId: 'st-1' })).toBe('EXPIRED');
    expect(await h.fail('staff-multi', 'checkin', 'redeem', { code: ` ${b.shortCode} `, stationId: 'st-1' })).toBe('EXPIRED');
    expect(await balance('r-short')).toBe(CHECKIN_POINTS);
  });

  it('never lets two live codes share a short code', async () => {
    await rider('r-many');
    const codes = await Promise.all(Array.from({ length: 40 }, () => issue('r-many')));
    expect(new Set(codes.map((c) => c.shortCode)).size).toBe(40);
  });

  describe('who may scan', () => {
    let code: string;
    beforeAll(async () => {
      await rider('r-roles');
      h.clock.now = T0;
      code = (await issue('r-roles')).code;
    });

    it('refuses riders, staff of other stations and admins who are not staff there', async () => {
      expect(await h.fail('rider-1', 'checkin', 'redeem', { code, stationId: HQ })).toBe('FORBIDDEN');
      expect(await h.fail('staff-other', 'checkin', 'redeem', { code, stationId: HQ })).toBe('FORBIDDEN');
      expect(await h.fail('cadre-county', 'checkin', 'redeem', { code, stationId: HQ })).toBe('FORBIDDEN');
      expect(await h.fail(ADMIN, 'checkin', 'redeem', { code, stationId: HQ })).toBe('FORBIDDEN');
      // Staff asking about a station they do not serve: refused before existence is revealed.
      expect(await h.fail('staff-hq', 'checkin', 'redeem', { code, stationId: 'st-nowhere' })).toBe('FORBIDDEN');
    });

    it('refuses staff scanning their own code', async () => {
      const own = await issue('staff-hq');
      expect(await h.fail('staff-hq', 'checkin', 'redeem', { code: own.code, stationId: HQ })).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for a station that no longer exists', async () => {
      const staff = must(await h.user('staff-other'), 'staff-other');
      await h.store.update(users, staff._id, { stationIds: [...staff.stationIds, 'st-gone'] });
      expect(await h.fail('staff-other', 'checkin', 'redeem', { code, stationId: 'st-gone' })).toBe('NOT_FOUND');
    });

    it('the code was left unused by every refusal', async () => {
      expect((await h.call('staff-hq', 'checkin', 'redeem', { code, stationId: HQ })).pointsAwarded).toBe(CHECKIN_POINTS);
    });
  });

  it('refuses invalid input and writes nothing', async () => {
    await rider('r-invalid');
    const { code } = await issue('r-invalid');
    const before = (await checkinsAt(HQ)).length;
    for (const event of [
      { action: 'redeem' },
      { action: 'redeem', code },
      { action: 'redeem', stationId: HQ },
      { action: 'redeem', code: 'abc', stationId: HQ },
      { action: 'redeem', code: 'x'.repeat(601), stationId: HQ },
      { action: 'redeem', code: 12345678, stationId: HQ },
      { action: 'redeem', code, stationId: '' },
      { action: 'scan', code, stationId: HQ },
      {},
    ]) {
      const res = await h.raw('checkin', 'staff-hq', event);
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await checkinsAt(HQ)).length).toBe(before);
    expect(await balance('r-invalid')).toBe(0);
    const nonce = (JSON.parse(Buffer.from(tokenParts(code)[1], 'base64url').toString()) as { n: string }).n;
    expect(must(await h.store.get(codes, nonce), 'the issued code')).toBeDefined();
    expect(await h.store.get(codeUses, nonce)).toBeNull();
  });
});

describe('caps', () => {
  it('credits one check-in per station per day and three a day in all; every visit is recorded', async () => {
    const riderId = await rider('r-caps');
    const awarded: number[] = [];
    // Same station twice, then five more stations: 6 stations, 7 visits.
    for (const [staff, stationId] of [['staff-hq', HQ], ['staff-hq', HQ], ...STATIONS.map((s) => ['staff-multi', s])] as const) {
      const { code } = await issue('r-caps');
      awarded.push((await h.call(staff, 'checkin', 'redeem', { code, stationId })).pointsAwarded);
    }
    expect(awarded).toEqual([5, 0, 5, 5, 0, 0, 0]);
    let recorded = 0;
    for (const s of [HQ, ...STATIONS]) recorded += (await checkinsAt(s)).filter((c) => c.riderId === riderId).length;
    expect(recorded).toBe(7);
    expect(await balance('r-caps')).toBe(3 * CHECKIN_POINTS);
    await expectInvariant();
  });

  it('says why a visit earned nothing', async () => {
    await rider('r-why');
    const first = await issue('r-why');
    await h.call('staff-hq', 'checkin', 'redeem', { code: first.code, stationId: HQ });
    const second = await issue('r-why');
    const res = await h.call('staff-hq', 'checkin', 'redeem', { code: second.code, stationId: HQ });
    expect(res).toMatchObject({ pointsAwarded: 0, creditReason: 'station-daily-cap' });
    expect(res.note).toMatch(/不加积分/);
  });

  it('starts again on the next Shanghai day (midnight is 16:00 UTC)', async () => {
    await rider('r-day');
    h.clock.now = new Date('2026-11-18T15:59:00.000Z');
    const late = await issue('r-day');
    expect((await h.call('staff-hq', 'checkin', 'redeem', { code: late.code, stationId: HQ })).pointsAwarded).toBe(CHECKIN_POINTS);
    h.clock.now = new Date('2026-11-18T16:01:00.000Z');
    const early = await issue('r-day');
    const res = await h.call('staff-hq', 'checkin', 'redeem', { code: early.code, stationId: HQ });
    expect(res.pointsAwarded).toBe(CHECKIN_POINTS);
    expect(must(await h.store.get(checkins, res.checkinId), 'the check-in').day).toBe('2026-11-19');
  });
});

describe('codeStatus', () => {
  it('tells the rider whether their code was scanned, where, and for how much', async () => {
    await rider('r-status');
    const { code, shortCode } = await issue('r-status');
    expect(await h.call('r-status', 'checkin', 'codeStatus', { code })).toEqual({ redeemed: false, expired: false });
    await h.call('staff-hq', 'checkin', 'redeem', { code, stationId: HQ });
    const station = must(await h.store.get(stations, HQ), 'the station');
    expect(await h.call('r-status', 'checkin', 'codeStatus', { code })).toEqual({
      redeemed: true,
      expired: false,
      pointsAwarded: CHECKIN_POINTS,
      stationName: station.name,
    });
    expect((await h.call('r-status', 'checkin', 'codeStatus', { code: shortCode })).redeemed).toBe(true);
  });

  it('says expired once the code has run out', async () => {
    await rider('r-status-2');
    const { code } = await issue('r-status-2');
    h.clock.now = new Date(T0.getTime() + 120_000);
    expect(await h.call('r-status-2', 'checkin', 'codeStatus', { code })).toEqual({ redeemed: false, expired: true });
  });

  it('answers only the code’s own rider, and refuses forged codes', async () => {
    await rider('r-status-3');
    const { code, shortCode } = await issue('r-status-3');
    expect(await h.fail('rider-1', 'checkin', 'codeStatus', { code })).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'checkin', 'codeStatus', { code: shortCode })).toBe('FORBIDDEN');
    expect(await h.fail('r-status-3', 'checkin', 'codeStatus', { code: swapPayload(code, (p) => ({ ...p, e: 1 })) })).toBe('FORBIDDEN');
    expect(await h.fail('r-status-3', 'checkin', 'codeStatus', { code: 'abc' })).toBe('INVALID_INPUT');
    expect(await h.fail(null, 'checkin', 'codeStatus', { code })).toBe('UNAUTHENTICATED');
  });
});

describe('today', () => {
  it('shows staff today’s visits at their station with rider names, newest first', async () => {
    const res = await h.call('staff-hq', 'checkin', 'today', { stationId: HQ });
    const stored = await checkinsAt(HQ);
    expect(res.visits).toBe(stored.length);
    expect(res.visits).toBeGreaterThan(3);
    expect(res.uniqueRiders).toBe(new Set(stored.map((c) => c.riderId)).size);
    expect(res.checkins[0]).toMatchObject({ stationId: HQ, riderName: expect.any(String), at: expect.stringMatching(/\+08:00$/) });
    expect(res.checkins.map((c) => c.riderName)).toContain('骑手ppy');
    expect(JSON.stringify(res)).not.toMatch(/"openid"|r-happy/);
    const times = res.checkins.map((c) => Date.parse(c.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('lets an admin look, and refuses riders and staff of other stations', async () => {
    expect((await h.call(ADMIN, 'checkin', 'today', { stationId: HQ })).visits).toBeGreaterThan(0);
    expect(await h.fail('rider-1', 'checkin', 'today', { stationId: HQ })).toBe('FORBIDDEN');
    expect(await h.fail('staff-other', 'checkin', 'today', { stationId: HQ })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'checkin', 'today', { stationId: 'st-nowhere' })).toBe('NOT_FOUND');
    expect(await h.fail('staff-hq', 'checkin', 'today', {})).toBe('INVALID_INPUT');
  });

  it('is empty on a new day', async () => {
    h.clock.now = new Date('2026-11-20T02:00:00.000Z');
    expect(await h.call('staff-hq', 'checkin', 'today', { stationId: HQ })).toEqual({ visits: 0, uniqueRiders: 0, checkins: [] });
  });
});

describe('concurrency', () => {
  it('50 parallel scans of one code record exactly one check-in', async () => {
    h.clock.now = new Date('2026-11-21T02:00:00.000Z');
    await rider('r-race');
    const { code } = await issue('r-race');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.raw('checkin', i % 2 ? 'staff-hq' : 'staff-multi', { action: 'redeem', code, stationId: i % 2 ? HQ : 'st-1' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(49);
    const visits = [...(await checkinsAt(HQ)), ...(await checkinsAt('st-1'))];
    const riderId = await userId('r-race');
    expect(visits.filter((c) => c.riderId === riderId)).toHaveLength(1);
    expect(await balance('r-race')).toBe(CHECKIN_POINTS);
    await expectInvariant();
  });

  it('parallel scans of six codes at six stations still respect the daily cap', async () => {
    h.clock.now = new Date('2026-11-21T03:00:00.000Z');
    await rider('r-race-caps');
    const codes = await Promise.all(Array.from({ length: 6 }, () => issue('r-race-caps')));
    const results = await Promise.all(
      codes.map((c, i) =>
        h.call(i === 0 ? 'staff-hq' : 'staff-multi', 'checkin', 'redeem', { code: c.code, stationId: i === 0 ? HQ : must(STATIONS[i - 1], `station ${i}`) }),
      ),
    );
    expect(results.filter((r) => r.pointsAwarded > 0)).toHaveLength(3);
    expect(await balance('r-race-caps')).toBe(3 * CHECKIN_POINTS);
    await expectInvariant();
  });

  it('many riders scanned at once at one station each get their one credit', async () => {
    h.clock.now = new Date('2026-11-21T04:00:00.000Z');
    const openids = Array.from({ length: 30 }, (_, i) => `r-crowd-${i}`);
    for (const o of openids) await rider(o);
    const codes = await Promise.all(openids.map((o) => issue(o)));
    const results = await Promise.all(codes.map((c) => h.call('staff-hq', 'checkin', 'redeem', { code: c.code, stationId: HQ })));
    expect(results.every((r) => r.pointsAwarded === CHECKIN_POINTS)).toBe(true);
    expect(new Set(results.map((r) => r.checkinId)).size).toBe(30);
    await expectInvariant();
  });
});
