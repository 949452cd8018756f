/**
 * What the hot actions cost on CloudBase, whose bill counts database requests: each action runs through its handler
 * on the CloudBase adapter against the local stand-in of the database API, which counts requests and write conflicts.
 * From those: a check-in end to end, the fold of the figures per check-in, and a county's and a province's month.
 *
 *   npx tsx bench/cloudbase-costs.ts
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { COLLECTIONS, FUNCTIONS } from '../cloudfunctions/functions';
import { appendEntry } from '../cloudfunctions/capabilities/ledger/ledger';
import { facts, riderVisits } from '../cloudfunctions/capabilities/figures/collections';
import { foldFacts } from '../cloudfunctions/capabilities/figures/fold';
import { buildOrg, buildPerson, buildStation } from '../tests/support/builders';
import { openTestStore, standinStats, type TestStore } from '../tests/support/stores';

const RUNS = 20;

export interface ActionCost {
  requestsPerCall: number;
  conflictsPerCall: number;
  byAction: Record<string, number>;
}

export interface CloudbaseCosts {
  actions: Record<string, ActionCost>;
  /** One check-in as the rider and the staff make it: the code, the screen's polls until it sees the scan, the redeem. */
  checkinEndToEnd: { issueCode: number; codeStatusPolls: number; codeStatus: number; redeem: number; total: number };
  /** The scheduler's fold of the figures, per check-in folded (a county's lunch hour at 200 stations, mid-month). */
  foldPerCheckin: number;
  /** A county of 200 stations with 1,000,000 check-ins a month. */
  countyMonth: { checkins: number; requests: number; perCheckin: number };
  /** A province of 231,000 check-ins a day at ten times the average rate, against one environment's 500 QPS. */
  provincePeak: { checkinsPerDay: number; averageQps: number; peakQps: number; fitsIn500Qps: boolean };
}

/** Requests the code screen makes while the rider waits to be scanned: it polls at 2, 5 and 9.5 s (backing off), scanned at ~6 s. */
const POLLS_BEFORE_SEEN = 3;

/** Counts the requests and conflicts a function makes against the stand-in, averaged over calls. */
export async function measured(opened: TestStore, calls: number, run: (i: number) => Promise<unknown>): Promise<ActionCost> {
  const before = (await standinStats(opened))!;
  for (let i = 0; i < calls; i++) await run(i);
  const after = (await standinStats(opened))!;
  const byAction = Object.fromEntries(
    Object.entries(after.requests)
      .map(([action, n]) => [action.replace('database.', ''), Math.round(((n - (before.requests[action] ?? 0)) / calls) * 10) / 10] as const)
      .filter(([, n]) => n > 0),
  );
  return {
    requestsPerCall: Math.round(((after.total - before.total) / calls) * 10) / 10,
    conflictsPerCall: Math.round(((after.conflicts - before.conflicts) / calls) * 100) / 100,
    byAction,
  };
}

