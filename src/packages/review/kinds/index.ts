import type { ReviewKindName } from '../../../../types/review-labels';
import { caseView } from './case';
import { claimView } from './claim';
import { enrolmentView } from './enrolment';
import type { KindView } from './kind-view';
import { opinionView } from './opinion';
import { stationChangeView } from './station-change';
import { stationView } from './station';
import { verificationView } from './verification';
import { volunteerView } from './volunteer';
import { wishView } from './wish';

export type { DecisionCopy, KindView } from './kind-view';

/** One view per kind the server files: a kind missing here does not compile. */
export const KIND_VIEWS: Record<ReviewKindName, KindView> = {
  station: stationView,
  'station-change': stationChangeView,
  verification: verificationView,
  claim: claimView,
  case: caseView,
  enrolment: enrolmentView,
  volunteer: volunteerView,
  wish: wishView,
  opinion: opinionView,
};
