import type { LatLng } from '../../types';
import { conflict } from '../core/errors';
import type { UserDoc } from '../core/identity';
import type { Ctx } from '../core/runtime';
import type { Tx } from '../core/store/docstore.port';
import { addHours } from '../core/time';
import { openItems, reviews, type ReviewDoc } from './collections';
import { REVIEW_KIND_LABELS } from '../../types/review-labels';
import { sealPayload, sealedNote, type ReviewKind } from './review-kinds';

export interface Submission<P extends Record<string, unknown>> {
  orgId: string;
  payload: P;
  note?: string;
  location?: LatLng;
}

export const openItemId = (kind: string, submitterId: string) => `${kind}:${submitterId}`;

/**
 * Files a review item of `kind` for the committee `orgId`, due after the kind's due time, inside the caller's
 * transaction. A kind that allows one open item per submitter keeps a keyed document while one is open, so two
 * concurrent submissions cannot both pass.
 */
export async function fileReview<P extends Record<string, unknown>>(
  tx: Tx,
  { deps, now }: Ctx,
  submitter: UserDoc,
  kind: ReviewKind<P>,
  s: Submission<P>,
): Promise<string> {
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
