import { z } from 'zod';
import { CLAIM_KIND_LABELS, CLAIM_KINDS, latLng, text } from '../../../types';
import { assertOwnUploads } from '../../capabilities/uploads/uploads';
import type { DocReader } from '../../core/store/docstore.port';
import type { ReviewDoc } from '../../capabilities/review/collections';
import { countClaimApproved } from '../../capabilities/figures/facts';
import { recentPlacedItems } from '../../capabilities/review/items';
import { defineReviewKind, type RelatedItem } from '../../capabilities/review/review-kinds';
import { appendEntry } from '../../capabilities/ledger/ledger';
import { CLAIM_DUE_HOURS, HAZARD_DUPLICATE_WINDOW_HOURS, claimCategory, possibleDuplicates } from './points-rules';

const payload = z.object({
  kind: z.enum(CLAIM_KINDS),
  description: z.string(),
  location: latLng.optional(),
  photos: z.array(z.string()).optional(),
  points: z.number().int().min(0),
});

/** The ledger key of a claim's credit: one per review item, so approving credits exactly once. */
export const claimLedgerKey = (reviewId: string) => `claim:${reviewId}`;

/** A rider claims points for an errand, a hazard report or an event; approval credits the points in the same tx. */
export const claimKind = defineReviewKind({
  kind: 'claim',
  dueHours: CLAIM_DUE_HOURS,
  payload,
  title: (p) => {
    const short = p.description.length > 24 ? `${p.description.slice(0, 24)}…` : p.description;
    return `${CLAIM_KIND_LABELS[p.kind]}：${short}`;
  },
  amendable: z
    .object({
      description: text(4, 500),
      photos: z.array(z.string().min(1).max(300)).max(6),
    })
    .partial(),
  checkAmendment: (reader, submitterId, changes) => assertOwnUploads(reader, submitterId, changes.photos ?? []),
  related: relatedHazards,
  async onApprove(tx, { now }, item, p) {
    await countClaimApproved(tx, item._id, item.orgId, now);
    if (p.points === 0) return;
    await appendEntry(tx, {
      _id: claimLedgerKey(item._id),
      userId: item.submitterId,
      delta: p.points,
      reason: 'claim',
      at: now.toISOString(),
      note: CLAIM_KIND_LABELS[p.kind],
      category: claimCategory(p.kind),
      orgId: item.orgId,
    });
  },
  limit: { perHour: 6, perDay: 20 },
  approvedNotice: (p) => `你的${CLAIM_KIND_LABELS[p.kind]}积分申领已通过，获得 ${p.points} 积分。`,
});

function hazardOf(item: ReviewDoc): { id: string; at: string; location: NonNullable<ReviewDoc['location']> } | null {
  const parsed = payload.safeParse(item.payload);
  if (item.kind !== 'claim' || !parsed.success || parsed.data.kind !== 'hazard' || !item.location) return null;
  return { id: item._id, at: item.submittedAt, location: item.location };
}

/**
 * Possible duplicates of a hazard claim: other hazard reports within 100 m and 24 h of it (either side), nearest
 * first, distance rounded to metres. Any other item has none. For `review.get` to fill `item.related`.
 */
async function relatedHazards(store: DocReader, item: ReviewDoc): Promise<RelatedItem[]> {
  const report = hazardOf(item);
  if (!report) return [];
  const since = new Date(Date.parse(item.submittedAt) - HAZARD_DUPLICATE_WINDOW_HOURS * 3_600_000).toISOString();
  const candidates = (await recentPlacedItems(store, 'claim', since)).flatMap((r) => {
    const hazard = hazardOf(r);
    return hazard ? [{ ...hazard, title: r.title }] : [];
  });
  return possibleDuplicates(report, candidates).map(({ item: other, distanceM }) => ({
    id: other.id,
    title: other.title,
    distanceM: Math.round(distanceM),
  }));
}
