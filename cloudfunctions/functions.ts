/**
 * THE module list: one line per module. The gateway, the bundles and their entries, cloudbaserc.json, the review
 * queue's kinds, the scheduler's sweeps, the roll-up rebuild, the benches and the tests all derive from it.
 * Adding a domain: its folder with a module.ts, its types/ file, its import and its line in MODULES (and, if it
 * deploys a function, its time budget in scripts/function-timeouts.ts; `npm run build:functions` lists it in
 * cloudbaserc.json).
 */
import account from './capabilities/account/module';
import codes from './capabilities/codes/module';
import figures from './capabilities/figures/module';
import inbox from './capabilities/inbox/module';
import ledger from './capabilities/ledger/module';
import meals from './capabilities/meals/module';
import orgs from './capabilities/orgs/module';
import programmes from './capabilities/programmes/module';
import review from './capabilities/review/module';
import uploads from './capabilities/uploads/module';
import core from './core/module';
import type { Deps, Router } from './core/runtime';
import type { CollectionSpec } from './core/store/docstore.port';
import activities from './features/activities/module';
import checkin from './features/checkin/module';
import childcare from './features/childcare/module';
import consult from './features/consult/module';
import points from './features/points/module';
import reports from './features/reports/module';
import stations from './features/stations/module';
import voice from './features/voice/module';
import volunteers from './features/volunteers/module';
import { isDeployed, routerOf, type DomainModule } from './module';
import scheduler from './tasks/scheduler/module';
import selfcheck from './tasks/selfcheck/module';
import { sweepAll } from './tasks/scheduler/sweeps';
import { reviewKindRegistry } from './capabilities/review/kinds';

export const MODULES: readonly DomainModule[] = [
  core,
  account,
  orgs,
  inbox,
  uploads,
  ledger,
  codes,
  meals,
  programmes,
  figures,
  stations,
  review,
  checkin,
  points,
  consult,
  childcare,
  volunteers,
  voice,
  reports,
  activities,
  scheduler,
  selfcheck,
];

/** The routers of a module list, by function name. */
export function routersOf(modules: readonly DomainModule[]): Readonly<Record<string, Router>> {
  return Object.fromEntries(
    modules.flatMap((m) => {
      const router = routerOf(m, modules);
      return router ? [[router.name, router]] : [];
    }),
  );
}

export const FUNCTIONS = routersOf(MODULES);

export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

/** Cloud functions that are not routers (no gateway route, no caller): run by timer triggers, bundled and deployed. */
export const TASK_NAMES: readonly string[] = MODULES.filter((m) => isDeployed(m) && !m.router).map((m) => m.name);

export const COLLECTIONS: readonly CollectionSpec[] = MODULES.flatMap((m) => m.collections);

/** Every kind of review item, as the review queue knows them. */
export const REVIEW_KIND_REGISTRY = reviewKindRegistry(MODULES.flatMap((m) => m.reviewKinds ?? []));
export const REVIEW_KINDS = REVIEW_KIND_REGISTRY.all;
export const reviewKind = REVIEW_KIND_REGISTRY.of;

/** One tick of the scheduler's sweeps (the local server runs them on an interval, as the cloud's timer does). */
export const runSweeps = (deps: Deps, now: Date) => sweepAll(MODULES, deps, now);