export async function cloudbaseCosts(): Promise<CloudbaseCosts> {
  const opened = await openTestStore('cloudbase', COLLECTIONS);
  const { store } = opened;
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId, adminOpenid: 'admin' };
  const call = async (fn: string, openid: string, event: Record<string, unknown>) => {
    const res = await FUNCTIONS[fn]!.handle(event, { openid }, deps);
    if (!res.ok) throw new Error(`${fn}.${String(event.action)}: ${res.error.code} ${res.error.message}`);
    return res.data as Record<string, unknown>;
  };
  const measure = (run: (i: number) => Promise<unknown>) => measured(opened, RUNS, run);

  await buildOrg(store, 'county', { kind: 'district' });
  await buildOrg(store, 'town', { parentId: 'county' });
  await buildStation(store, 'st-1', { orgId: 'town' });
  await buildPerson(deps, 'admin', { roles: ['admin'] });
  await buildPerson(deps, 'staff', { roles: ['staff'], stationIds: ['st-1'] });
  await buildPerson(deps, 'cadre', { roles: ['cadre'], cadreOrgIds: ['town'] });
  const riders = await Promise.all(Array.from({ length: RUNS }, (_, i) => buildPerson(deps, `rider-${i}`, { orgId: 'town', verified: true })));
  for (const r of riders) {
    await store.transaction((tx) => appendEntry(tx, { _id: `bench:${r._id}`, userId: r._id, delta: 1000, reason: 'bench', at: now.toISOString() }));
  }
  const { reward } = (await call('points', 'admin', { action: 'createReward', name: '雨衣', cost: 10, stock: 10_000 })) as { reward: { id: string } };

  const codes: string[] = [];
  const actions: Record<string, ActionCost> = {};
  actions['checkin.issueCode'] = await measure(async (i) => codes.push(String((await call('checkin', `rider-${i}`, { action: 'issueCode' })).code)));
  actions['checkin.codeStatus'] = await measure((i) => call('checkin', `rider-${i}`, { action: 'codeStatus', code: codes[i] }));
  actions['checkin.redeem'] = await measure((i) => call('checkin', 'staff', { action: 'redeem', code: codes[i], stationId: 'st-1' }));
  actions['points.redeemReward'] = await measure((i) =>
    call('points', `rider-${i}`, { action: 'redeemReward', rewardId: reward.id, requestId: `bench-request-${i}` }),
  );
  const claims: string[] = [];
  for (let i = 0; i < RUNS; i++)
    claims.push(String((await call('points', `rider-${i}`, { action: 'claim', kind: 'errand', description: '帮独居老人代买药品' })).reviewId));
  actions['review.decide'] = await measure((i) => call('review', 'cadre', { action: 'decide', id: claims[i], decision: 'approve' }));
  actions['stations.nearby'] = await measure(() => call('stations', 'rider-0', { action: 'nearby', lat: 30.84, lng: 120.93 }));
  actions['reports.summary'] = await measure(() => call('reports', 'cadre', { action: 'summary', orgId: 'town', from: '2026-11-01', to: '2026-11-30' }));

  const fold = await foldCost(opened);
  await opened.close();

  const perPoll = actions['checkin.codeStatus']!.requestsPerCall;
  const endToEnd = {
    issueCode: actions['checkin.issueCode']!.requestsPerCall,
    codeStatusPolls: POLLS_BEFORE_SEEN,
    codeStatus: perPoll,
    redeem: actions['checkin.redeem']!.requestsPerCall,
    total: 0,
  };
  endToEnd.total = endToEnd.issueCode + POLLS_BEFORE_SEEN * perPoll + endToEnd.redeem;
  const perCheckin = Math.round((endToEnd.total + fold) * 10) / 10;
  const provinceDaily = 231_000;
  const averageQps = (provinceDaily * endToEnd.total) / 86_400;
  return {
    actions,
    checkinEndToEnd: endToEnd,
    foldPerCheckin: fold,
    countyMonth: { checkins: 1_000_000, requests: Math.round(1_000_000 * perCheckin), perCheckin },
    provincePeak: {
      checkinsPerDay: provinceDaily,
      averageQps: Math.round(averageQps * 10) / 10,
      peakQps: Math.round(averageQps * 100) / 10,
      fitsIn500Qps: averageQps * 10 <= 500,
    },
  };
}

/**
 * The scheduler folding a county's lunch hour: 2,000 check-ins at 200 stations by 1,500 riders in the middle of a month,
 * when each rider's usual stations have their month's and year's visit already (so what is new is the day's visit).
 * Answers requests per check-in folded.
 */
async function foldCost(opened: TestStore): Promise<number> {
  const { store } = opened;
  const checkins = 2000;
  const at = Date.parse('2026-11-18T04:00:00.000Z');
  const place = (i: number) => ({ stationId: `st-fold-${i % 200}`, riderId: `r-${(i * 7) % 1500}` });
  const seen = new Set<string>();
  for (let i = 0; i < checkins; i++) {
    const { stationId, riderId } = place(i);
    for (const bucket of ['2026-11', '2026']) {
      const id = `${bucket}:${stationId}:${riderId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      await store.insert(riderVisits, { _id: id, bucket, orgId: 'town', stationId, riderId });
    }
  }
  for (let i = 0; i < checkins; i++) {
    await store.insert(facts, {
      _id: `visit:fold-${i}`,
      orgId: 'town',
      day: '2026-11-18',
      at: new Date(at + i * 1800).toISOString(),
      ...place(i),
      visits: 1,
      visitPoints: 5,
    });
  }
  let folded = 0;
  const cost = await measured(opened, 1, async () => {
    folded = await foldFacts(store, new Date(at + 3 * 3_600_000));
  });
  return Math.round((cost.requestsPerCall / Math.max(1, folded)) * 100) / 100;
}

if (require.main === module) {
  cloudbaseCosts()
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
