import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkinFunction } from '../cloudfunctions/checkin/actions';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { openSqliteStore } from '../cloudfunctions/core/store/sqlite/store.sqlite';
import type { UserRecord } from '../cloudfunctions/core/store/store.port';
import { percentiles } from './stats';

const REDEEMS = 5000;
const RIDERS = 2500;
const STATIONS = 100;
const CONCURRENCY = 16;

function user(openid: string, roles: UserRecord['roles'], stationIds: string[] = []): UserRecord {
  return {
    id: `u-${openid}`,
    openid,
    roles,
    displayName: openid,
    orgId: 'town',
    stationIds,
    cadreOrgIds: [],
    verified: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * Redeems per second through the whole handler (parse, identity, role, verify, one transaction) on the embedded
 * store: riders' codes are issued up front, then REDEEMS scans run with CONCURRENCY in flight, spread over stations.
 */
export async function checkinRedeemBench(): Promise<{ perSecond: number; p95: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteStore({ path: join(dir, 'bench.db') });
  // A fixed clock: codes issued up front must not expire while the bench runs.
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };

  await store.transaction(async (tx) => {
    await tx.orgs.insert({ id: 'town', name: '镇团委', kind: 'town' });
    for (let s = 0; s < STATIONS; s++) {
      await tx.stations.insert({
        id: `st-${s}`,
        name: `驿站 ${s}`,
        orgId: 'town',
        location: { lat: 30.8 + s * 0.001, lng: 120.9 },
        address: '嘉善县',
        services: ['rest'],
        liveStatus: 'open',
        published: true,
        createdAt: now.toISOString(),
      });
      await tx.users.insert(user(`staff-${s}`, ['rider', 'staff'], [`st-${s}`]));
    }
    for (let r = 0; r < RIDERS; r++) await tx.users.insert(user(`rider-${r}`, ['rider']));
  });

  const scans: { code: string; station: number }[] = [];
  for (let i = 0; i < REDEEMS; i++) {
    const res = await checkinFunction.handle({ action: 'issueCode' }, { openid: `rider-${i % RIDERS}` }, deps);
    if (!res.ok) throw new Error(`issueCode failed: ${JSON.stringify(res)}`);
    const data = res.data as { code: string; shortCode: string };
    // Every fifth scan is a typed short code.
    scans.push({ code: i % 5 === 4 ? data.shortCode : data.code, station: (i * 7) % STATIONS });
  }

  const timings: number[] = [];
  let next = 0;
  let credited = 0;
  const worker = async () => {
    while (next < scans.length) {
      const scan = scans[next++];
      const started = performance.now();
      const res = await checkinFunction.handle(
        { action: 'redeem', code: scan.code, stationId: `st-${scan.station}` },
        { openid: `staff-${scan.station}` },
        deps,
      );
      timings.push(performance.now() - started);
      if (!res.ok) throw new Error(`redeem failed: ${JSON.stringify(res)}`);
      if ((res.data as { pointsAwarded: number }).pointsAwarded > 0) credited += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;

  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_DETAIL) console.log({ credited, ...percentiles(timings) });
  return { perSecond: Math.round(REDEEMS / seconds), p95: percentiles(timings).p95 };
}

if (require.main === module) {
  checkinRedeemBench().then((r) =>
    console.log(JSON.stringify({ redeems: REDEEMS, concurrency: CONCURRENCY, perSecond: r.perSecond, p95Ms: r.p95, goalPerSecond: 500 })),
  );
}
