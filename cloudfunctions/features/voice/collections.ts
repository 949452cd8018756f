import type { NominationStatus, OpinionArea, RoundStatus, WishFor } from '../../../types/voice-labels';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A wish as the wall shows it; who wished it lives apart, in `wish_authors`. */
export interface WishDoc extends Doc {
  orgId: string;
  forWhom: WishFor;
  text: string;
  photo?: string;
  status: 'pending' | 'published' | 'claimed' | 'fulfilled';
  reviewId: string;
  createdAt: string;
  publishedAt?: string;
  claimedBy?: string;
  claimedByName?: string;
  claimedAt?: string;
  fulfilledAt?: string;
  thanks?: string;
}

export const wishes = defineCollection<WishDoc>({
  name: 'wishes',
  indexes: [{ fields: ['status', 'publishedAt'] }, { fields: ['orgId', 'status', 'publishedAt'] }],
});

/** Keyed by wish id: who wished it, read only for the wisher and the committee. */
export interface WishAuthorDoc extends Doc {
  userId: string;
  at: string;
}

export const wishAuthors = defineCollection<WishAuthorDoc>({ name: 'wish_authors', indexes: [{ fields: ['userId', 'at'] }] });

/** Keyed by wish id: the one claimant; a second claim meets this document. */
export interface WishClaimDoc extends Doc {
  claimantId: string;
  at: string;
}

export const wishClaims = defineCollection<WishClaimDoc>({ name: 'wish_claims', indexes: [] });

/**
 * An opinion (团团递语). The author is never stored in clear: `authorKey` is a keyed hash (their own threads are found
 * by it, nobody can turn it back into a person; anonymous and named opinions carry different ones). An anonymous
 * opinion's `authorEnc` is sealed with a key only the notice sweep opens (anonymous-authors.ts).
 */
export interface OpinionDoc extends Doc {
  orgId: string;
  area: OpinionArea;
  textEnc: string;
  anonymous: boolean;
  authorKey: string;
  authorEnc?: string;
  /** Only when the rider gave their name. */
  authorName?: string;
  reviewId: string;
  status: 'open' | 'answered';
  at: string;
  answer?: string;
  answeredAt?: string;
  /** Answered, anonymous, and its author not told yet: the hourly sweep tells them. */
  tellAuthor?: boolean;
  published: boolean;
  /** The question as published (the cadre may take personal details out). */
  publicQuestion?: string;
  publishedAt?: string;
}

export const opinions = defineCollection<OpinionDoc>({
  name: 'opinions',
  indexes: [
    { fields: ['authorKey', 'at'] },
    { fields: ['orgId', 'status', 'at'] },
    { fields: ['orgId', 'published', 'area', 'publishedAt'] },
    { fields: ['tellAuthor', 'answeredAt'] },
  ],
});

/** Keyed `<orgId>:<day>` (Shanghai): opinions received by area, and answers given that day with their hours. */
export interface OpinionDayDoc extends Doc {
  orgId: string;
  day: string;
  received: number;
  byArea: Partial<Record<OpinionArea, number>>;
  answered: number;
  answerHours: number;
}

export const opinionDays = defineCollection<OpinionDayDoc>({ name: 'opinion_days', indexes: [{ fields: ['orgId', 'day'] }] });

export interface RoundDoc extends Doc {
  orgId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  winners: number;
  status: RoundStatus;
  createdBy: string;
  createdAt: string;
  publishedAt?: string;
}

export const rounds = defineCollection<RoundDoc>({ name: 'award_rounds', indexes: [{ fields: ['orgId', 'createdAt'] }, { fields: ['createdAt'] }] });

/** Keyed `<roundId>:<nomineeId>`: one nomination per rider and round. */
export interface NominationDoc extends Doc {
  roundId: string;
  nomineeId: string;
  nomineeName: string;
  story: string;
  nominatorId: string;
  status: NominationStatus;
  /** The votes for them as published (stored with the results; until then votes are counted from `votes`). */
  votes: number;
  winner: boolean;
  at: string;
}

export const nominations = defineCollection<NominationDoc>({ name: 'award_nominations', indexes: [{ fields: ['roundId', 'status'] }] });

/** Keyed `<roundId>:<nomineeId>`: the rider declined; they cannot be nominated again in this round. */
export const declines = defineCollection<Doc & { at: string }>({ name: 'award_declines', indexes: [] });

/**
 * Keyed `<roundId>:<voterId>:<day>`: one vote per verified rider, round and Shanghai day, inserted on its own; the
 * tally is a grouped count of these (no shared document that every voter writes).
 */
export interface VoteDoc extends Doc {
  roundId: string;
  voterId: string;
  nomineeId: string;
  day: string;
  at: string;
}

export const votes = defineCollection<VoteDoc>({ name: 'award_votes', indexes: [{ fields: ['roundId', 'nomineeId'] }] });

export const VOICE_COLLECTIONS = [wishes, wishAuthors, wishClaims, opinions, opinionDays, rounds, nominations, declines, votes];
