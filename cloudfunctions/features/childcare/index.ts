import { cloudMain } from '../../adapters/cloudbase/entry';
import { childcareFunction } from './actions';

export const main = cloudMain(childcareFunction);
