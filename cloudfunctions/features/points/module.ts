import { registered } from '../../capabilities/review/review-kinds';
import { pointsFunction } from './actions';
import { claimKind } from './claim-kind';
import { POINTS_COLLECTIONS } from './collections';

export default { name: 'points', router: pointsFunction, collections: POINTS_COLLECTIONS, reviewKinds: [registered(claimKind)] };
