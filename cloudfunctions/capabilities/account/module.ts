import { registered } from '../review/review-kinds';
import { accountFunction } from './actions';
import { HONOURS_COLLECTIONS } from './honours';
import { verificationKind } from './verification-kind';

export default { name: 'account', router: accountFunction, collections: HONOURS_COLLECTIONS, reviewKinds: [registered(verificationKind)] };
