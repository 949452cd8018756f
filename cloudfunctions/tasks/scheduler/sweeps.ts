/**
 * What runs on a timer: every module's sweeps, one after the other (the reminders before consultations and
 * activities, the fold of the figures, the notices to anonymous authors of answered opinions), and then every
 * subscribe message queued since the last tick, those just queued included.
 */
import type { Deps } from '../../core/runtime';
import type { DomainModule } from '../../module';

/** Its timer trigger (every 5 minutes): the only invocation the scheduler runs for. */
export const SCHEDULER_TRIGGER = { name: 'every5min', cron: '0 */5 * * * * *' };
export const SCHEDULER_TRIGGERS = [SCHEDULER_TRIGGER.name];

/** Every sweep of the modules, the pushes last; answers how many riders were reminded, facts folded, anonymous authors told and messages pushed. */
export async function sweepAll(
  modules: readonly DomainModule[],
  deps: Deps,
  now: Date,
): Promise<{ reminded: number; folded: number; toldAnonymous: number; pushed: number }> {
  const done = { reminded: 0, folded: 0, toldAnonymous: 0, pushed: 0 };
  const sweeps = modules.flatMap((m) => m.sweeps ?? []);
  const pushes = sweeps.filter((s) => s.counts === 'pushed');
  for (const sweep of [...sweeps.filter((s) => s.counts !== 'pushed'), ...pushes]) done[sweep.counts] += await sweep.run(deps, now);
  return done;
}
