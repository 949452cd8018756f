import { cloudMain } from '../core/store/cloudbase/entry';
import { accountFunction } from './actions';

export const main = cloudMain(accountFunction);
