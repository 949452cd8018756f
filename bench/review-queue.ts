import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { newId } from '../cloudfunctions/core/crypto';
import { FUNCTIONS } from '../cloudfunctions/functions';
import type { Deps } from '../cloudfunctions/core/runtime';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { userIdOf } from '../cloudfunctions/core/identity';
import { reviews } from '../cloudfunctions/capabilities/review/collections';
import { buildOrg, buildPerson } from '../tests/support/builders';
import { percentiles } from './stats';
import { seededRandom } from '../server/seed/random';

const ITEMS = 10_000;
const CALLS = 500;
const SUBMITTERS = 500;
const HOUR = 3_600_000;

/** 50 committees: a city, 4 counties, and 45 towns / industry committees below them (12, 11, 11, 11). */
interface Committee {
  id: string;
  name: string;
  kind: 'district' | 'town' | 'industry';
  parentId?: string;
}

function committees(): Committee[] {
  const orgs: Committee[] = [{ id: 'city', name: '市团委', kind: 'district' }];
  const towns = [12, 11, 11, 11];
  towns.forEach((n, c) => {
    orgs.push({ id: `county-${c}`, name: `县团委 ${c}`, kind: 'district', parentId: 'city' });
    for (let t = 0; t < n; t++) {
      orgs.push({ id: `town-${c}-${t}`, name: `镇团委 ${c}-${t}`, kind: t === n - 1 ? 'industry' : 'town', parentId: `county-${c}` });
    }
  });
  return orgs;
}

export async function reviewQueueBench(): Promise<{ p50: number; p95: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };
  const random = seededRandom(7);
  const orgs = committees();
  const leaves = orgs.filter((o) => o.id.startsWith('town-'));
  const kinds = [
    { kind: 'station' as const, dueHours: 7 * 24 },
    { kind: 'verification' as const, dueHours: 24 },
    { kind: 'claim' as const, dueHours: 72 },
  ];

  for (const { id, ...o } of orgs) await buildOrg(store, id, o);
  for (let i = 0; i < SUBMITTERS; i++) await buildPerson(deps, `rider-${i}`, { orgId: leaves[i % leaves.length]!.id });
  await buildPerson(deps, 'town-cadre', { roles: ['cadre'], cadreOrgIds: ['town-0-0'] });
  await buildPerson(deps, 'county-cadre', { roles: ['cadre'], cadreOrgIds: ['county-0'] });
  await buildPerson(deps, 'admin', { roles: ['admin'] });
  await store.transaction(async (tx) => {
    for (let i = 0; i < ITEMS; i++) {
      // Mostly on towns, some filed with the county itself; submitted over the last 10 days.
      const orgId = random() < 0.1 ? `county-${Math.floor(random() * 4)}` : leaves[Math.floor(random() * leaves.length)]!.id;
      const k = kinds[i % kinds.length]!;
      const submittedAt = new Date(now.getTime() - random() * 10 * 24 * HOUR);
      const submitter = userIdOf(`rider-${Math.floor(random() * SUBMITTERS)}`, deps.secrets.fieldKey);
      await tx.insert(reviews, {
        _id: `r${i}`,
        kind: k.kind,
        status: random() < 0.15 ? 'needs-info' : 'pending',
        orgId,
        title: `申请 ${i}`,
        submitterId: submitter,
        submittedAt: submittedAt.toISOString(),
        dueAt: new Date(submittedAt.getTime() + k.dueHours * HOUR).toISOString(),
        payload: { name: `申请 ${i}`, address: '浙江省嘉兴市', services: ['rest', 'water'] },
        history: [{ at: submittedAt.toISOString(), byId: submitter, byName: submitter, action: 'submitted' }],
      });
    }
  });

  const callers = ['town-cadre', 'county-cadre', 'admin'];
  const call = (i: number) =>
    FUNCTIONS.review!.handle({ action: 'queue', limit: 20, ...(i % 5 === 4 ? { kind: 'claim' } : {}) }, { openid: callers[i % callers.length] }, deps);
  for (let i = 0; i < 30; i++) await call(i); // warm up statement caches and the JIT

  const timings: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const res = await call(i);
    timings.push(performance.now() - started);
    if (!res.ok || (res.data as { items: unknown[] }).items.length !== 20) throw new Error(`queue call failed: ${JSON.stringify(res)}`);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_DETAIL) {
    for (const [i, c] of callers.entries()) console.log(c, percentiles(timings.filter((_, j) => j % callers.length === i)));
  }
  const { p50, p95 } = percentiles(timings);
  return { p50, p95 };
}

if (require.main === module) {
  reviewQueueBench().then((r) => console.log(JSON.stringify({ items: ITEMS, committees: 50, calls: CALLS, ms: r, goalP95: 20 })));
}
