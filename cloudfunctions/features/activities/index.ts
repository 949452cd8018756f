import { cloudMain } from '../../adapters/cloudbase/entry';
import { activitiesFunction } from './actions';

export const main = cloudMain(activitiesFunction);
