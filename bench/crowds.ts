/**
 * The crowds of seats, quotas and stock, through the handlers on the CloudBase adapter against the local stand-in of
 * its database API (as bench/cloudbase-costs.ts runs them), at a round trip of 0, 10 or 25 ms (± 40 %) a database
 * request: each crowd's answers by outcome and the p50/p95 of its calls (the setup is not timed). Also the database
 * requests one uncontended call of each of these actions makes.
 *
 *   npx tsx bench/crowds.ts [latencyMs…]
 */
import { randomBytes } from 'node:crypto';
import type { Envelope } from '../types';
import { CHILD_CONSENT_VERSION } from '../types/childcare-labels';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { COLLECTIONS, FUNCTIONS } from '../cloudfunctions/functions';
import { appendEntry } from '../cloudfunctions/capabilities/ledger/ledger';
import { buildOrg, buildPerson, buildReward, buildStation } from '../tests/support/builders';
import { openTestStore, standinStats, type TestStore } from '../tests/support/stores';
import { measured, type ActionCost } from './cloudbase-costs';
import { percentiles } from './stats';

export interface CrowdResult {
  /** How many calls got each answer: the outcome of a success, or `CODE message` of a refusal. */
  answers: Record<string, number>;
  p50: number;
  p95: number;
  /** Database requests the crowd's calls made in all. */
  requests: number;
}

export type Crowd = (latencyMs: number) => Promise<CrowdResult>;

// Wednesday 18 November 2026, 10:00 in Shanghai: the meal window below is open, sign-ups too.
const NOW = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'town';
const SITE = 'st-1';

type Event = Record<string, unknown> & { action: string };

interface World {
  opened: TestStore;
  deps: Deps;
  raw(fn: string, openid: string, event: Event): Promise<Envelope<unknown>>;
  call<T = Record<string, unknown>>(fn: string, openid: string, event: Event): Promise<T>;
}

