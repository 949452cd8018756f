/**
 * Limits on wrong guesses of things people type (check-in short codes, pickup codes), kept in the store so they hold
 * across function instances. Each counted subject (a staff member, a station) has a counter document per minute and
 * per Shanghai day, keyed by `_id`, so concurrent wrong tries all count.
 */
import { AppError } from './errors';
import { defineCollection, type Doc, type DocReader, type DocStore } from './store/docstore.port';
import { shanghaiDay } from './time';

export interface AttemptLimit {
  perMinute: number;
  perDay: number;
}

/** Whose wrong tries are counted, under which limit: e.g. `checkin-code:staff:<userId>`. */
export interface Counted extends AttemptLimit {
  key: string;
}

export interface AttemptDoc extends Doc {
  failures: number;
}

export const attempts = defineCollection<AttemptDoc>({ name: 'attempts', indexes: [] });

function windows(c: Counted, now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  return [
    { id: `${c.key}:m${minute}`, max: c.perMinute, retryInSeconds: 60 - (Math.floor(now.getTime() / 1000) % 60) },
    { id: `${c.key}:d${shanghaiDay(now)}`, max: c.perDay, retryInSeconds: null },
  ];
}

/** RATE_LIMITED, saying when to try again, once any subject has used up a window of wrong tries. */
export async function assertAttemptsLeft(store: DocReader, counted: readonly Counted[], now: Date): Promise<void> {
  for (const c of counted) {
    for (const w of windows(c, now)) {
      const used = (await store.get(attempts, w.id))?.failures ?? 0;
      if (used >= w.max) {
        throw new AppError('RATE_LIMITED', w.retryInSeconds === null ? '今天输错的次数太多，请明天再试或改用扫码' : `输错的次数太多，请 ${w.retryInSeconds} 秒后再试`);
      }
    }
  }
}

/** Counts one wrong try against every subject, in both windows. */
export async function recordWrongAttempt(store: DocStore, counted: readonly Counted[], now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    for (const c of counted) {
      for (const w of windows(c, now)) {
        const failures = ((await tx.get(attempts, w.id))?.failures ?? 0) + 1;
        await tx.set(attempts, { _id: w.id, failures });
      }
    }
  });
}

/**
 * Runs `attempt` unless someone counted is out of tries; a wrong answer (any AppError it throws) is counted before
 * it is thrown on. Right answers cost nothing.
 */
export async function limitGuesses<T>(store: DocStore, counted: readonly Counted[], now: Date, attempt: () => Promise<T>): Promise<T> {
  await assertAttemptsLeft(store, counted, now);
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof AppError) await recordWrongAttempt(store, counted, now);
    throw error;
  }
}
