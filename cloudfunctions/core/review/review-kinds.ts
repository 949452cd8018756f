import type { Deps } from '../runtime';
import type { Repos, ReviewRecord } from '../store/store.port';

/**
 * What a kind of review item brings to the one queue: its label, its due time, how its title reads, and what
 * approving it does. The effect runs inside the transaction that marks the item approved, so it runs once.
 */
export interface ReviewKind {
  kind: string;
  label: string;
  dueHours: number;
  title(payload: Record<string, unknown>): string;
  onApprove(tx: Repos, deps: Deps, item: ReviewRecord): Promise<void>;
  /** Optional message to the submitter on approval, e.g. how many points were credited. */
  approvedNotice?(item: ReviewRecord): string;
}

const kinds = new Map<string, ReviewKind>();

export function registerReviewKind(kind: ReviewKind): void {
  kinds.set(kind.kind, kind);
}

export function reviewKind(kind: string): ReviewKind {
  const found = kinds.get(kind);
  if (!found) throw new Error(`unknown review kind ${kind}`);
  return found;
}

export function reviewKinds(): ReviewKind[] {
  return [...kinds.values()];
}
