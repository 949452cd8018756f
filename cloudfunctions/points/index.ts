import { cloudMain } from '../core/store/cloudbase/entry';
import { pointsFunction } from './actions';

export const main = cloudMain(pointsFunction);
