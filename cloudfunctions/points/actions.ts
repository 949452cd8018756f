import { defineFunction } from '../core/runtime';
import * as points from '../core/services/points';

export const pointsFunction = defineFunction('points', {
  balance: { access: 'anyone', run: points.balance },
  ledger: { access: 'anyone', run: points.ledger },
  claim: { access: 'anyone', run: points.claim },
  createReward: { access: ['admin', 'cadre'], run: points.createReward },
  rewards: { access: 'anyone', run: points.rewards },
  redeemReward: { access: 'anyone', run: points.redeemReward },
  redemptions: { access: 'anyone', run: points.redemptions },
  collect: { access: ['staff'], run: points.collect },
  leaderboard: { access: 'anyone', run: points.leaderboard },
  nameStar: { access: ['cadre', 'admin'], run: points.nameStar },
});
