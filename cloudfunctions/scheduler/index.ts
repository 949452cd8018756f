import { cloudTask } from '../adapters/cloudbase/entry';
import { runSweeps } from './sweeps';

/** Invoked by the timer trigger in cloudbaserc.json (every 5 minutes); no caller. */
export const main = cloudTask(runSweeps);
