/**
 * What runs on a timer: every module's sweeps, one after the other (the reminders before consultations and
 * activities, the fold of the figures, the notices to anonymous authors of answered opinions).
 */
import type { Deps } from '../../core/runtime';
import type { DomainModule } from '../../module';

/** Its timer trigger (every 5 minutes): the only invocation the scheduler runs for. */
export const SCHEDULER_TRIGGER = { name: 'every5min', cron: '0 */5 * * * * *' };
export const SCHEDULER_TRIGGERS = [SCHEDULER_TRIGGER.name];

/** Every sweep of the modules; answers how many riders were reminded, facts folded and anonymous authors told. */
export async function sweepAll(modules: readonly DomainModule[], deps: Deps, now: Date): Promise<{ reminded: number; folded: number; toldAnonymous: number }> {
  const done = { reminded: 0, folded: 0, toldAnonymous: 0 };
  for (const sweep of modules.flatMap((m) => m.sweeps ?? [])) done[sweep.counts] += await sweep.run(deps, now);
  return done;
}
