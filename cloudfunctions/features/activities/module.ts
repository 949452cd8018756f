import { registered } from '../../capabilities/review/review-kinds';
import { activitiesFunction } from './actions';
import { activityPointsKind } from './activity-points-kind';
import { ACTIVITIES_COLLECTIONS } from './collections';
import { remindUpcomingActivities } from './reminders';

export default {
  name: 'activities',
  router: activitiesFunction,
  collections: ACTIVITIES_COLLECTIONS,
  reviewKinds: [registered(activityPointsKind)],
  sweeps: [{ counts: 'reminded' as const, run: remindUpcomingActivities }],
};
