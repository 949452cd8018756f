import { cloudMain } from '../../adapters/cloudbase/entry';
import { accountFunction } from './actions';

export const main = cloudMain(accountFunction);
