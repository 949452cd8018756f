import { defineFunction } from '../../core/runtime';
import * as awards from './awards';
import * as opinions from './opinions';
import * as wishes from './wishes';

/** Who may claim a wish: volunteers and partners (station staff), and the committees themselves. */
const HELPERS = ['volunteer', 'staff', 'cadre', 'admin'] as const;

export const voiceFunction = defineFunction('voice', {
  postWish: { access: 'anyone', run: wishes.postWish },
  wishes: { access: 'anyone', run: wishes.wall },
  myWishes: { access: 'anyone', run: wishes.myWishes },
  claimWish: { access: HELPERS, run: wishes.claimWish },
  fulfilWish: { access: HELPERS, run: wishes.fulfilWish },
  thankWish: { access: 'anyone', run: wishes.thankWish },

  sendOpinion: { access: 'anyone', run: opinions.sendOpinion },
  myOpinions: { access: 'anyone', run: opinions.myOpinions },
  answers: { access: 'anyone', run: opinions.answers },
  opinionQueue: { access: ['cadre', 'admin'], run: opinions.opinionQueue },
  answerOpinion: { access: ['cadre', 'admin'], run: opinions.answerOpinion },
  publishAnswer: { access: ['cadre', 'admin'], run: opinions.publishAnswer },
  opinionFigures: { access: ['cadre', 'admin'], run: opinions.figures },

  openRound: { access: ['cadre', 'admin'], run: awards.openRound },
  rounds: { access: 'anyone', run: awards.roundList },
  round: { access: 'anyone', run: awards.roundView },
  riders: { access: 'anyone', run: awards.riders },
  nominate: { access: 'anyone', run: awards.nominate },
  answerNomination: { access: 'anyone', run: awards.answerNomination },
  shortlist: { access: ['cadre', 'admin'], run: awards.shortlist },
  vote: { access: 'anyone', run: awards.vote },
  publishResults: { access: ['cadre', 'admin'], run: awards.publishResults },
});
