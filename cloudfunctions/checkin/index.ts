import { cloudMain } from '../core/store/cloudbase/entry';
import { checkinFunction } from './actions';

export const main = cloudMain(checkinFunction);
