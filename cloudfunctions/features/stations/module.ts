import { registered } from '../../capabilities/review/review-kinds';
import { stationsFunction } from './actions';
import { STATIONS_COLLECTIONS } from './collections';
import { stationChangeKind } from './station-change-kind';
import { stationKind } from './station-kind';

export default {
  name: 'stations',
  router: stationsFunction,
  collections: STATIONS_COLLECTIONS,
  reviewKinds: [registered(stationKind), registered(stationChangeKind)],
};
