/**
 * A rider's code acts once, wherever it is scanned (a station's check-in, an activity, a meal, a care pack, a
 * volunteer's clock): whatever the scan does inserts the code's use, keyed by the code, in its own transaction. A
 * second scan, at once or later, meets that document and answers CONFLICT; nothing it would have written is written.
 */
import { conflict } from '../../core/errors';
import { StoreConflict, type DocStore, type Tx } from '../../core/store/docstore.port';
import { codeUses, type CodeUseDoc } from './collections';

export const CODE_USED = '该签到码已使用';

/** Marks the code used, inside the transaction of what the scan does (run by `withCodeUse`). */
export async function useCode(tx: Tx, use: CodeUseDoc): Promise<void> {
  await tx.insert(codeUses, use);
}

/** Runs a transaction that uses a code; a code used already, before or concurrently, answers CONFLICT. */
export async function withCodeUse<T>(store: DocStore, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await store.transaction(fn);
  } catch (error) {
    throw error instanceof StoreConflict ? conflict(CODE_USED) : error;
  }
}

/** How the rider's screen learns its code was scanned (one read by `_id`). */
export function codeUse(store: Pick<DocStore, 'get'>, ref: string): Promise<CodeUseDoc | null> {
  return store.get(codeUses, ref);
}
