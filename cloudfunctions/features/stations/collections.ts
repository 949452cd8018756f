import type { HoursRule, LiveStatus, MealWindow, StationChanges, StationService } from '../../../types';
import { defineCollection, type Doc, type GeoPoint } from '../../core/store/docstore.port';

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

/**
 * `<stationId>`: the station's latest proposed change (a `station-change` review item). A new proposal is refused
 * while that item is still open; every proposal reads and writes this document, so two cannot both pass.
 */
export interface StationChangeHoldDoc extends Doc {
  reviewId: string;
  submittedAt: string;
  fields: (keyof StationChanges)[];
}

export const stationChangeHolds = defineCollection<StationChangeHoldDoc>({ name: 'station_change_holds', indexes: [] });

export const STATIONS_COLLECTIONS = [stations, stationChangeHolds];
