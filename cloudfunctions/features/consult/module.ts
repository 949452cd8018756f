import { registered } from '../../capabilities/review/review-kinds';
import { consultFunction } from './actions';
import { caseKind } from './case-kind';
import { CONSULT_COLLECTIONS } from './collections';
import { remindUpcomingBookings } from './reminders';

export default {
  name: 'consult',
  router: consultFunction,
  collections: CONSULT_COLLECTIONS,
  reviewKinds: [registered(caseKind)],
  sweeps: [{ counts: 'reminded' as const, run: remindUpcomingBookings }],
};
