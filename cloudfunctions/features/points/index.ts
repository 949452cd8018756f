import { cloudMain } from '../../adapters/cloudbase/entry';
import { pointsFunction } from './actions';

export const main = cloudMain(pointsFunction);
