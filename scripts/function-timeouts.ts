/**
 * Each function's timeout in cloudbaserc.json, from the longest budget it can spend in one invocation plus a margin.
 * The budgets are the constants the code enforces (imported from where they are defined, so a changed budget
 * changes the timeout the test asks for); the paths below say which ones one invocation can spend in a row.
 */
import { PUSH_TIMEOUT_MS } from '../cloudfunctions/adapters/cloudbase/entry';
import { SETTLE_BUDGET_MS } from '../cloudfunctions/core/seating';
import { TX_BUDGET_MS } from '../cloudfunctions/core/store/docstore.port';

/** What an invocation spends beyond its budgets: the reads and writes outside them, a cold start, the answer. */
export const MARGIN_MS = 5000;

/** Placing a request: the last try may begin just before the placing budget ends and run its whole transaction. */
const PLACING_MS = SETTLE_BUDGET_MS + TX_BUDGET_MS;

/**
 * The scheduler's sweeps have no budget in code beyond the sending of queued pushes: each reminder is marked in its own transaction and the figures' fold
 * moves a mark step by step, so a tick cut off by the timeout is finished by the next one (5 minutes later). This is
 * how long a tick may work.
 */
export const SWEEP_TICK_MS = 55_000;

/**
 * The longest run of budgets one invocation of each deployed function can spend, in milliseconds. Request functions
 * only queue their subscribe messages (the scheduler sends them), so no push is on their path.
 */
export const LONGEST_PATH_MS: Readonly<Record<string, number>> = {
  account: TX_BUDGET_MS,
  orgs: TX_BUDGET_MS,
  stations: TX_BUDGET_MS,
  review: TX_BUDGET_MS,
  checkin: TX_BUDGET_MS,
  points: TX_BUDGET_MS,
  consult: TX_BUDGET_MS,
  // An enrolment placed.
  childcare: PLACING_MS,
  volunteers: TX_BUDGET_MS,
  voice: TX_BUDGET_MS,
  // Figures are reads (no budget); a CSV export writes one file.
  reports: TX_BUDGET_MS,
  // A sign-up, a meal or a pack placed.
  activities: PLACING_MS,
  scheduler: SWEEP_TICK_MS,
  // Three short transactions and twenty reads (none retried), then one subscribe message.
  selfcheck: TX_BUDGET_MS + PUSH_TIMEOUT_MS,
};

/** The timeout, in whole seconds as cloudbaserc.json takes it, of a function whose longest path is `pathMs`. */
export function timeoutSeconds(pathMs: number): number {
  return Math.ceil((pathMs + MARGIN_MS) / 1000);
}

export function functionTimeoutS(name: string): number {
  const path = LONGEST_PATH_MS[name];
  if (path === undefined) throw new Error(`${name} has no budget in scripts/function-timeouts.ts`);
  return timeoutSeconds(path);
}
