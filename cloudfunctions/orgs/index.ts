import { cloudMain } from '../core/store/cloudbase/entry';
import { orgsFunction } from './actions';

export const main = cloudMain(orgsFunction);
