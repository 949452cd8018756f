import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CHILD_CONSENT_VERSION } from '../types/childcare-labels';
import { childcareFunction } from '../cloudfunctions/features/childcare/actions';
import { seats } from '../cloudfunctions/features/childcare/collections';
import { programmes } from '../cloudfunctions/capabilities/programmes/collections';
import { newId } from '../cloudfunctions/core/crypto';
import { newSeats } from '../cloudfunctions/capabilities/seating/seating';
import type { Deps } from '../cloudfunctions/core/runtime';
import { geoPoint } from '../cloudfunctions/core/store/docstore.port';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { seededRandom } from '../server/seed/random';
import { buildOrg, buildPerson } from '../tests/support/builders';
import { weappPackageSizes } from './package-sizes';
import { percentiles, type Percentiles } from './stats';

const GUARDIANS = 200;
const SEATS = 30;
const ROUNDS = 3;
const PROGRAMMES = 5000;
const QUERIES = 1000;

async function call(deps: Deps, openid: string, event: Record<string, unknown>): Promise<unknown> {
  const res = await childcareFunction.handle(event, { openid }, deps);
  if (!res.ok) throw new Error(`${String(event.action)} failed: ${JSON.stringify(res.error)}`);
  return res.data;
}

/**
 * Through the whole handler on the embedded store: (1) 200 guardians enrol one child each into a 30-seat programme
 * all at once, three times, timing each call; (2) programmes near a rider among 5,000 programmes over Zhejiang.
 * Plus the weapp childcare and volunteer subpackages' sizes (needs npm run build:weapp).
 */
export async function childcareBench(): Promise<{
  enrol: { concurrent: number; seats: number; rounds: number; ms: Percentiles };
  near: { programmes: number; queries: number; ms: Percentiles; avgResults: number };
  subpackagesKB: { childcare?: number; volunteer?: number };
}> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };
  await buildOrg(store, 'town');
  await buildPerson(deps, 'cadre', { roles: ['cadre'], cadreOrgIds: ['town'] });
  const children: string[] = [];
  for (let g = 0; g < GUARDIANS; g++) {
    const { child } = (await call(deps, `g-${g}`, {
      action: 'addChild',
      name: '孩子',
      birthDate: '2018-05-01',
      emergencyPhone: '13800138000',
      consent: { version: CHILD_CONSENT_VERSION, accepted: true },
    })) as { child: { id: string } };
    children.push(child.id);
  }

  const enrolMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { programme } = (await call(deps, 'cadre', {
      action: 'createProgramme',
      title: `骑士班 ${round}`,
      orgId: 'town',
      site: { name: '社区中心', address: '嘉善县', location: { lat: 30.84, lng: 120.93 } },
      ageMin: 6,
      ageMax: 12,
      capacity: SEATS,
      signupOpens: '2026-11-17T00:00:00+08:00',
      signupCloses: '2026-11-20T00:00:00+08:00',
      sessions: [{ date: '2026-11-21', start: '09:00', end: '11:00', course: '围棋' }],
    })) as { programme: { id: string } };
    await Promise.all(
      children.map(async (childId, g) => {
        const started = performance.now();
        await call(deps, `g-${g}`, { action: 'enrol', programmeId: programme.id, childId });
        enrolMs.push(performance.now() - started);
      }),
    );
    const held = await store.get(seats, programme.id);
    if (held?.seated.length !== SEATS || held.waitlist.length !== GUARDIANS - SEATS) throw new Error('seat invariant broken');
  }

  const random = seededRandom(7);
  const point = () => ({ lat: 27.2 + random() * 3.9, lng: 118.1 + random() * 4.4 });
  for (let i = 0; i < PROGRAMMES; i++) {
    const id = `p${i}`;
    const day = `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`;
    await store.insert(programmes, {
      _id: id,
      title: `骑士班 ${i}`,
      orgId: 'town',
      site: { name: '场地', address: '浙江' },
      location: geoPoint(point()),
      ageMin: 6,
      ageMax: 12,
      capacity: 30,
      signupOpens: '2026-11-01T00:00:00.000Z',
      signupCloses: '2026-11-30T00:00:00.000Z',
      requiresReview: false,
      sessions: [{ date: day, start: '09:00', end: '11:00', course: '围棋' }],
      firstDate: day,
      lastDate: day,
      createdBy: 'cadre',
      createdAt: now.toISOString(),
    });
    await store.insert(seats, newSeats(id, 30));
  }
  const nearMs: number[] = [];
  let results = 0;
  for (let q = 0; q < QUERIES; q++) {
    const at = point();
    const started = performance.now();
    const { programmes: found } = (await call(deps, 'rider', { action: 'programmes', lat: at.lat, lng: at.lng, radiusM: 20_000, limit: 20 })) as {
      programmes: unknown[];
    };
    nearMs.push(performance.now() - started);
    results += found.length;
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  let sizes: Record<string, number> = {};
  try {
    sizes = weappPackageSizes();
  } catch {
    // No weapp build: sizes are left out.
  }
  return {
    enrol: { concurrent: GUARDIANS, seats: SEATS, rounds: ROUNDS, ms: percentiles(enrolMs) },
    near: { programmes: PROGRAMMES, queries: QUERIES, ms: percentiles(nearMs), avgResults: results / QUERIES },
    subpackagesKB: { childcare: sizes['packages/childcare'], volunteer: sizes['packages/volunteer'] },
  };
}

if (require.main === module) {
  childcareBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
