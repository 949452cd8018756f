import type { LatLng } from '../../../types';
import { conflict } from '../../core/errors';
import type { UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { Tx } from '../../core/store/docstore.port';
import { takeSubmission, type SubmissionLimit } from '../../core/throttle';
import { addHours } from '../../core/time';
import { openItems, reviews, type ReviewDoc } from './collections';
import { REVIEW_KIND_LABELS } from '../../../types/review-labels';
import { sealPayload, sealedNote, type ReviewKind } from './review-kinds';

export interface Submission<P extends Record<string, unknown>> {
  orgId: string;
  payload: P;
  note?: string;
  location?: LatLng;
}

export const openItemId = (kind: string, submitterId: string) => `${kind}:${submitterId}`;

/** What anyone may file of a kind that sets no limit of its own. */
export const DEFAULT_SUBMISSION_LIMIT: SubmissionLimit = { perHour: 10, perDay: 30 };

const ANONYMOUS = 'anonymous:';

/** Who files an item that must name nobody (an anonymous opinion): a stand-in per item, told nothing by the queue. */
export function anonymousSubmitter(ref: string, now: Date): UserDoc {
  return {
    _id: `${ANONYMOUS}${ref}`,
    openidEnc: '',
    roles: [],
    displayName: '匿名骑手',
    stationIds: [],
    cadreOrgIds: [],
    verified: false,
    createdAt: now.toISOString(),
  };
}

export const isAnonymousSubmitter = (submitterId: string) => submitterId.startsWith(ANONYMOUS);

/**
 * Files a review item of `kind` for the committee `orgId`, due after the kind's due time, inside the caller's
 * transaction. The caller (the real person, also when the item is filed under a stand-in) may file only so many of a
 * kind an hour and a day (core/throttle.ts). A kind that allows one open item per submitter keeps a keyed document
 * while one is open, so two concurrent submissions cannot both pass.
 */
export async function fileReview<P extends Record<string, unknown>>(
  tx: Tx,
  { user, deps, now }: Ctx,
  submitter: UserDoc,
  kind: ReviewKind<P>,
  s: Submission<P>,
): Promise<string> {
  await takeSubmission(
    tx,
    deps.secrets.fieldKey,
    user._id,
    { kind: kind.kind, label: REVIEW_KIND_LABELS[kind.kind], limit: kind.limit ?? DEFAULT_SUBMISSION_LIMIT },
    now,
  );
  const id = deps.newId();
  if (kind.onePerSubmitter) {
    const guard = openItemId(kind.kind, submitter._id);
    if (await tx.get(openItems, guard)) throw conflict(`你已有一份${REVIEW_KIND_LABELS[kind.kind]}申请正在审核中`);
    await tx.insert(openItems, { _id: guard, reviewId: id });
  }
  const at = now.toISOString();
  const item: ReviewDoc = {
    _id: id,
    kind: kind.kind,
    status: 'pending',
    orgId: s.orgId,
    title: kind.title(s.payload),
    submitterId: submitter._id,
    submittedAt: at,
    dueAt: addHours(now, kind.dueHours).toISOString(),
    payload: sealPayload(kind, s.payload, deps.secrets.fieldKey),
    history: [{ at, byId: submitter._id, byName: submitter.displayName, action: 'submitted', ...sealedNote(s.note, deps.secrets.fieldKey) }],
    ...(s.location ? { location: s.location } : {}),
  };
  await tx.insert(reviews, item);
  return id;
}
