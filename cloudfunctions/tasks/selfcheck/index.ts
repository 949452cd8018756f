import { cloudAdminTask } from '../../adapters/cloudbase/entry';
import { runSelfCheck } from '../../adapters/cloudbase/self-check';

/** Run by `npm run deploy -- --check` through the management API; the security rules keep clients out. */
export const main = cloudAdminTask(runSelfCheck);
