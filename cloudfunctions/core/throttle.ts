/**
 * How often one person may submit one kind of thing (an opinion, a wish, a station application, a claim…), so nobody
 * floods a committee's queue. Each person, kind and window (the hour, the Shanghai day) has a counter document keyed
 * by `_id`, taken inside the submission's own transaction, so concurrent submissions all count and a refused one
 * writes nothing. The person is named in the key only by a keyed hash: a counter taken with an anonymous opinion
 * must not name its author.
 */
import { AppError } from './errors';
import { hmac, purposeKey } from './crypto';
import { defineCollection, type Doc, type Tx } from './store/docstore.port';
import { shanghaiDay } from './time';

export interface SubmissionLimit {
  perHour: number;
  perDay: number;
}

export interface ThrottleDoc extends Doc {
  count: number;
}

export const throttles = defineCollection<ThrottleDoc>({ name: 'submission_counts', indexes: [] });

const HOUR_MS = 3_600_000;

/** The windows a submission at `now` counts in, with the answer to give once one is full. */
export function submissionWindows(subject: string, limit: SubmissionLimit, label: string, now: Date): { id: string; max: number; refusal: string }[] {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  const minutesLeft = Math.ceil(((hour + 1) * HOUR_MS - now.getTime()) / 60_000);
  return [
    { id: `${subject}:h${hour}`, max: limit.perHour, refusal: `提交太频繁了：每小时最多提交 ${limit.perHour} 份${label}，请 ${minutesLeft} 分钟后再试` },
    { id: `${subject}:d${shanghaiDay(now)}`, max: limit.perDay, refusal: `今天已提交 ${limit.perDay} 份${label}，请明天再试` },
  ];
}

/** Counts one submission of `kind` by `userId`, or refuses it (RATE_LIMITED) when a window is full. */
export async function takeSubmission(
  tx: Tx,
  fieldKey: Buffer,
  userId: string,
  kind: { kind: string; label: string; limit: SubmissionLimit },
  now: Date,
): Promise<void> {
  const who = hmac(purposeKey(fieldKey, 'rider-hub:submission-counts'), userId).subarray(0, 16).toString('base64url');
  for (const w of submissionWindows(`${kind.kind}:${who}`, kind.limit, kind.label, now)) {
    const count = (await tx.get(throttles, w.id))?.count ?? 0;
    if (count >= w.max) throw new AppError('RATE_LIMITED', w.refusal);
    await tx.set(throttles, { _id: w.id, count: count + 1 });
  }
}
