import type { ZodType } from 'zod';
import type { Deps } from '../runtime';
import type { Repos, ReviewRecord } from '../store/store.port';

export interface RelatedItem {
  id: string;
  title: string;
  distanceM?: number;
}

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
  /**
   * The payload fields a submitter may amend when asked for more information (an object schema of optional
   * fields; anything else they send is dropped). Without it, an answer is a note only.
   */
  amendable?: ZodType<Record<string, unknown>>;
  /** Other items a reviewer should see beside this one, e.g. possible duplicates. */
  related?(repos: Repos, item: ReviewRecord): Promise<RelatedItem[]>;
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
