import { z } from 'zod';
import { cursor, id, text } from './common';
import { REVIEW_KIND_NAMES, REVIEW_STATUSES, type ReviewKindName, type ReviewStatus, type ReviewStepAction } from './review-labels';

export * from './review-labels';
export const REVIEW_KINDS = REVIEW_KIND_NAMES;
export type ReviewKind = ReviewKindName;
export const DECISIONS = ['approve', 'reject', 'needs-info'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ReviewStep {
  at: string;
  byId: string;
  byName: string;
  action: ReviewStepAction;
  note?: string;
}

export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  orgId: string;
  orgName?: string;
  title: string;
  submitterId: string;
  submitterName: string;
  submittedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt?: string;
  /** The kind's own details, as its schema parsed them. */
  payload: Record<string, unknown>;
  /** Possible duplicates, e.g. hazard reports nearby (ids of other items). */
  related?: { id: string; title: string; distanceM?: number }[];
}

export interface ReviewItemWithHistory extends ReviewItem {
  history: ReviewStep[];
}

export interface QueueStats {
  byStatus: Record<ReviewStatus, number>;
  byKind: Record<string, number>;
  overdue: number;
  /** Median hours from submission to final decision this month; null when nothing was decided. */
  medianDecisionHours: number | null;
  decidedThisMonth: number;
}

const listFields = {
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).default(20),
};

export const reviewSchemas = {
  queue: z.object({
    status: z.enum(REVIEW_STATUSES).optional(),
    kind: z.enum(REVIEW_KIND_NAMES as [ReviewKindName, ...ReviewKindName[]]).optional(),
    ...listFields,
  }),
  get: z.object({ id }),
  decide: z.object({ id, decision: z.enum(DECISIONS), note: text(0, 500).optional() }),
  respond: z.object({ id, note: text(1, 500), payload: z.record(z.unknown()).optional() }),
  mine: z.object({ status: z.enum(REVIEW_STATUSES).optional(), ...listFields }),
  stats: z.object({}),
};

export interface ReviewApi {
  queue: { output: { items: ReviewItem[]; cursor?: string } };
  get: { output: { item: ReviewItemWithHistory } };
  decide: { output: { item: ReviewItemWithHistory } };
  respond: { output: { item: ReviewItemWithHistory } };
  mine: { output: { items: ReviewItem[]; cursor?: string } };
  stats: { output: { stats: QueueStats } };
}
