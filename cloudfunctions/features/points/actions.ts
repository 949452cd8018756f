import { defineFunction } from '../../core/runtime';
import * as points from './points.service';
import * as stock from './reward-stock';

export const pointsFunction = defineFunction('points', {
  balance: { access: 'anyone', run: points.balance },
  ledger: { access: 'anyone', run: points.ledgerPage },
  claim: { access: 'anyone', run: points.claim },
  createReward: { access: ['admin', 'cadre'], run: points.createReward },
  rewards: { access: 'anyone', run: points.rewards },
  manageRewards: { access: ['admin', 'cadre'], run: stock.manageRewards },
  restockReward: { access: ['admin', 'cadre'], run: stock.restockReward },
  retireReward: { access: ['admin', 'cadre'], run: stock.retireReward },
  redeemReward: { access: 'anyone', run: points.redeemReward },
  redemptions: { access: 'anyone', run: points.redemptionsOfUser },
  collect: { access: ['staff'], run: points.collect },
  leaderboard: { access: 'anyone', run: points.leaderboard },
  nameStar: { access: ['cadre', 'admin'], run: points.nameStar },
});
