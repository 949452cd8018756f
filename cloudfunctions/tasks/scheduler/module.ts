import type { DomainModule } from '../../module';
import { SCHEDULER_TRIGGER, sweepAll } from './sweeps';
import { recordTick, SCHEDULER_COLLECTIONS } from './ticks';

const scheduler: DomainModule = {
  name: 'scheduler',
  collections: SCHEDULER_COLLECTIONS,
  uses: ['sweeps'],
  timer: {
    triggers: [SCHEDULER_TRIGGER],
    run: (modules) => async (deps, now) => {
      const done = await sweepAll(modules, deps, now);
      await recordTick(deps, now, done.reminded);
      return done;
    },
  },
};

export default scheduler;
