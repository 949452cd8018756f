import { ApiError } from '../api/client';

export const DEFAULT_ERROR_TEXT = '加载失败，请检查网络后重试';

/**
 * What to tell the user about a failed call: the server's own message (already Chinese), else `fallback` — the
 * page's words for a network failure ("网络不给力，签到码未能生成，请重试"), by default a failed load.
 */
export const errorText = (e: unknown, fallback = DEFAULT_ERROR_TEXT) => (e instanceof ApiError ? e.message : fallback);

/** For an action that failed (rather than a page that did not load). */
export const NETWORK_ERROR_TEXT = '网络不给力，请检查网络后重试';

/**
 * Errors that trying again cannot fix (no permission, not found, bad input): a page says why and offers no 重试.
 * Network failures and a busy server (INTERNAL, RATE_LIMITED, CONFLICT) may pass, so those keep 重试.
 */
export const isFinal = (e: unknown) => e instanceof ApiError && ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'INVALID_INPUT', 'EXPIRED'].includes(e.code);
