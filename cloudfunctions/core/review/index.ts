/** Registers every kind of review item. A new kind is one file here plus one import line. */
import './station-kind';
import './verification-kind';
import './claim-kind';

export { reviewKind, reviewKinds, registerReviewKind, type RelatedItem, type ReviewKind } from './review-kinds';
