import { z } from 'zod';
import { CLAIM_KINDS, type ClaimKind } from '../../../types/points';
import { CLAIM_DUE_HOURS, CLAIM_TITLES, HAZARD_DUPLICATE_WINDOW_HOURS, claimCategory, possibleDuplicates } from '../points-rules';
import type { Repos, ReviewRecord } from '../store/store.port';
import { registerReviewKind, type RelatedItem } from './review-kinds';

function claimKindOf(payload: Record<string, unknown>): ClaimKind | null {
  return (CLAIM_KINDS as readonly unknown[]).includes(payload.kind) ? (payload.kind as ClaimKind) : null;
}

function claimPointsOf(payload: Record<string, unknown>): number {
  const points = payload.points;
  return typeof points === 'number' && Number.isSafeInteger(points) && points > 0 ? points : 0;
}

/** The ledger key of a claim's credit: one per review item, so approving credits exactly once. */
export const claimLedgerKey = (reviewId: string) => `claim:${reviewId}`;

/** A rider claims points for an errand, a hazard report or an event; approval credits the points in the same tx. */
registerReviewKind({
  kind: 'claim',
  label: '积分申领',
  dueHours: CLAIM_DUE_HOURS,
  title: (p) => {
    const kind = claimKindOf(p);
    const description = String(p.description ?? '');
    const short = description.length > 24 ? `${description.slice(0, 24)}…` : description;
    return `${kind ? CLAIM_TITLES[kind] : '积分申领'}：${short}`;
  },
  amendable: z.object({
    description: z.string().trim().min(4).max(500),
    photos: z.array(z.string().min(1).max(300)).max(6),
  }).partial(),
  related: relatedHazards,
  async onApprove(tx, deps, item) {
    const kind = claimKindOf(item.payload);
    const points = claimPointsOf(item.payload);
    if (!kind || points === 0) return;
    await tx.ledger.append({
      id: deps.newId(),
      userId: item.submitterId,
      delta: points,
      reason: 'claim',
      key: claimLedgerKey(item.id),
      at: deps.now().toISOString(),
      note: CLAIM_TITLES[kind],
      category: claimCategory(kind),
      orgId: item.orgId,
    });
  },
  approvedNotice: (item) => {
    const kind = claimKindOf(item.payload);
    return `你的${kind ? CLAIM_TITLES[kind] : ''}积分申领已通过，获得 ${claimPointsOf(item.payload)} 积分。`;
  },
});

function hazardOf(item: ReviewRecord): { id: string; at: string; location: NonNullable<ReviewRecord['location']> } | null {
  if (item.kind !== 'claim' || claimKindOf(item.payload) !== 'hazard' || !item.location) return null;
  return { id: item.id, at: item.submittedAt, location: item.location };
}

/**
 * Possible duplicates of a hazard claim: other hazard reports within 100 m and 24 h of it (either side), nearest
 * first, distance rounded to metres. Any other item has none. For `review.get` to fill `item.related`.
 */
async function relatedHazards(repos: Pick<Repos, 'reviews'>, item: ReviewRecord): Promise<RelatedItem[]> {
  const report = hazardOf(item);
  if (!report) return [];
  const since = new Date(Date.parse(item.submittedAt) - HAZARD_DUPLICATE_WINDOW_HOURS * 3_600_000).toISOString();
  const candidates = (await repos.reviews.recentWithLocation('claim', since))
    .map((r) => ({ record: r, report: hazardOf(r) }))
    .filter((c): c is { record: ReviewRecord; report: NonNullable<ReturnType<typeof hazardOf>> } => c.report !== null)
    .map((c) => ({ ...c.report, title: c.record.title }));
  return possibleDuplicates(report, candidates).map(({ item: other, distanceM }) => ({
    id: other.id,
    title: other.title,
    distanceM: Math.round(distanceM),
  }));
}
