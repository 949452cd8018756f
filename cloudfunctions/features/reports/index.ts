import { cloudMain } from '../../adapters/cloudbase/entry';
import { reportsFunction } from './actions';

export const main = cloudMain(reportsFunction);
