import { cloudMain } from '../../adapters/cloudbase/entry';
import { checkinFunction } from './actions';

export const main = cloudMain(checkinFunction);
