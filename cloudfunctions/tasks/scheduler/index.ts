import { cloudTimerTask } from '../../adapters/cloudbase/entry';
import { runSweeps } from './sweeps';
import { recordTick } from './ticks';

/** Its timer trigger in cloudbaserc.json (every 5 minutes): the only invocation the scheduler runs for. */
export const SCHEDULER_TRIGGERS = ['every5min'];

export const main = cloudTimerTask(SCHEDULER_TRIGGERS, async (deps, now) => {
  const done = await runSweeps(deps, now);
  await recordTick(deps, now, done.reminded);
  return done;
});
