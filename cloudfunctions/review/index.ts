import { cloudMain } from '../core/store/cloudbase/entry';
import { reviewFunction } from './actions';

export const main = cloudMain(reviewFunction);
