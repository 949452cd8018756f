import { cloudMain } from '../core/store/cloudbase/entry';
import { stationsFunction } from './actions';

export const main = cloudMain(stationsFunction);
