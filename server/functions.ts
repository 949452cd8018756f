import { accountFunction } from '../cloudfunctions/account/actions';
import { orgsFunction } from '../cloudfunctions/orgs/actions';
import { stationsFunction } from '../cloudfunctions/stations/actions';
import { reviewFunction } from '../cloudfunctions/review/actions';
import { checkinFunction } from '../cloudfunctions/checkin/actions';
import { pointsFunction } from '../cloudfunctions/points/actions';
import type { Router } from '../cloudfunctions/core/runtime';

/** Every cloud function, by name, as the local gateway and the tests call them. */
export const FUNCTIONS: Record<string, Router> = Object.fromEntries(
  [accountFunction, orgsFunction, stationsFunction, reviewFunction, checkinFunction, pointsFunction].map((fn) => [fn.name, fn]),
);
