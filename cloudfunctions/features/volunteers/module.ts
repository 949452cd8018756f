import { registered } from '../../capabilities/review/review-kinds';
import { volunteersFunction } from './actions';
import { VOLUNTEERS_COLLECTIONS } from './collections';
import { volunteerKind } from './volunteer-kind';

export default { name: 'volunteers', router: volunteersFunction, collections: VOLUNTEERS_COLLECTIONS, reviewKinds: [registered(volunteerKind)] };
