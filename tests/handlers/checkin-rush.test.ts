/**
 * The lunch-time queue at one station, as the cloud would run it: on the CloudBase project every database request
 * takes a round trip of 25 ms ± 40 % (on SQLite the same crowds run without one). Answers and invariants are asserted,
 * never times (the bench measures those).
 */
import { TYPED_CODE_LIMITS, CHECKIN_POINTS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { checkins } from '../../cloudfunctions/capabilities/codes/collections';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';
import { CLOUD_LATENCY } from '../support/stores';

jest.setTimeout(120_000);

// 12:00 in Shanghai.
const T0 = new Date('2026-11-18T04:00:00.000Z');
const TOWN = 'rush-town';
const HQ = 'rush-hq';
const STAFF = ['rush-staff-1', 'rush-staff-2', 'rush-staff-3', 'rush-staff-4', 'rush-staff-5'];

let h: Harness;
const riders = new Set<string>();

async function riderCodes(prefix: string, n: number) {
  const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  for (const openid of openids) riders.add((await buildPerson(h.deps, openid, { orgId: TOWN }))._id);
  return Promise.all(openids.map((openid) => h.call(openid, 'checkin', 'issueCode', {})));
}

const outcome = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'OK' : res.error!.code);

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  h = await createHarness(T0, { latency: CLOUD_LATENCY });
  await buildOrg(h.store, TOWN);
  await buildStation(h.store, HQ, { orgId: TOWN, name: '午间驿站' });
  for (const staff of STAFF) await buildPerson(h.deps, staff, { roles: ['staff'], stationIds: [HQ], orgId: TOWN });
});
afterAll(() => h.close());

it('credits all 12 riders scanned at once at one station by 3 staff, and the report counts them at once', async () => {
  const codes = await riderCodes('rush-rider', 12);
  const results = await Promise.all(codes.map((c, i) => h.raw('checkin', STAFF[i % 3]!, { action: 'redeem', code: c.code, stationId: HQ })));
  expect(tally(results.map(outcome))).toEqual({ OK: 12 });
  for (const r of results) expect(r).toMatchObject({ ok: true, data: { pointsAwarded: CHECKIN_POINTS } });
  expect(await findAll(h.store, checkins, { where: { stationId: HQ, day: '2026-11-18' } })).toHaveLength(12);
  await expectLedgerInvariant(h.store, riders);
  // Nothing folded yet: the figures read the facts the redeems wrote.
  await buildPerson(h.deps, 'rush-cadre', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  const report = await h.call('rush-cadre', 'reports', 'summary', { orgId: TOWN, from: '2026-11-18', to: '2026-11-18' });
  expect(report).toMatchObject({ visits: 12, uniqueRiders: 12, pointsIssued: 12 * CHECKIN_POINTS });
});

it('records one check-in when three staff scan the same code at once', async () => {
  const [code] = await riderCodes('rush-same', 1);
  const results = await Promise.all(STAFF.slice(0, 3).map((staff) => h.raw('checkin', staff, { action: 'redeem', code: code!.code, stationId: HQ })));
  expect(tally(results.map(outcome))).toEqual({ OK: 1, CONFLICT: 2 });
  await expectLedgerInvariant(h.store, riders);
});

it('judges a burst of typed codes no further than the per-minute limits allow, the live one among them at most once', async () => {
  h.clock.now = new Date(T0.getTime() + 5 * 60_000);
  const [live] = await riderCodes('rush-live', 1);
  const wrong = (i: number) => String(10_000_000 + i * 7919).padStart(8, '0');
  const tries = STAFF.flatMap((staff, s) => Array.from({ length: 40 }, (_, i) => ({ staff, code: s === 2 && i === 20 ? live!.shortCode : wrong(s * 40 + i) })));
  const results = await Promise.all(tries.map((t) => h.raw('checkin', t.staff, { action: 'redeem', code: t.code, stationId: HQ })));
  const counts = tally(results.map(outcome));
  // Wrong guesses keep their try; the right one gives it back (honest staff are never held up by their successes).
  expect(counts.FORBIDDEN).toBeLessThanOrEqual(TYPED_CODE_LIMITS.station.perMinute);
  expect(counts.FORBIDDEN).toBeGreaterThan(0);
  expect(counts.OK ?? 0).toBeLessThanOrEqual(1);
  expect(Object.keys(counts).every((c) => ['OK', 'FORBIDDEN', 'RATE_LIMITED'].includes(c))).toBe(true);
  // Each staff member had at most their own limit of wrong guesses judged.
  for (const staff of STAFF) {
    const theirs = results.filter((r, i) => tries[i]!.staff === staff && outcome(r) === 'FORBIDDEN');
    expect(theirs.length).toBeLessThanOrEqual(TYPED_CODE_LIMITS.staff.perMinute);
  }
});
