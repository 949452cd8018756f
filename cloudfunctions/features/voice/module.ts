import { registered } from '../../capabilities/review/review-kinds';
import { voiceFunction } from './actions';
import { tellAnonymousAuthors } from './anonymous-authors';
import { VOICE_COLLECTIONS } from './collections';
import { opinionKind } from './opinion-kind';
import { opinionFigures } from './opinions';
import { wishKind } from './wish-kind';

export default {
  name: 'voice',
  router: voiceFunction,
  collections: VOICE_COLLECTIONS,
  reviewKinds: [registered(wishKind), registered(opinionKind)],
  sweeps: [{ counts: 'toldAnonymous' as const, run: tellAnonymousAuthors }],
  figures: { opinions: opinionFigures },
};
