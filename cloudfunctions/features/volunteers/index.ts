import { cloudMain } from '../../adapters/cloudbase/entry';
import { volunteersFunction } from './actions';

export const main = cloudMain(volunteersFunction);
