/**
 * The station directory: the stations collection and the readers every feature needs. The stations feature owns the
 * station's life (apply, edit, publish); everyone else reads stations here.
 */
import type { HoursRule, LiveStatus, MealWindow, StationService } from '../../../types';
import { defineCollection, type Doc, type DocReader, type GeoPoint } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';

export interface StationDoc extends Doc {
  name: string;
  orgId: string;
  location: GeoPoint;
  address: string;
  services: StationService[];
  hours?: HoursRule[];
  meals?: MealWindow[];
  mealPartner?: string;
  /** The station's phone, sealed with the field key (an applicant's number may be personal). */
  phoneEnc?: string;
  liveStatus: LiveStatus;
  published: boolean;
  createdAt: string;
}

export const stations = defineCollection<StationDoc>({
  name: 'stations',
  geo: 'location',
  indexes: [{ fields: ['published', 'services'] }, { fields: ['orgId'] }],
});

export function getStation(store: DocReader, id: string): Promise<StationDoc | null> {
  return store.get(stations, id);
}

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
