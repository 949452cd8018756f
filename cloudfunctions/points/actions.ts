import { defineFunction } from '../core/runtime';
import * as points from './points.service';

export const pointsFunction = defineFunction('points', {
  balance: { access: 'anyone', run: points.balance },
  ledger: { access: 'anyone', run: points.ledgerPage },
  claim: { access: 'anyone', run: points.claim },
  createReward: { access: ['admin', 'cadre'], run: points.createReward },
  rewards: { access: 'anyone', run: points.rewards },
  redeemReward: { access: 'anyone', run: points.redeemReward },
  redemptions: { access: 'anyone', run: points.redemptionsOfUser },
  collect: { access: ['staff'], run: points.collect },
  leaderboard: { access: 'anyone', run: points.leaderboard },
  nameStar: { access: ['cadre', 'admin'], run: points.nameStar },
});
