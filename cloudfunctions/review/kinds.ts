/** Every kind of review item, in one explicit list; each lives in the domain that files it. */
import { verificationKind } from '../account/verification-kind';
import { claimKind } from '../points/claim-kind';
import { stationKind } from '../stations/station-kind';
import { registered, type RegisteredKind } from './review-kinds';

export const REVIEW_KINDS: readonly RegisteredKind[] = [registered(stationKind), registered(verificationKind), registered(claimKind)];

export function reviewKind(kind: string): RegisteredKind {
  const found = REVIEW_KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown review kind ${kind}`);
  return found;
}
