/**
 * Paging cursors as callers see them: the store's cursor with a MAC over the function, the action, the caller and the
 * query's other inputs. A cursor the server did not hand to this caller for this very query — malformed, altered,
 * someone else's, or another list's — opens to nothing, and the call is INVALID_INPUT before any store is read.
 */
import { hmac, safeEqual } from './crypto';

const MAC_BYTES = 16;

/** What a cursor is bound to: the route, the caller and every input except the cursor and the page size. */
export interface CursorScope {
  fn: string;
  action: string;
  userId: string;
  input: Record<string, unknown>;
}

function macOf(tokenKey: Buffer, scope: CursorScope, inner: string): string {
  const { cursor: _cursor, limit: _limit, ...query } = scope.input;
  const bound = JSON.stringify(['cursor', scope.fn, scope.action, scope.userId, query, inner]);
  return hmac(tokenKey, bound).subarray(0, MAC_BYTES).toString('base64url');
}

export function sealCursor(tokenKey: Buffer, scope: CursorScope, inner: string): string {
  return `${inner}.${macOf(tokenKey, scope, inner)}`;
}

/** The store's cursor inside a sealed one; null when it was not sealed for this scope. */
export function openCursor(tokenKey: Buffer, scope: CursorScope, sealed: string): string | null {
  const dot = sealed.lastIndexOf('.');
  if (dot <= 0) return null;
  const inner = sealed.slice(0, dot);
  // Compared as text: two spellings of one MAC in base64 would let an altered cursor through.
  return safeEqual(Buffer.from(sealed.slice(dot + 1)), Buffer.from(macOf(tokenKey, scope, inner))) ? inner : null;
}
