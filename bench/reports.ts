/**
 * reports.summary for a county: 10 towns, 200 stations, 20,000 riders with three usual stations each, a year of
 * roll-ups with 1,000,000 check-ins a month (November also has its day buckets of unique riders), and 3,000 visits
 * written since the last fold. The roll-up documents are written straight to the store, as 1,000,000 check-ins a
 * month would have left them; then the action is timed through its router on the embedded store, for November and
 * for the year, with the documents it reads.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import type { Collection, Doc, DocStore } from '../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTIONS } from '../cloudfunctions/functions';
import {
  facts,
  foldMarks,
  orgDays,
  riderVisits,
  stationBuckets,
  stationDays,
  type FactDoc,
  type OrgDayDoc,
  type RiderVisitDoc,
  type StationBucketDoc,
  type StationDayDoc,
} from '../cloudfunctions/capabilities/figures/collections';
import { periodBuckets, splitPeriod } from '../cloudfunctions/features/reports/reports-rules';
import { seededRandom } from '../server/seed/random';
import { buildOrg, buildPerson, buildStation } from '../tests/support/builders';
import { percentiles, type Percentiles } from './stats';

const TOWNS = 10;
const STATIONS = 200;
const RIDERS = 20_000;
const CHECKINS_PER_MONTH = 1_000_000;
const RUNS = Number(process.env.RUNS ?? 40);
/** Facts written since the last fold: a busy county's lunch-time minutes (the scheduler folds two minutes behind). */
const UNFOLDED = Number(process.env.UNFOLDED ?? 3000);
const YEAR = 2026;

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (month: number) => new Date(Date.UTC(YEAR, month, 0)).getUTCDate();

/** Writes documents in transactions of a few thousand (the embedded store commits each in one SQLite transaction). */
async function writeAll<T extends Doc>(store: DocStore, coll: Collection<T>, docs: Iterable<T>): Promise<number> {
  let batch: T[] = [];
  let n = 0;
  const flush = async () => {
    const writing = batch;
    batch = [];
    await store.transaction(async (tx) => {
      for (const doc of writing) await tx.set(coll, doc);
    });
  };
  for (const doc of docs) {
    batch.push(doc);
    n++;
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
  return n;
}

async function seed(store: DocStore, deps: Deps): Promise<Record<string, number>> {
  const random = seededRandom(11);
  await buildOrg(store, 'county', { kind: 'district', name: '嘉善县团委' });
  const towns = Array.from({ length: TOWNS }, (_, t) => `town-${t}`);
  for (const town of towns) await buildOrg(store, town, { parentId: 'county' });
  const stationOrg = (s: number) => towns[s % TOWNS]!;
  for (let s = 0; s < STATIONS; s++) await buildStation(store, `st-${s}`, { orgId: stationOrg(s) });
  await buildPerson(deps, 'bench-cadre', { roles: ['cadre'], cadreOrgIds: ['county'] });

  // Each rider uses three stations of one town.
  const usual = Array.from({ length: RIDERS }, (_, r) => {
    const town = r % TOWNS;
    return [0, 1, 2].map(() => town + TOWNS * Math.floor(random() * (STATIONS / TOWNS)));
  });

  const written: Record<string, number> = {};
  // Riders using each station: each is seen there every month (below), so that many distinct riders a month and a year.
  const ridersAt = new Map<number, number>();
  for (const stations of usual) for (const s of new Set(stations)) ridersAt.set(s, (ridersAt.get(s) ?? 0) + 1);
  const buckets = new Map<string, StationBucketDoc>();
  const count = (s: number, bucket: string, visits: number) => {
    const id = `st-${s}:${bucket}`;
    const doc = buckets.get(id) ?? { _id: id, stationId: `st-${s}`, orgId: stationOrg(s), bucket, visits: 0, points: 0, riders: ridersAt.get(s) ?? 0 };
    buckets.set(id, { ...doc, visits: doc.visits + visits, points: doc.points + visits * 5 });
  };
  written.stationDays = await writeAll(
    store,
    stationDays,
    (function* () {
      for (let m = 1; m <= 12; m++) {
        const perStationDay = CHECKINS_PER_MONTH / daysIn(m) / STATIONS;
        for (let d = 1; d <= daysIn(m); d++) {
          for (let s = 0; s < STATIONS; s++) {
            const day = `${YEAR}-${pad(m)}-${pad(d)}`;
            const visits = Math.round(perStationDay * (0.5 + random()));
            count(s, day.slice(0, 7), visits);
            count(s, String(YEAR), visits);
            yield { _id: `st-${s}:${day}`, stationId: `st-${s}`, orgId: stationOrg(s), day, visits, points: visits * 5 } satisfies StationDayDoc;
          }
        }
      }
    })(),
  );
  written.stationBuckets = await writeAll(store, stationBuckets, buckets.values());
  written.orgDays = await writeAll(
    store,
    orgDays,
    (function* () {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= daysIn(m); d++) {
          for (const orgId of towns) {
            const day = `${YEAR}-${pad(m)}-${pad(d)}`;
            yield {
              _id: `${orgId}:${day}`,
              orgId,
              day,
              month: day.slice(0, 7),
              points: 40,
              claimsApproved: 2,
              consultations: 1,
              consult_law: 1,
              childMinutes: 240,
              volunteerHours: 3,
            } satisfies OrgDayDoc;
          }
        }
      }
    })(),
  );
  // Month and year buckets: every rider at each usual station every month. November's days: as many first visits a
  // day as a million check-ins a month make (a rider's repeat visits to a station the same day add none).
  const visit = (bucket: string, r: number, s: number): RiderVisitDoc => ({
    _id: `${bucket}:st-${s}:r${r}`,
    bucket,
    orgId: stationOrg(s),
    stationId: `st-${s}`,
    riderId: `r${r}`,
  });
  written.riderVisits = await writeAll(
    store,
    riderVisits,
    (function* () {
      for (let r = 0; r < RIDERS; r++) {
        for (const s of new Set(usual[r])) {
          yield visit(String(YEAR), r, s);
          for (let m = 1; m <= 12; m++) yield visit(`${YEAR}-${pad(m)}`, r, s);
        }
      }
      const perDay = Math.round((CHECKINS_PER_MONTH / 30) * 0.8);
      for (let d = 1; d <= 30; d++) {
        const seen = new Set<string>();
        for (let i = 0; i < perDay; i++) {
          const r = Math.floor(random() * RIDERS);
          const s = usual[r]![Math.floor(random() * 3)]!;
          if (seen.has(`${r}:${s}`)) continue;
          seen.add(`${r}:${s}`);
          yield visit(`${YEAR}-11-${pad(d)}`, r, s);
        }
      }
    })(),
  );
  // The scheduler folds every minute or so, two minutes behind: a lunch rush leaves a few thousand facts unfolded.
  const mark = `${YEAR}-11-30T04:00:00.000Z`;
  await store.insert(foldMarks, { _id: 'facts', at: mark, factId: '', version: 1 });
  written.unfoldedFacts = await writeAll(
    store,
    facts,
    (function* () {
      for (let i = 0; i < UNFOLDED; i++) {
        const r = Math.floor(random() * RIDERS);
        const s = usual[r]![Math.floor(random() * 3)]!;
        const at = new Date(Date.parse(mark) + 1 + i * 30).toISOString();
        yield {
          _id: `visit:bench-${i}`,
          orgId: stationOrg(s),
          day: `${YEAR}-11-30`,
          at,
          stationId: `st-${s}`,
          riderId: `r${r}`,
          visits: 1,
          visitPoints: 5,
        } satisfies FactDoc;
      }
    })(),
  );
  return written;
}

