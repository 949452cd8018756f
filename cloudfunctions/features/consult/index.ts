import { cloudMain } from '../../adapters/cloudbase/entry';
import { consultFunction } from './actions';

export const main = cloudMain(consultFunction);
