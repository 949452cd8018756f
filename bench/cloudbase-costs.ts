/**
 * What the hot actions cost on CloudBase, whose bill counts database requests: each action runs through its handler
 * on the CloudBase adapter against the local stand-in of the database API, which counts requests and write conflicts.
 * Also: 50 riders' codes redeemed at once at one station (every redeem writes that station's day document).
 *
 *   npx tsx bench/cloudbase-costs.ts
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { COLLECTIONS, FUNCTIONS } from '../cloudfunctions/functions';
import { appendEntry } from '../cloudfunctions/points/ledger';
import { buildOrg, buildPerson, buildStation } from '../tests/support/builders';
import { openTestStore, standinStats } from '../tests/support/stores';
import { percentiles, type Percentiles } from './stats';

const RUNS = 20;
const CONCURRENT = 50;

export interface ActionCost {
  requestsPerCall: number;
  conflictsPerCall: number;
  byAction: Record<string, number>;
}

export interface CloudbaseCosts {
  actions: Record<string, ActionCost>;
  concurrentRedeemsAtOneStation: { riders: number; ms: Percentiles; conflicts: number; credited: number };
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

  await buildOrg(store, 'town');
  await buildStation(store, 'st-1', { orgId: 'town' });
  await buildPerson(deps, 'admin', { roles: ['admin'] });
  await buildPerson(deps, 'staff', { roles: ['staff'], stationIds: ['st-1'] });
  await buildPerson(deps, 'cadre', { roles: ['cadre'], cadreOrgIds: ['town'] });
  const riders = await Promise.all(
    Array.from({ length: Math.max(RUNS, CONCURRENT) }, (_, i) => buildPerson(deps, `rider-${i}`, { orgId: 'town', verified: true })),
  );
  for (const r of riders) {
    await store.transaction((tx) => appendEntry(tx, { _id: `bench:${r._id}`, userId: r._id, delta: 1000, reason: 'bench', at: now.toISOString() }));
  }
  const { reward } = (await call('points', 'admin', { action: 'createReward', name: '雨衣', cost: 10, stock: 10_000 })) as { reward: { id: string } };

  /** Average requests and conflicts of `run(i)` over RUNS calls. */
  const measure = async (run: (i: number) => Promise<unknown>): Promise<ActionCost> => {
    const before = (await standinStats(opened))!;
    for (let i = 0; i < RUNS; i++) await run(i);
    const after = (await standinStats(opened))!;
    const byAction = Object.fromEntries(
      Object.entries(after.requests)
        .map(([action, n]) => [action.replace('database.', ''), Math.round(((n - (before.requests[action] ?? 0)) / RUNS) * 10) / 10] as const)
        .filter(([, n]) => n > 0),
    );
    return {
      requestsPerCall: Math.round(((after.total - before.total) / RUNS) * 10) / 10,
      conflictsPerCall: Math.round(((after.conflicts - before.conflicts) / RUNS) * 100) / 100,
      byAction,
    };
  };

  const codes: string[] = [];
  const actions: Record<string, ActionCost> = {};
  actions['checkin.issueCode'] = await measure(async (i) => codes.push(String((await call('checkin', `rider-${i}`, { action: 'issueCode' })).code)));
  actions['checkin.redeem'] = await measure((i) => call('checkin', 'staff', { action: 'redeem', code: codes[i], stationId: 'st-1' }));
  actions['points.redeemReward'] = await measure((i) =>
    call('points', `rider-${i}`, { action: 'redeemReward', rewardId: reward.id, requestId: `bench-request-${i}` }),
  );
  const claims: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    claims.push(String((await call('points', `rider-${i}`, { action: 'claim', kind: 'errand', description: '帮独居老人代买药品' })).reviewId));
  }
  actions['review.decide'] = await measure((i) => call('review', 'cadre', { action: 'decide', id: claims[i], decision: 'approve' }));
  actions['stations.nearby'] = await measure(() => call('stations', `rider-0`, { action: 'nearby', lat: 30.84, lng: 120.93 }));

  // 50 different riders' codes scanned at one station at the same moment.
  const fresh = await Promise.all(
    riders.slice(0, CONCURRENT).map(async (_, i) => String((await call('checkin', `rider-${i}`, { action: 'issueCode' })).code)),
  );
  const before = (await standinStats(opened))!;
  const timings: number[] = [];
  const results = await Promise.all(
    fresh.map(async (code) => {
      const started = performance.now();
      const res = await FUNCTIONS.checkin!.handle({ action: 'redeem', code, stationId: 'st-1' }, { openid: 'staff' }, deps);
      timings.push(performance.now() - started);
      return res;
    }),
  );
  const after = (await standinStats(opened))!;
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`concurrent redeems failed: ${JSON.stringify(failed[0])}`);
  await opened.close();
  return {
    actions,
    concurrentRedeemsAtOneStation: {
      riders: CONCURRENT,
      ms: percentiles(timings),
      conflicts: after.conflicts - before.conflicts,
      credited: results.length,
    },
  };
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
