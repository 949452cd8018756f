/**
 * Limits on guesses of things people type (check-in short codes, pickup codes), kept in the store so they hold across
 * function instances. Each counted subject (a staff member, a station) has a counter document per minute and per
 * Shanghai day, keyed by `_id`.
 *
 * A try is reserved in every window before the guess is judged, with a conditional increment that refuses a full
 * window, so a burst of guesses sent at once is judged no further than the same guesses one after another; a right
 * guess gives its reservation back, so honest staff are never held up by their own successes.
 */
import { AppError } from './errors';
import { StoreConflict, defineCollection, type Doc, type DocStore } from './store/docstore.port';
import { shanghaiDay } from './time';

export interface AttemptLimit {
  perMinute: number;
  perDay: number;
}

/** Whose tries are counted, under which limit: e.g. `checkin-code:staff:<userId>`. */
export interface Counted extends AttemptLimit {
  key: string;
}

export interface AttemptDoc extends Doc {
  /** Tries reserved in the window, less those given back by right guesses. */
  failures: number;
}

export const attempts = defineCollection<AttemptDoc>({ name: 'attempts', indexes: [] });

interface Window {
  id: string;
  max: number;
  retryInSeconds: number | null;
}

function windows(c: Counted, now: Date): Window[] {
  const minute = Math.floor(now.getTime() / 60_000);
  return [
    { id: `${c.key}:m${minute}`, max: c.perMinute, retryInSeconds: 60 - (Math.floor(now.getTime() / 1000) % 60) },
    { id: `${c.key}:d${shanghaiDay(now)}`, max: c.perDay, retryInSeconds: null },
  ];
}

function limited(w: Window): AppError {
  return new AppError(
    'RATE_LIMITED',
    w.retryInSeconds === null ? '今天输错的次数太多，请明天再试或改用扫码' : `输错的次数太多，请 ${w.retryInSeconds} 秒后再试`,
  );
}

/** Takes one try in the window unless it is full; the window's first try creates its document. */
async function reserve(store: DocStore, w: Window): Promise<boolean> {
  const take = () => store.updateIf(attempts, w.id, { failures: { $lt: w.max } }, { inc: { failures: 1 } });
  if (await take()) return true;
  try {
    await store.insert(attempts, { _id: w.id, failures: 1 });
    return true;
  } catch (error) {
    // Made by a concurrent try, or there all along and full.
    if (!(error instanceof StoreConflict)) throw error;
    return take();
  }
}

async function giveBack(store: DocStore, reserved: readonly Window[]): Promise<void> {
  await Promise.all(reserved.map((w) => store.updateIf(attempts, w.id, { failures: { $gt: 0 } }, { inc: { failures: -1 } })));
}

/**
 * Runs `attempt` with a try reserved against every subject in both windows, or answers RATE_LIMITED without running
 * it. A wrong answer (an AppError from `attempt`) keeps its tries; anything else gives them back.
 */
export async function limitGuesses<T>(store: DocStore, counted: readonly Counted[], now: Date, attempt: () => Promise<T>): Promise<T> {
  // One window after another, the narrowest first (a staff member's minute, then the station's…): a burst is stopped
  // by the first full window, and a try that gets a window has not been refused by an earlier one.
  const all = [0, 1].flatMap((stage) => counted.map((c) => windows(c, now)[stage]!));
  const taken: Window[] = [];
  for (const w of all) {
    if (await reserve(store, w)) {
      taken.push(w);
      continue;
    }
    await giveBack(store, taken);
    throw limited(w);
  }
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof AppError)) await giveBack(store, all);
    throw error;
  }
  await giveBack(store, all);
  return result;
}
