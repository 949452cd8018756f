import type { User } from '../../types/account';
import { api } from '../api';

/** A station a staff member can scan at, by id and the name to show. */
export interface StationChoice {
  id: string;
  name: string;
}

/** The stations a user scans at: none unless they are staff. */
export const staffStationIds = (user: User): string[] => (user.roles.includes('staff') ? (user.stationIds ?? []) : []);

/** A station's name, or `fallback` when it cannot be loaded. */
export async function stationName(id: string, fallback: string): Promise<string> {
  try {
    return (await api.stations.get({ id })).station.name;
  } catch {
    return fallback;
  }
}

/** Each id with its station's name (the id's `fallback(id)` when a name cannot be loaded). */
export const namedStations = (ids: string[], fallback: (id: string) => string): Promise<StationChoice[]> =>
  Promise.all(ids.map(async (id) => ({ id, name: await stationName(id, fallback(id)) })));
