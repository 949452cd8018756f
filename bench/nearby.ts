import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATION_SERVICES, type StationService } from '../types/common';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { stations } from '../cloudfunctions/capabilities/orgs/station-directory';
import { stationDoc } from '../tests/support/builders';
import { percentiles, type Percentiles } from './stats';
import { seededRandom } from '../server/seed/random';

const STATIONS = 100_000;
const QUERIES = 2_000;

/** 100,000 stations over Zhejiang: half spread out, half clustered around twelve cities, as real stations are. */
const CITIES: [lat: number, lng: number][] = [
  [30.274, 120.155],
  [29.868, 121.544],
  [28.0, 120.672],
  [30.746, 120.755],
  [30.894, 120.087],
  [30.0, 120.58],
  [29.079, 119.647],
  [28.97, 118.859],
  [29.985, 122.207],
  [28.656, 121.42],
  [28.467, 119.923],
  [30.841, 120.926],
];

export async function nearbyBench(): Promise<{ stations: number; queries: number; ms: Percentiles; avgResults: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  const random = seededRandom(42);
  const point = (i: number) => {
    if (i % 2 === 0) return { lat: 27.2 + random() * 3.9, lng: 118.1 + random() * 4.4 };
    const [lat, lng] = CITIES[i % CITIES.length] ?? [30.841, 120.926];
    return { lat: lat + (random() - 0.5) * 0.2, lng: lng + (random() - 0.5) * 0.2 };
  };
  for (let i = 0; i < STATIONS; i++) {
    const services = STATION_SERVICES.filter(() => random() < 0.5) as StationService[];
    await store.insert(stations, {
      ...stationDoc(`b${i}`, { orgId: 'org', ...point(i), services }),
      hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '20:00' }],
    });
  }
  const timings: number[] = [];
  let results = 0;
  for (let q = 0; q < QUERIES; q++) {
    const center = point(q + 1);
    const services: StationService[] | undefined = q % 4 === 0 ? ['charging'] : undefined;
    const started = performance.now();
    const found = await store.near(stations, {
      center,
      maxDistanceM: 3000,
      limit: 20,
      where: { published: true, ...(services ? { services: { $all: services } } : {}) },
    });
    timings.push(performance.now() - started);
    results += found.length;
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { stations: STATIONS, queries: QUERIES, ms: percentiles(timings), avgResults: results / QUERIES };
}

if (require.main === module) {
  nearbyBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
