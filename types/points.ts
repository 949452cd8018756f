import { z } from 'zod';
import { cursor, id, latLng, line, text, type LatLng } from './common';
import { PICKUP_CODE_DIGITS } from './limits';
import { BOARD_CATEGORIES, CLAIM_KINDS, type ClaimKind, type LedgerReason, type RedemptionStatus } from './points-labels';

export * from './points-labels';

export interface LedgerEntry {
  id: string;
  delta: number;
  reason: LedgerReason | (string & {});
  at: string;
  note?: string;
}

export interface Reward {
  id: string;
  name: string;
  cost: number;
  stock: number;
  description?: string;
}

/** A reward as those who manage it see it: the committee that offers it (none: the whole county) and whether it is retired. */
export interface ManagedReward extends Reward {
  orgId?: string;
  retired: boolean;
}

export interface Redemption {
  id: string;
  rewardId: string;
  rewardName: string;
  cost: number;
  pickupCode: string;
  status: RedemptionStatus;
  at: string;
  collectedAt?: string;
}

export interface ClaimPayload {
  kind: ClaimKind;
  description: string;
  location?: LatLng;
  photos?: string[];
  points: number;
}

export interface BoardRow {
  /** Only for cadres of the board's committee (to name a star). */
  userId?: string;
  /** The rider's display name if they chose to be listed (or the caller is a cadre in scope); otherwise a stand-in. */
  displayName: string;
  /** The caller's own row. */
  me?: boolean;
  count: number;
  rank: number;
  star: boolean;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const pointsSchemas = {
  balance: z.object({}),
  ledger: z.object({ cursor: cursor.optional(), limit: z.number().int().min(1).max(100).default(20) }),
  claim: z
    .object({
      kind: z.enum(CLAIM_KINDS),
      description: text(4, 500),
      location: latLng.optional(),
      photos: z.array(z.string().min(1).max(300)).max(6).optional(),
    })
    .refine((c) => c.kind !== 'hazard' || (c.location && c.photos?.length), {
      message: '隐患上报需要照片和位置',
      path: ['photos'],
    }),
  createReward: z.object({
    name: line(1, 40),
    cost: z.number().int().min(1).max(1_000_000),
    stock: z.number().int().min(0).max(1_000_000),
    description: text(0, 200).optional(),
    /** The committee offering it; a cadre's own committee when left out (an admin's reward is county-wide). */
    orgId: id.optional(),
  }),
  rewards: z.object({}),
  /** Admins and cadres: the rewards they manage, retired ones included. */
  manageRewards: z.object({}),
  restockReward: z.object({ id, add: z.number().int().min(1).max(100_000) }),
  retireReward: z.object({ id }),
  redeemReward: z.object({ rewardId: id, requestId: z.string().trim().min(8).max(64) }),
  redemptions: z.object({}),
  collect: z.object({
    pickupCode: z
      .string()
      .trim()
      .regex(new RegExp(`^\\d{${PICKUP_CODE_DIGITS}}$`), `取货码为 ${PICKUP_CODE_DIGITS} 位数字`),
    stationId: id,
  }),
  leaderboard: z.object({ month: month.optional(), category: z.enum(BOARD_CATEGORIES), orgId: id.optional() }),
  nameStar: z.object({ month, category: z.enum(BOARD_CATEGORIES), userId: id, orgId: id }),
};

export interface PointsApi {
  balance: { output: { balance: number } };
  ledger: { output: { entries: LedgerEntry[]; cursor?: string } };
  claim: { output: { reviewId: string } };
  createReward: { output: { reward: Reward } };
  rewards: { output: { rewards: Reward[] } };
  manageRewards: { output: { rewards: ManagedReward[] } };
  restockReward: { output: { reward: ManagedReward } };
  retireReward: { output: { reward: ManagedReward } };
  redeemReward: { output: { redemptionId: string; balance: number; pickupCode: string } };
  redemptions: { output: { redemptions: Redemption[] } };
  collect: { output: { redemption: Redemption; riderName: string } };
  leaderboard: { output: { month: string; category: string; orgId: string; rows: BoardRow[] } };
  nameStar: { output: { userId: string; title: string } };
}
