import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkinFunction } from '../cloudfunctions/features/checkin/actions';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { buildOrg, buildPerson, buildStation } from '../tests/support/builders';
import { percentiles } from './stats';

const REDEEMS = 5000;
const RIDERS = 2500;
const STATIONS = 100;
const CONCURRENCY = 16;

/**
 * Redeems per second through the whole handler (parse, identity, role, verify, one transaction) on the embedded
 * store: riders' codes are issued up front, then REDEEMS scans run with CONCURRENCY in flight, spread over stations.
 */
export async function checkinRedeemBench(): Promise<{ perSecond: number; p95: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  // A fixed clock: codes issued up front must not expire while the bench runs.
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };

  await buildOrg(store, 'town');
  for (let s = 0; s < STATIONS; s++) {
    await buildStation(store, `st-${s}`, { orgId: 'town', lat: 30.8 + s * 0.001, lng: 120.9 });
    await buildPerson(deps, `staff-${s}`, { roles: ['staff'], stationIds: [`st-${s}`], orgId: 'town' });
  }
  for (let r = 0; r < RIDERS; r++) await buildPerson(deps, `rider-${r}`, { orgId: 'town', verified: true });

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
    for (let scan = scans[next++]; scan; scan = scans[next++]) {
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
    console.log(JSON.stringify({ redeems: REDEEMS, concurrency: CONCURRENCY, perSecond: r.perSecond, p95Ms: r.p95, goalPerSecond: 1000 })),
  );
}
