import { registered } from '../../capabilities/review/review-kinds';
import { childcareFunction } from './actions';
import { CHILDCARE_COLLECTIONS } from './collections';
import { enrolmentKind } from './enrolment-kind';

export default { name: 'childcare', router: childcareFunction, collections: CHILDCARE_COLLECTIONS, reviewKinds: [registered(enrolmentKind)] };
