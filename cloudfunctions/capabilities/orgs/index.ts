import { cloudMain } from '../../adapters/cloudbase/entry';
import { orgsFunction } from './actions';

export const main = cloudMain(orgsFunction);
