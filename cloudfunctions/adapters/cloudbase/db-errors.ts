/**
 * What CloudBase's database answers when a write loses, read from the error the SDK throws. Each outcome has more
 * than one reported form, and `npm run deploy -- --check` prints which one an environment really uses:
 *
 * - a write conflict inside a transaction: an answer with code `DATABASE_TRANSACTION_CONFLICT` (HTTP 200), or an
 *   HTTP 503, which `@cloudbase/node-sdk` throws as an error whose code is the status; `DATABASE_TRANSACTION_FAIL`
 *   is a transaction the service ended (its age), which running it again also cures;
 * - an `_id` that exists: `DATABASE_DUPLICATE_WRITE`, or inside a transaction `DATABASE_REQUEST_FAILED` with
 *   MongoDB's `E11000 duplicate key` message;
 * - a collection or a geo index that the deploy has not made (yet).
 */

export function dbErrorCode(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
}

function dbErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
}

const CONFLICT_CODES = new Set(['DATABASE_TRANSACTION_CONFLICT', 'DATABASE_TRANSACTION_FAIL', '503']);

/** A transaction that lost to another writer (or outlived its time): running it again is the cure. */
export function isWriteConflict(error: unknown): boolean {
  return CONFLICT_CODES.has(dbErrorCode(error));
}

/** An insert whose `_id` is taken. */
export function isDuplicateId(error: unknown): boolean {
  const code = dbErrorCode(error);
  return code === 'DATABASE_DUPLICATE_WRITE' || (code === 'DATABASE_REQUEST_FAILED' && /E11000/.test(dbErrorMessage(error)));
}

/** What `npm run deploy` makes and this error says is missing, or null. */
export function missingDeployedPart(error: unknown): 'a collection' | 'the geo index' | null {
  if (dbErrorCode(error) === 'DATABASE_COLLECTION_NOT_EXIST') return 'a collection';
  return /unable to find index/i.test(dbErrorMessage(error)) ? 'the geo index' : null;
}
