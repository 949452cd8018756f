import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A ledger entry, keyed by its idempotency key: the same key can never be credited or spent twice. */
export interface LedgerDoc extends Doc {
  userId: string;
  delta: number;
  reason: string;
  at: string;
  note?: string;
  /** Board category this entry counts towards, if any. */
  category?: string;
  orgId?: string;
}

export const ledger = defineCollection<LedgerDoc>({
  name: 'ledger',
  indexes: [{ fields: ['userId', 'at'] }, { fields: ['category', 'at', 'orgId', 'delta', 'userId'] }],
});

/** A user's balance, keyed by user id; every entry moves it in the same transaction. */
export interface BalanceDoc extends Doc {
  balance: number;
}

export const balances = defineCollection<BalanceDoc>({ name: 'balances', indexes: [] });

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

/** Keyed `<orgId>:<month>:<category>:<userId>`: a rider is named once per board. */
export interface StarDoc extends Doc {
  orgId: string;
  month: string;
  category: string;
  userId: string;
  namedBy: string;
  at: string;
}

export const stars = defineCollection<StarDoc>({
  name: 'stars',
  indexes: [{ fields: ['orgId', 'month', 'category'] }, { fields: ['userId', 'month'] }],
});

export const POINTS_COLLECTIONS = [ledger, balances, rewards, redemptions, redeemClaims, pickups, stars];
