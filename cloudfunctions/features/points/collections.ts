import { defineCollection, type Doc } from '../../core/store/docstore.port';

export interface RewardDoc extends Doc {
  name: string;
  cost: number;
  stock: number;
  description?: string;
  /** The committee offering it (its cadres manage it); none: county-wide, managed by admins. */
  orgId?: string;
  /** No longer offered; existing redemptions are still collected. */
  retired?: boolean;
  createdAt: string;
}

export const rewards = defineCollection<RewardDoc>({ name: 'rewards', indexes: [{ fields: ['createdAt'] }] });

/** Keyed `<userId>:<requestId>`, so a repeated request finds the first redemption. */
export interface RedemptionDoc extends Doc {
  userId: string;
  rewardId: string;
  rewardName: string;
  cost: number;
  pickupCode: string;
  status: 'ready' | 'collected';
  at: string;
  collectedAt?: string;
  collectedBy?: string;
}

export const redemptions = defineCollection<RedemptionDoc>({ name: 'redemptions', indexes: [{ fields: ['userId', 'at'] }] });

/**
 * Keyed `<userId>:<requestId>`, like the redemption: held by the one call redeeming that request while it takes a
 * unit of stock and spends (a repeat of the request waits for that call's outcome instead of taking a unit too);
 * removed when that call fails.
 */
export interface RedeemClaimDoc extends Doc {
  at: string;
}

export const redeemClaims = defineCollection<RedeemClaimDoc>({ name: 'reward_claims', indexes: [] });

/** A pickup code, keyed by the code: held by a redemption until collected, then free to be drawn again. */
export interface PickupDoc extends Doc {
  redemptionId: string;
  collected: boolean;
}

export const pickups = defineCollection<PickupDoc>({ name: 'pickups', indexes: [] });

export const POINTS_COLLECTIONS = [rewards, redemptions, redeemClaims, pickups];