interface PeriodResult {
  ms: Percentiles;
  /** Roll-up documents the queries match (each grouped query reads them in the store, never in the function). */
  documentsRead: Record<string, number>;
  visits: number;
  uniqueRiders: number;
}

export async function reportsBench(): Promise<{ seeded: Record<string, number>; month: PeriodResult; year: PeriodResult; elevenDays: PeriodResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-reports-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  await store.ensureCollections(COLLECTIONS);
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => new Date(`${YEAR}-12-01T02:00:00Z`), newId };
  const seeded = await seed(store, deps);
  const router = FUNCTIONS.reports!;
  const towns = Array.from({ length: TOWNS }, (_, t) => `town-${t}`);

  const measure = async (from: string, to: string): Promise<PeriodResult> => {
    const timings: number[] = [];
    let data: { visits: number; uniqueRiders: number } | undefined;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await router.handle({ action: 'summary', orgId: 'county', from, to }, { openid: 'bench-cadre' }, deps);
      timings.push(performance.now() - started);
      if (!res.ok) throw new Error(res.error.message);
      data = res.data as { visits: number; uniqueRiders: number };
    }
    const inScope = { $in: ['county', ...towns] };
    const buckets = periodBuckets(from, to);
    const { months, days } = splitPeriod(from, to);
    let stationDaysRead = 0;
    for (const [a, b] of days) stationDaysRead += await store.count(stationDays, { orgId: inScope, day: { $gte: a, $lte: b } });
    const long = [...new Set([...months, ...buckets.filter((b) => b.length < 10)])];
    const documentsRead = {
      stationBuckets: long.length ? await store.count(stationBuckets, { orgId: inScope, bucket: { $in: long } }) : 0,
      stationDays: stationDaysRead,
      orgDays: await store.count(orgDays, { orgId: inScope, day: { $gte: from, $lte: to } }),
      riderVisits: await store.count(riderVisits, { orgId: inScope, bucket: { $in: buckets } }),
      unfoldedFacts: await store.count(facts, { orgId: inScope, at: { $gt: '' } }),
    };
    return { ms: percentiles(timings.slice(2)), documentsRead, visits: data?.visits ?? 0, uniqueRiders: data?.uniqueRiders ?? 0 };
  };

  const month = await measure(`${YEAR}-11-01`, `${YEAR}-11-30`);
  const year = await measure(`${YEAR}-01-01`, `${YEAR}-12-31`);
  const elevenDays = await measure(`${YEAR}-11-10`, `${YEAR}-11-20`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { seeded, month, year, elevenDays };
}

if (require.main === module) {
  reportsBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
