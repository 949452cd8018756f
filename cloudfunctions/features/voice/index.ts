import { cloudMain } from '../../adapters/cloudbase/entry';
import { voiceFunction } from './actions';

export const main = cloudMain(voiceFunction);
