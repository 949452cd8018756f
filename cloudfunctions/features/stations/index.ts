import { cloudMain } from '../../adapters/cloudbase/entry';
import { stationsFunction } from './actions';

export const main = cloudMain(stationsFunction);
