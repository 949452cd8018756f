import type { HoursRule, LiveStatus, MealWindow, StationService } from '../../types';
import { defineCollection, type Doc, type GeoPoint } from '../core/store/docstore.port';

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

export const STATIONS_COLLECTIONS = [stations];
