/**
 * Every cloud function and every collection, written once: the local gateway, the tests, the benches, the bundler
 * and the deploy configuration's check all derive from these lists.
 */
import { accountFunction } from './capabilities/account/actions';
import { INBOX_COLLECTIONS } from './capabilities/inbox/collections';
import { UPLOADS_COLLECTIONS } from './capabilities/uploads/collections';
import { activitiesFunction } from './features/activities/actions';
import { ACTIVITIES_COLLECTIONS } from './features/activities/collections';
import { checkinFunction } from './features/checkin/actions';
import { childcareFunction } from './features/childcare/actions';
import { CHILDCARE_COLLECTIONS } from './features/childcare/collections';
import { consultFunction } from './features/consult/actions';
import { CONSULT_COLLECTIONS } from './features/consult/collections';
import { CHECKIN_COLLECTIONS } from './capabilities/codes/collections';
import { attempts } from './core/attempts';
import { users } from './core/identity';
import { throttles } from './core/throttle';
import type { Router } from './core/runtime';
import type { CollectionSpec } from './core/store/docstore.port';
import { orgsFunction } from './capabilities/orgs/actions';
import { ORGS_COLLECTIONS } from './capabilities/orgs/collections';
import { pointsFunction } from './features/points/actions';
import { POINTS_COLLECTIONS } from './features/points/collections';
import { reportsFunction } from './features/reports/actions';
import { REPORTS_COLLECTIONS } from './capabilities/figures/collections';
import { reviewFunction } from './capabilities/review/actions';
import { SCHEDULER_COLLECTIONS } from './tasks/scheduler/ticks';
import { SELFCHECK_COLLECTIONS } from './tasks/selfcheck/collections';
import { REVIEW_COLLECTIONS } from './capabilities/review/collections';
import { stationsFunction } from './features/stations/actions';
import { STATIONS_COLLECTIONS } from './features/stations/collections';
import { voiceFunction } from './features/voice/actions';
import { VOICE_COLLECTIONS } from './features/voice/collections';
import { volunteersFunction } from './features/volunteers/actions';
import { VOLUNTEERS_COLLECTIONS } from './features/volunteers/collections';

export const ROUTERS: readonly Router[] = [accountFunction, orgsFunction, stationsFunction, reviewFunction, checkinFunction, pointsFunction, consultFunction, childcareFunction, volunteersFunction, voiceFunction, reportsFunction, activitiesFunction];

export const FUNCTIONS: Readonly<Record<string, Router>> = Object.fromEntries(ROUTERS.map((r) => [r.name, r]));

export const FUNCTION_NAMES: readonly string[] = ROUTERS.map((r) => r.name);

/** Cloud functions that are not routers (no gateway route, no caller): run by timer triggers, bundled and deployed. */
export const TASK_NAMES: readonly string[] = ['scheduler', 'selfcheck'];

export const COLLECTIONS: readonly CollectionSpec[] = [
  attempts,
  throttles,
  users,
  ...INBOX_COLLECTIONS,
  ...UPLOADS_COLLECTIONS,
  ...ORGS_COLLECTIONS,
  ...STATIONS_COLLECTIONS,
  ...REVIEW_COLLECTIONS,
  ...CHECKIN_COLLECTIONS,
  ...POINTS_COLLECTIONS,
  ...CHILDCARE_COLLECTIONS,
  ...VOLUNTEERS_COLLECTIONS,
  ...CONSULT_COLLECTIONS,
  ...VOICE_COLLECTIONS,
  ...ACTIVITIES_COLLECTIONS,
  ...REPORTS_COLLECTIONS,
  ...SCHEDULER_COLLECTIONS,
  ...SELFCHECK_COLLECTIONS,
];
