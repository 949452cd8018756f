/**
 * The kinds of review item the queue knows, handed to the review capability from the module list
 * (cloudfunctions/functions.ts): each kind lives in the module that files it, and the review capability never
 * imports a feature.
 */
import type { RegisteredKind } from './review-kinds';

export interface ReviewKinds {
  readonly all: readonly RegisteredKind[];
  of(kind: string): RegisteredKind;
}

export function reviewKindRegistry(kinds: readonly RegisteredKind[]): ReviewKinds {
  return {
    all: kinds,
    of(kind) {
      const found = kinds.find((k) => k.kind === kind);
      if (!found) throw new Error(`unknown review kind ${kind}`);
      return found;
    },
  };
}
