import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { stations, type StationDoc } from '../../features/stations/collections';

/** Stations by id, a hundred per query; missing ids are left out. */
export async function stationsById(store: DocReader, ids: readonly string[]): Promise<Map<string, StationDoc>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, StationDoc>();
  for (let i = 0; i < unique.length; i += 100) {
    const page = await store.find(stations, { where: { _id: { $in: unique.slice(i, i + 100) } }, limit: 100 });
    for (const s of page.items) found.set(s._id, s);
  }
  return found;
}

/** Every station of the given committees (published or not), for a committee's report. */
export async function stationsOfOrgs(store: DocReader, orgIds: readonly string[]): Promise<StationDoc[]> {
  const all: StationDoc[] = [];
  for (let i = 0; i < orgIds.length; i += 100) all.push(...(await findAll(store, stations, { where: { orgId: { $in: orgIds.slice(i, i + 100) } } })));
  return all;
}
