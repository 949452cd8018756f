import type { LatLng, ReviewKindName, ReviewStatus, ReviewStep } from '../../../types';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A step as stored: its note (which may carry names, phones, reasons) sealed with the field key. */
export type StoredStep = Omit<ReviewStep, 'note'> & { noteEnc?: string };

export interface ReviewDoc extends Doc {
  kind: ReviewKindName;
  status: ReviewStatus;
  orgId: string;
  title: string;
  submitterId: string;
  submittedAt: string;
  dueAt: string;
  decidedAt?: string;
  decidedBy?: string;
  payload: Record<string, unknown>;
  history: StoredStep[];
  /** A place, for finding nearby duplicates (hazard reports). */
  location?: LatLng;
}

export const reviews = defineCollection<ReviewDoc>({
  name: 'reviews',
  indexes: [
    // A cadre's queue and figures, and the admin's (every committee).
    { fields: ['orgId', 'status', 'kind', 'dueAt', 'submittedAt'] },
    { fields: ['status', 'kind', 'dueAt', 'submittedAt'] },
    { fields: ['orgId', 'decidedAt'] },
    // A submitter's own items.
    { fields: ['submitterId', 'status', 'dueAt', 'submittedAt'] },
    // Recent items of a kind (duplicate hints).
    { fields: ['kind', 'submittedAt'] },
  ],
});

/** `<kind>:<submitterId>` while that submitter has an open item of a kind that allows one at a time. */
export interface OpenItemDoc extends Doc {
  reviewId: string;
}

export const openItems = defineCollection<OpenItemDoc>({ name: 'review_open_items', indexes: [] });

export interface AuditDoc extends Doc {
  at: string;
  actorId: string;
  action: string;
  targetId: string;
  /** Sealed with the field key, like the step's note. */
  noteEnc?: string;
}

export const audit = defineCollection<AuditDoc>({ name: 'audit', indexes: [{ fields: ['targetId', 'at'] }] });

export const REVIEW_COLLECTIONS = [reviews, openItems, audit];
