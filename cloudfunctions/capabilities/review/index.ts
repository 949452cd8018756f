import { cloudMain } from '../../adapters/cloudbase/entry';
import { reviewFunction } from './actions';

export const main = cloudMain(reviewFunction);