/** A fresh CloudBase environment on the stand-in taking `latencyMs` ± 40 % a request, with a committee, a station and its people. */
async function world(latencyMs: number): Promise<World> {
  const opened = await openTestStore('cloudbase', COLLECTIONS, latencyMs > 0 ? { latency: { ms: latencyMs, jitter: 0.4 } } : {});
  const deps: Deps = { store: opened.store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => NOW, newId, adminOpenid: 'admin' };
  const raw = (fn: string, openid: string, event: Event) => FUNCTIONS[fn]!.handle(event, { openid }, deps);
  const call = async <T>(fn: string, openid: string, event: Event) => {
    const res = await raw(fn, openid, event);
    if (!res.ok) throw new Error(`${fn}.${event.action}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  await buildOrg(opened.store, TOWN);
  await buildStation(opened.store, SITE, { orgId: TOWN, meals: [{ start: '09:30', end: '13:30', quota: 10 }] });
  await Promise.all([
    buildPerson(deps, 'admin', { roles: ['admin'] }),
    buildPerson(deps, 'cadre', { roles: ['cadre'], cadreOrgIds: [TOWN] }),
    buildPerson(deps, 'staff', { roles: ['staff'], stationIds: [SITE] }),
  ]);
  return { opened, deps, raw, call };
}

/** What one answer counts as: a success's status (or `ok`), a refusal's code and message. */
function outcomeOf(res: Envelope<unknown>): string {
  if (!res.ok) return `${res.error.code} ${res.error.message}`;
  const data = res.data as Record<string, { status?: string } | undefined>;
  return data.enrolment?.status ?? data.signup?.status ?? data.booking?.status ?? 'ok';
}

/** Runs the calls at once, timing each. */
async function crowd(w: World, calls: (() => Promise<Envelope<unknown>>)[]): Promise<CrowdResult> {
  const before = (await standinStats(w.opened))!.total;
  const ms: number[] = [];
  const results = await Promise.all(
    calls.map(async (run) => {
      const started = performance.now();
      const res = await run();
      ms.push(performance.now() - started);
      return res;
    }),
  );
  const answers: Record<string, number> = {};
  for (const res of results) answers[outcomeOf(res)] = (answers[outcomeOf(res)] ?? 0) + 1;
  const { p50, p95 } = percentiles(ms);
  return { answers, p50: Math.round(p50), p95: Math.round(p95), requests: (await standinStats(w.opened))!.total - before };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function within<T>(latencyMs: number, run: (w: World) => Promise<T>): Promise<T> {
  const w = await world(latencyMs);
  try {
    return await run(w);
  } finally {
    await w.opened.close();
  }
}

function activityInput(capacity: number): Event {
  return {
    action: 'create',
    title: '青年夜校',
    kind: 'class',
    orgId: TOWN,
    venue: { name: '驿站', address: '嘉善县', location: { lat: 30.84, lng: 120.93 }, stationId: SITE },
    start: '2026-11-18T19:00:00+08:00',
    end: '2026-11-18T20:30:00+08:00',
    capacity,
    gives: { points: 0, certificate: false, pack: false },
  };
}

function programmeInput(capacity: number): Event {
  return {
    action: 'createProgramme',
    title: '寒假骑士班',
    orgId: TOWN,
    site: { name: '社区中心', address: '嘉善县', location: { lat: 30.84, lng: 120.93 } },
    ageMin: 6,
    ageMax: 12,
    capacity,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-20T20:00:00+08:00',
    sessions: [{ date: '2026-11-21', start: '09:00', end: '11:00', course: '围棋' }],
  };
}

/** A child for each guardian: [guardian, childId]. */
function childrenOf(w: World, guardians: string[]): Promise<[string, string][]> {
  const child = {
    action: 'addChild',
    name: '小骑',
    birthDate: '2018-05-01',
    emergencyPhone: '13800138000',
    consent: { version: CHILD_CONSENT_VERSION, accepted: true },
  };
  return Promise.all(guardians.map(async (g) => [g, (await w.call<{ child: { id: string } }>('childcare', g, child)).child.id] as [string, string]));
}

async function ridersWithPoints(w: World, prefix: string, n: number, points: number): Promise<string[]> {
  return Promise.all(
    range(n).map(async (i) => {
      const rider = await buildPerson(w.deps, `${prefix}-${i}`);
      await w.opened.store.transaction((tx) =>
        appendEntry(tx, { _id: `grant:${rider._id}`, userId: rider._id, delta: points, reason: 'bench', at: NOW.toISOString() }),
      );
      return `${prefix}-${i}`;
    }),
  );
}

async function oneSlot(w: World): Promise<string> {
  await w.call('consult', 'admin', { action: 'addCounsellor', openid: 'counsellor', name: '张律师', categories: ['law'], orgId: TOWN });
  const start = new Date(NOW.getTime() + 26 * 3_600_000);
  const out = await w.call<{ slots: { id: string }[] }>('consult', 'counsellor', {
    action: 'publishSlots',
    slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), modes: ['phone'] }],
  });
  return out.slots[0]!.id;
}

/** A round in its voting days with one shortlisted nominee; `voters` verified riders of the committee. */
async function votingRound(w: World, voters: number): Promise<{ roundId: string; nomineeId: string }> {
  const nominee = await buildPerson(w.deps, 'nominee', { orgId: TOWN, verified: true });
  await Promise.all(range(voters).map((i) => buildPerson(w.deps, `voter-${i}`, { orgId: TOWN, verified: true })));
  const { round } = await w.call<{ round: { id: string } }>('voice', 'cadre', {
    action: 'openRound',
    orgId: TOWN,
    title: '最美骑手',
    startsOn: '2026-11-18',
    endsOn: '2026-11-30',
    winners: 1,
  });
  await w.call('voice', 'voter-0', { action: 'nominate', roundId: round.id, nomineeId: nominee._id, story: '风雨无阻，帮独居老人代买药品。' });
  await w.call('voice', 'nominee', { action: 'answerNomination', roundId: round.id, accept: true });
  await w.call('voice', 'cadre', { action: 'shortlist', roundId: round.id, nomineeIds: [nominee._id] });
  return { roundId: round.id, nomineeId: nominee._id };
}

/** 40 riders sign up at once for a 5-seat class. */
export const classCrowd: Crowd = (latencyMs) =>
  within(latencyMs, async (w) => {
    const { activity } = await w.call<{ activity: { id: string } }>('activities', 'cadre', activityInput(5));
    return crowd(
      w,
      range(40).map((i) => () => w.raw('activities', `rider-${i}`, { action: 'signUp', activityId: activity.id })),
    );
  });

async function enrolCrowd(latencyMs: number, guardians: number, capacity: number): Promise<CrowdResult> {
  return within(latencyMs, async (w) => {
    const { programme } = await w.call<{ programme: { id: string } }>('childcare', 'cadre', programmeInput(capacity));
    const kids = await childrenOf(
      w,
      range(guardians).map((i) => `guardian-${i}`),
    );
    return crowd(
      w,
      kids.map(
        ([g, childId]) =>
          () =>
            w.raw('childcare', g, { action: 'enrol', programmeId: programme.id, childId }),
      ),
    );
  });
}

/** 40 guardians enrol a child each at once into 8 childcare seats. */
export const childcareCrowd: Crowd = (latencyMs) => enrolCrowd(latencyMs, 40, 8);

/** 200 guardians enrol a child each at once into 30 childcare seats. */
export const childcareRush: Crowd = (latencyMs) => enrolCrowd(latencyMs, 200, 30);

/** 60 riders book at once when a window of 10 free meals opens. */
export const mealCrowd: Crowd = (latencyMs) =>
  within(latencyMs, (w) =>
    crowd(
      w,
      range(60).map((i) => () => w.raw('activities', `rider-${i}`, { action: 'bookMeal', stationId: SITE, window: 0 })),
    ),
  );

/** 20 riders' codes scanned at once at a station with 3 care packs. */
export const carePackCrowd: Crowd = (latencyMs) =>
  within(latencyMs, async (w) => {
    const { campaign } = await w.call<{ campaign: { id: string } }>('activities', 'cadre', {
      action: 'createCampaign',
      title: '冬日递暖',
      kind: 'winter',
      orgId: TOWN,
      verifiedOnly: false,
      stations: [{ stationId: SITE, stock: 3 }],
    });
    const codes = await Promise.all(range(20).map(async (i) => (await w.call<{ code: string }>('checkin', `rider-${i}`, { action: 'issueCode' })).code));
    return crowd(
      w,
      codes.map((code) => () => w.raw('activities', 'staff', { action: 'handOut', campaignId: campaign.id, stationId: SITE, code })),
    );
  });

/** 100 riders with enough points redeem at once a reward with 10 in stock. */
export const rewardRush: Crowd = (latencyMs) =>
  within(latencyMs, async (w) => {
    const riders = await ridersWithPoints(w, 'rider', 100, 80);
    await buildReward(w.opened.store, 'reward', { cost: 50, stock: 10 });
    return crowd(
      w,
      riders.map((r) => () => w.raw('points', r, { action: 'redeemReward', rewardId: 'reward', requestId: `request-${r}` })),
    );
  });

/** 50 riders book one consultation slot at once. */
export const slotCrowd: Crowd = (latencyMs) =>
  within(latencyMs, async (w) => {
    const slotId = await oneSlot(w);
    return crowd(
      w,
      range(50).map((i) => () => w.raw('consult', `rider-${i}`, { action: 'book', slotId, category: 'law', mode: 'phone', topic: '工资被拖欠' })),
    );
  });

/** 20 riders vote at once for the same nominee. */
export const voteCrowd: Crowd = (latencyMs) =>
  within(latencyMs, async (w) => {
    const { roundId, nomineeId } = await votingRound(w, 20);
    return crowd(
      w,
      range(20).map((i) => () => w.raw('voice', `voter-${i}`, { action: 'vote', roundId, nomineeId })),
    );
  });

export const CROWDS: Record<string, Crowd> = {
  '40 riders for a 5-seat class': classCrowd,
  '40 children for 8 childcare seats': childcareCrowd,
  '200 guardians for 30 childcare seats': childcareRush,
  '60 riders for 10 free meals': mealCrowd,
  '20 scans for 3 care packs': carePackCrowd,
  '100 riders for a 10-stock reward': rewardRush,
  '50 riders for one consultation slot': slotCrowd,
  '20 votes for one nominee': voteCrowd,
};

/** Every crowd at every latency: { crowd: { "<ms> ms": result } }. */
export async function crowds(latencies: readonly number[] = [0, 10, 25]): Promise<Record<string, Record<string, CrowdResult>>> {
  const out: Record<string, Record<string, CrowdResult>> = {};
  for (const [name, run] of Object.entries(CROWDS)) {
    out[name] = {};
    for (const ms of latencies) out[name][`${ms} ms`] = await run(ms);
  }
  return out;
}

/**
 * The database requests one uncontended call makes (averaged over a few calls each, by cloudbase-costs.ts's
 * `measured`): enrol (childcare), signUp (activities), bookMeal, redeemReward, book (consult), vote.
 */
export async function seatingCosts(runs = 5): Promise<Record<string, ActionCost>> {
  return within(0, async (w) => {
    const average = (run: (i: number) => Promise<unknown>) => measured(w.opened, runs, run);
    const { programme } = await w.call<{ programme: { id: string } }>('childcare', 'cadre', programmeInput(100));
    const kids = await childrenOf(
      w,
      range(runs).map((i) => `guardian-${i}`),
    );
    const { activity } = await w.call<{ activity: { id: string } }>('activities', 'cadre', activityInput(100));
    const riders = await ridersWithPoints(w, 'rider', runs, 100);
    await buildReward(w.opened.store, 'reward', { cost: 10, stock: 100 });
    // The window's quota document is made by the day's first booking: make it first, as the lunch rush finds it.
    await w.call('activities', 'first-booker', { action: 'bookMeal', stationId: SITE, window: 0 });
    await w.call('consult', 'admin', { action: 'addCounsellor', openid: 'counsellor', name: '张律师', categories: ['law'], orgId: TOWN });
    const starts = range(runs).map((i) => new Date(NOW.getTime() + (26 + i) * 3_600_000));
    const published = await w.call<{ slots: { id: string }[] }>('consult', 'counsellor', {
      action: 'publishSlots',
      slots: starts.map((start) => ({ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), modes: ['phone'] })),
    });
    const { roundId, nomineeId } = await votingRound(w, runs);
    return {
      'childcare.enrol': await average((i) => w.call('childcare', kids[i]![0], { action: 'enrol', programmeId: programme.id, childId: kids[i]![1] })),
      'activities.signUp': await average((i) => w.call('activities', riders[i]!, { action: 'signUp', activityId: activity.id })),
      'activities.bookMeal': await average((i) => w.call('activities', riders[i]!, { action: 'bookMeal', stationId: SITE, window: 0 })),
      'points.redeemReward': await average((i) => w.call('points', riders[i]!, { action: 'redeemReward', rewardId: 'reward', requestId: `cost-${i}-request` })),
      'consult.book': await average((i) =>
        w.call('consult', riders[i]!, { action: 'book', slotId: published.slots[i]!.id, category: 'law', mode: 'phone', topic: '工资被拖欠' }),
      ),
      'voice.vote': await average((i) => w.call('voice', `voter-${i}`, { action: 'vote', roundId, nomineeId })),
    };
  });
}

if (require.main === module) {
  const latencies = process.argv.slice(2).map(Number);
  (async () => ({ requestsPerCall: await seatingCosts(), crowds: await crowds(latencies.length ? latencies : undefined) }))()
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
