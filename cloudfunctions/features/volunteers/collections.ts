import { defineCollection, type Doc } from '../../core/store/docstore.port';

/**
 * `<programmeId>:<volunteerId>`: a cadre of the programme's committee placed a volunteer (of any committee) on the
 * programme, so they may sign up for its sessions.
 */
export interface PlacementDoc extends Doc {
  programmeId: string;
  volunteerId: string;
  orgId: string;
  byId: string;
  at: string;
}

export const placements = defineCollection<PlacementDoc>({ name: 'volunteer_placements', indexes: [{ fields: ['programmeId', 'at'] }] });

/**
 * `<programmeId>:<date>`: how many of the session's volunteer places are taken, taken with a conditional
 * single-document update (`taken < capacity → taken + 1`), so the session never takes more than its capacity.
 */
export interface SessionPlaceDoc extends Doc {
  taken: number;
}

export const sessionPlaces = defineCollection<SessionPlaceDoc>({ name: 'volunteer_session_places', indexes: [] });

export const VOLUNTEERS_COLLECTIONS = [placements, sessionPlaces];

export const placementId = (programmeId: string, volunteerId: string) => `${programmeId}:${volunteerId}`;

export const sessionPlacesId = (programmeId: string, date: string) => `${programmeId}:${date}`;
