/** Every kind of review item, in one explicit list; each lives in the domain that files it. */
import { verificationKind } from '../account/verification-kind';
import { activityPointsKind } from '../../features/activities/activity-points-kind';
import { enrolmentKind } from '../../features/childcare/enrolment-kind';
import { claimKind } from '../../features/points/claim-kind';
import { caseKind } from '../../features/consult/case-kind';
import { stationChangeKind } from '../../features/stations/station-change-kind';
import { stationKind } from '../../features/stations/station-kind';
import { opinionKind } from '../../features/voice/opinion-kind';
import { wishKind } from '../../features/voice/wish-kind';
import { volunteerKind } from '../../features/volunteers/volunteer-kind';
import { registered, type RegisteredKind } from './review-kinds';

export const REVIEW_KINDS: readonly RegisteredKind[] = [registered(stationKind), registered(stationChangeKind), registered(verificationKind), registered(claimKind), registered(caseKind), registered(enrolmentKind), registered(volunteerKind), registered(wishKind), registered(opinionKind), registered(activityPointsKind)];

export function reviewKind(kind: string): RegisteredKind {
  const found = REVIEW_KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown review kind ${kind}`);
  return found;
}
