/**
 * Every cloud function and every collection, written once: the local gateway, the tests, the benches, the bundler
 * and the deploy configuration's check all derive from these lists.
 */
import { accountFunction } from './account/actions';
import { ACCOUNT_COLLECTIONS } from './account/collections';
import { activitiesFunction } from './activities/actions';
import { ACTIVITIES_COLLECTIONS } from './activities/collections';
import { checkinFunction } from './checkin/actions';
import { childcareFunction } from './childcare/actions';
import { CHILDCARE_COLLECTIONS } from './childcare/collections';
import { consultFunction } from './consult/actions';
import { CONSULT_COLLECTIONS } from './consult/collections';
import { CHECKIN_COLLECTIONS } from './checkin/collections';
import { attempts } from './core/attempts';
import type { Router } from './core/runtime';
import type { CollectionSpec } from './core/store/docstore.port';
import { orgsFunction } from './orgs/actions';
import { ORGS_COLLECTIONS } from './orgs/collections';
import { pointsFunction } from './points/actions';
import { POINTS_COLLECTIONS } from './points/collections';
import { reportsFunction } from './reports/actions';
import { REPORTS_COLLECTIONS } from './reports/collections';
import { reviewFunction } from './review/actions';
import { SCHEDULER_COLLECTIONS } from './scheduler/ticks';
import { SELFCHECK_COLLECTIONS } from './selfcheck/collections';
import { REVIEW_COLLECTIONS } from './review/collections';
import { stationsFunction } from './stations/actions';
import { STATIONS_COLLECTIONS } from './stations/collections';
import { voiceFunction } from './voice/actions';
import { VOICE_COLLECTIONS } from './voice/collections';
import { volunteersFunction } from './volunteers/actions';
import { VOLUNTEERS_COLLECTIONS } from './volunteers/collections';

export const ROUTERS: readonly Router[] = [accountFunction, orgsFunction, stationsFunction, reviewFunction, checkinFunction, pointsFunction, consultFunction, childcareFunction, volunteersFunction, voiceFunction, reportsFunction, activitiesFunction];

export const FUNCTIONS: Readonly<Record<string, Router>> = Object.fromEntries(ROUTERS.map((r) => [r.name, r]));

export const FUNCTION_NAMES: readonly string[] = ROUTERS.map((r) => r.name);

/** Cloud functions that are not routers (no gateway route, no caller): run by timer triggers, bundled and deployed. */
export const TASK_NAMES: readonly string[] = ['scheduler', 'selfcheck'];

export const COLLECTIONS: readonly CollectionSpec[] = [
  attempts,
  ...ACCOUNT_COLLECTIONS,
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
