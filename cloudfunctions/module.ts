/**
 * What every domain exports: one module, listed once in cloudfunctions/functions.ts. Everything else derives from
 * that list: the gateway, the bundles and their entries, cloudbaserc.json, the review kinds, the scheduler's sweeps,
 * the roll-up rebuild, the benches and the tests.
 */
import type { RegisteredKind } from './capabilities/review/review-kinds';
import type { FigureProviders } from './capabilities/figures/providers';
import type { Deps, Router } from './core/runtime';
import type { Collection, CollectionSpec, Doc, DocStore } from './core/store/docstore.port';

/** One of the scheduler's sweeps, and the count in the scheduler's answer it adds to. */
export interface Sweep {
  counts: 'reminded' | 'folded' | 'toldAnonymous' | 'pushed';
  run(deps: Deps, now: Date): Promise<number>;
}

export interface DomainModule {
  /** The cloud function it deploys as (a router or a task), else the capability's name. */
  name: string;
  /** Every collection it owns: created by the deploy and the local store. */
  collections: readonly CollectionSpec[];
  /** Its router, or how to build it from the module list (the review queue's kinds, the reports' figures). */
  router?: Router | ((modules: readonly DomainModule[]) => Router);
  /**
   * What its function is built from in the other modules: its bundle then carries the modules that have it (and
   * no other), and its router or timer gets them as the list.
   */
  uses?: readonly ('reviewKinds' | 'figures' | 'sweeps')[];
  /** A timer-run function: its triggers (cloudbaserc.json, CloudBase's 7-field cron) and what a tick runs. */
  timer?: { triggers: readonly { name: string; cron: string }[]; run(modules: readonly DomainModule[]): (deps: Deps, now: Date) => Promise<unknown> };
  /** The deploy's self-check function, whose code is the CloudBase adapter's own. */
  selfCheck?: true;
  /** The kinds of review item it files, handed to the review queue. */
  reviewKinds?: readonly RegisteredKind[];
  sweeps?: readonly Sweep[];
  /** Roll-ups rebuilt from their facts by `npm run rollups:rebuild`. */
  rollups?: { collections: readonly Collection<Doc>[]; refold(store: DocStore, now: Date, upTo: Date): Promise<number> };
  /** Figures it keeps itself and lends the reports. */
  figures?: Partial<FigureProviders>;
}

/** Deployed as a cloud function: a router, a timer task or the self-check. */
export const isDeployed = (m: DomainModule) => m.router !== undefined || m.timer !== undefined || m.selfCheck === true;

/** Its router, built from the module list when it is made from it. */
export function routerOf(m: DomainModule, modules: readonly DomainModule[]): Router | undefined {
  return typeof m.router === 'function' ? m.router(modules) : m.router;
}

/** The modules a module's function is built from (those that have what it uses), in list order. */
export function usedBy(domain: DomainModule, modules: readonly DomainModule[]): DomainModule[] {
  return modules.filter((m) => m !== domain && (domain.uses ?? []).some((part) => m[part] !== undefined));
}
