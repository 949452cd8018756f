import type { StationChanges } from '../../../types';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

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

export const STATIONS_COLLECTIONS = [stationChangeHolds];
