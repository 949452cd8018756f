import { z } from 'zod';
import { id, line, listInput, text } from './common';
import {
  OPINION_AREAS,
  OPINION_TEXT_MAX,
  STORY_MAX,
  WISH_FOR,
  WISH_TEXT_MAX,
  type NominationStatus,
  type OpinionArea,
  type OpinionStatus,
  type RoundStatus,
  type WishFor,
  type WishStatus,
} from './voice-labels';

export * from './voice-labels';

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');
const photo = z.string().trim().min(1).max(300);

/** A wish as the wall shows it: never who wished it. */
export interface Wish {
  id: string;
  orgId: string;
  forWhom: WishFor;
  text: string;
  photo?: string;
  status: WishStatus;
  publishedAt?: string;
  claimedByName?: string;
  /** The caller holds the claim (and may mark it fulfilled). */
  claimedByMe?: boolean;
  fulfilledAt?: string;
  thanks?: string;
}

/** The wisher's own view: the review item to follow while it waits. */
export interface MyWish extends Wish {
  reviewId: string;
  createdAt: string;
}

export interface Opinion {
  id: string;
  orgId: string;
  area: OpinionArea;
  text: string;
  anonymous: boolean;
  status: OpinionStatus;
  at: string;
  answer?: string;
  answeredAt?: string;
  published: boolean;
  reviewId: string;
  /** Cadres only, and only when the rider gave their name. */
  authorName?: string;
}

/** A published answer: the question as the committee published it, and the answer; never who asked. */
export interface PublicAnswer {
  id: string;
  orgId: string;
  area: OpinionArea;
  question: string;
  answer: string;
  answeredAt: string;
}

export interface OpinionFigures {
  received: number;
  answered: number;
  byArea: Record<OpinionArea, number>;
  /** Mean hours from an opinion to its answer, one decimal; null when none was answered. */
  meanAnswerHours: number | null;
}

export interface Round {
  id: string;
  orgId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  winners: number;
  status: RoundStatus;
}

export interface Candidate {
  nomineeId: string;
  displayName: string;
  story: string;
  status: NominationStatus;
  votes: number;
  winner: boolean;
}

export interface RoundView {
  round: Round;
  candidates: Candidate[];
  /** The caller may vote in this round (verified rider of the committee, voting open today). */
  canVote: boolean;
  votedToday: boolean;
  /** The caller's own nomination in this round, while it waits for their answer. */
  askedOfMe?: { story: string };
  /** The caller may open, shortlist and publish here. */
  manage: boolean;
}

export const voiceSchemas = {
  postWish: z.object({ forWhom: z.enum(WISH_FOR), text: text(4, WISH_TEXT_MAX), photo: photo.optional() }),
  wishes: listInput.extend({ orgId: id.optional() }),
  myWishes: z.object({}),
  claimWish: z.object({ wishId: id }),
  fulfilWish: z.object({ wishId: id }),
  thankWish: z.object({ wishId: id, message: text(2, 200) }),

  sendOpinion: z.object({ area: z.enum(OPINION_AREAS), text: text(4, OPINION_TEXT_MAX), anonymous: z.boolean().default(false) }),
  myOpinions: listInput,
  answers: listInput.extend({ area: z.enum(OPINION_AREAS).optional() }),
  /** A cadre's open opinions in scope. */
  opinionQueue: listInput,
  answerOpinion: z.object({ opinionId: id, answer: text(2, 1000), publish: z.boolean().default(false) }),
  publishAnswer: z.object({ opinionId: id, publish: z.boolean(), question: text(4, OPINION_TEXT_MAX).optional() }),
  opinionFigures: z.object({ orgId: id, from: day, to: day }),

  openRound: z
    .object({ orgId: id, title: line(2, 40), startsOn: day, endsOn: day, winners: z.number().int().min(1).max(20) })
    .refine((r) => r.startsOn <= r.endsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] }),
  rounds: z.object({}),
  round: z.object({ roundId: id }),
  riders: listInput.extend({ roundId: id }),
  nominate: z.object({ roundId: id, nomineeId: id, story: text(10, STORY_MAX) }),
  answerNomination: z.object({ roundId: id, accept: z.boolean() }),
  shortlist: z.object({ roundId: id, nomineeIds: z.array(id).min(1).max(50) }),
  vote: z.object({ roundId: id, nomineeId: id }),
  publishResults: z.object({ roundId: id }),
};

export interface VoiceApi {
  postWish: { output: { wish: MyWish } };
  wishes: { output: { wishes: Wish[]; cursor?: string } };
  myWishes: { output: { wishes: MyWish[] } };
  claimWish: { output: { wish: Wish } };
  fulfilWish: { output: { wish: Wish } };
  thankWish: { output: { wish: MyWish } };

  sendOpinion: { output: { opinion: Opinion } };
  myOpinions: { output: { opinions: Opinion[]; cursor?: string } };
  answers: { output: { answers: PublicAnswer[]; cursor?: string } };
  opinionQueue: { output: { opinions: Opinion[]; cursor?: string } };
  answerOpinion: { output: { opinion: Opinion } };
  publishAnswer: { output: { opinion: Opinion } };
  opinionFigures: { output: { figures: OpinionFigures } };

  openRound: { output: { round: Round } };
  rounds: { output: { rounds: Round[] } };
  round: { output: RoundView };
  riders: { output: { riders: { id: string; displayName: string }[]; cursor?: string } };
  nominate: { output: { nominee: { id: string; displayName: string } } };
  answerNomination: { output: RoundView };
  shortlist: { output: RoundView };
  vote: { output: RoundView };
  publishResults: { output: RoundView };
}
