/** Riders' voice: pure rules (no store, no clock: `now` and days are passed in). */
import { OPINION_AREAS, type OpinionArea, type OpinionFigures, type RoundStatus } from '../../../types/voice';

export const WISH_DUE_HOURS = 72;
export const OPINION_DUE_HOURS = 72;
/** What a winner's profile says beside the round's title. */
export const AWARD_TITLE = '最美骑手';

export const nominationId = (roundId: string, nomineeId: string) => `${roundId}:${nomineeId}`;
export const voteId = (roundId: string, voterId: string, day: string) => `${roundId}:${voterId}:${day}`;
export const awardId = (roundId: string, userId: string) => `${roundId}:${userId}`;
export const opinionDayId = (orgId: string, day: string) => `${orgId}:${day}`;

export function shorten(text: string, max = 24): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

export type VotingState = 'open' | 'not-voting' | 'not-started' | 'ended';

/** Votes count only while the round is in its voting phase and `day` (Shanghai) lies within its dates. */
export function votingState(round: { status: RoundStatus; startsOn: string; endsOn: string }, day: string): VotingState {
  if (round.status !== 'voting') return 'not-voting';
  if (day < round.startsOn) return 'not-started';
  if (day > round.endsOn) return 'ended';
  return 'open';
}

/** Nominations are taken while the round nominates and its last day has not passed. */
export function nominationsOpen(round: { status: RoundStatus; endsOn: string }, day: string): boolean {
  return round.status === 'nominating' && day <= round.endsOn;
}

/** The `count` candidates with most votes; equal votes go to the earlier nomination, then the lower id. */
export function pickWinners<C extends { nomineeId: string; votes: number; at: string }>(candidates: readonly C[], count: number): C[] {
  return [...candidates].sort((a, b) => b.votes - a.votes || a.at.localeCompare(b.at) || a.nomineeId.localeCompare(b.nomineeId)).slice(0, count);
}

/** Hours between two instants, to one decimal. */
export function hoursBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10;
}

export interface DayCounts {
  received: number;
  byArea: Partial<Record<OpinionArea, number>>;
  answered: number;
  answerHours: number;
}

export const emptyDay = (): DayCounts => ({ received: 0, byArea: {}, answered: 0, answerHours: 0 });

export function countReceived(day: DayCounts, area: OpinionArea): DayCounts {
  return { ...day, received: day.received + 1, byArea: { ...day.byArea, [area]: (day.byArea[area] ?? 0) + 1 } };
}

export function countAnswered(day: DayCounts, hours: number): DayCounts {
  return { ...day, answered: day.answered + 1, answerHours: Math.round((day.answerHours + hours) * 10) / 10 };
}

/** A committee's figures over days of roll-ups. */
export function sumFigures(days: readonly DayCounts[]): OpinionFigures {
  const byArea = Object.fromEntries(OPINION_AREAS.map((a) => [a, 0])) as Record<OpinionArea, number>;
  let received = 0;
  let answered = 0;
  let hours = 0;
  for (const d of days) {
    received += d.received;
    answered += d.answered;
    hours += d.answerHours;
    for (const a of OPINION_AREAS) byArea[a] += d.byArea[a] ?? 0;
  }
  return { received, answered, byArea, meanAnswerHours: answered ? Math.round((hours / answered) * 10) / 10 : null };
}

/**
 * Anonymous authors are told of answers in hourly batches: at `now`, of every answer given before the current hour
 * began, with the notices stamped with that hour's start (Shanghai hours are whole UTC hours).
 */
export function anonymousNoticeCutoff(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
}

/** An org and the orgs above it, nearest first. */
export function pathToRoot(orgs: readonly { _id: string; parentId?: string }[], orgId: string): string[] {
  const byId = new Map(orgs.map((o) => [o._id, o]));
  const path: string[] = [];
  for (let at = byId.get(orgId); at && !path.includes(at._id); at = at.parentId ? byId.get(at.parentId) : undefined) path.push(at._id);
  return path;
}
