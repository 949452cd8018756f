import type { InputOf } from '../../types';
import { callFunction } from './client';

export const balance = (input: InputOf<'points', 'balance'>) => callFunction('points', 'balance', input);
export const ledger = (input: InputOf<'points', 'ledger'>) => callFunction('points', 'ledger', input);
export const claim = (input: InputOf<'points', 'claim'>) => callFunction('points', 'claim', input);
export const createReward = (input: InputOf<'points', 'createReward'>) => callFunction('points', 'createReward', input);
export const rewards = (input: InputOf<'points', 'rewards'>) => callFunction('points', 'rewards', input);
export const redeemReward = (input: InputOf<'points', 'redeemReward'>) => callFunction('points', 'redeemReward', input);
export const redemptions = (input: InputOf<'points', 'redemptions'>) => callFunction('points', 'redemptions', input);
export const collect = (input: InputOf<'points', 'collect'>) => callFunction('points', 'collect', input);
export const leaderboard = (input: InputOf<'points', 'leaderboard'>) => callFunction('points', 'leaderboard', input);
export const nameStar = (input: InputOf<'points', 'nameStar'>) => callFunction('points', 'nameStar', input);
export const manageRewards = (input: InputOf<'points', 'manageRewards'>) => callFunction('points', 'manageRewards', input);
export const restockReward = (input: InputOf<'points', 'restockReward'>) => callFunction('points', 'restockReward', input);
export const retireReward = (input: InputOf<'points', 'retireReward'>) => callFunction('points', 'retireReward', input);
