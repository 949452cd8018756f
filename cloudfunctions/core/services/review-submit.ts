import type { LatLng } from '../../../types';
import { addHours } from '../time';
import { reviewKind } from '../review';
import type { Deps } from '../runtime';
import type { Repos, UserRecord } from '../store/store.port';

export interface Submission {
  kind: string;
  orgId: string;
  payload: Record<string, unknown>;
  note?: string;
  location?: LatLng;
}

/** Files a review item for the committee `orgId`, due after the kind's due time. Runs inside the caller's tx. */
export async function submitReview(tx: Repos, deps: Deps, submitter: UserRecord, s: Submission): Promise<string> {
  const kind = reviewKind(s.kind);
  const now = deps.now();
  const id = deps.newId();
  await tx.reviews.insert({
    id,
    kind: s.kind,
    status: 'pending',
    orgId: s.orgId,
    title: kind.title(s.payload),
    submitterId: submitter.id,
    submittedAt: now.toISOString(),
    dueAt: addHours(now, kind.dueHours).toISOString(),
    payload: s.payload,
    history: [{ at: now.toISOString(), byId: submitter.id, byName: submitter.displayName, action: 'submitted', ...(s.note ? { note: s.note } : {}) }],
    ...(s.location ? { location: s.location } : {}),
  });
  return id;
}
