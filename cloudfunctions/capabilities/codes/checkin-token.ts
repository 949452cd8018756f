/**
 * Check-in codes: a signed token shown as a QR code, and a short numeric code for typing when a camera fails.
 *
 * Token: `v1.<payload>.<signature>`, where payload is base64url JSON `{ u: internal user id, n: nonce, e: expiry in
 * ms since the epoch }` (never the OPENID) and signature is base64url HMAC-SHA-256 over `v1.<payload>` with the
 * token key. Verification recomputes the signature and compares the base64url text in constant time (comparing
 * text, not decoded bytes, so that an altered last character, whose low bits base64 would discard, is caught too).
 *
 * Outcomes: anything that is not a token we signed (malformed, forged, altered, signed with another key, claiming a
 * longer life than we issue) is FORBIDDEN; a genuine token past its expiry plus the skew tolerance is EXPIRED.
 * Input that the schema rejects (too short, too long) is INVALID_INPUT before it gets here; everything else the
 * schema lets through and that is not a code of ours is FORBIDDEN — we do not tell a prober which part was wrong.
 *
 * Single use is not this module's business: whatever the scan does inserts the code's use in its transaction
 * (code-uses.ts).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hmac, safeEqual } from '../../core/crypto';
import type { UserDoc } from '../../core/identity';
import { StoreConflict, type DocReader, type DocStore } from '../../core/store/docstore.port';
import { CODE_TTL_SECONDS, SHORT_CODE_DIGITS, SHORT_CODE_RESERVE_SECONDS, codeTimeOutcome } from './checkin-rules';
import { codes, shortCodes, type CodeDoc, type ShortCodeDoc } from './collections';

const VERSION = 'v1';
const B64URL = /^[A-Za-z0-9_-]+$/;
const SHORT_CODE = new RegExp(`^\\d{${SHORT_CODE_DIGITS}}$`);
/** Longest user id or nonce a genuine payload carries. */
const MAX_FIELD = 128;

export interface CodePayload {
  /** Internal user id of the rider. */
  uid: string;
  nonce: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export type TokenFailure = 'malformed' | 'bad-signature' | 'expired' | 'too-far-ahead';

export type TokenOutcome = { ok: true; payload: CodePayload } | { ok: false; code: 'FORBIDDEN' | 'EXPIRED'; reason: TokenFailure };

function signature(key: Buffer, signed: string): string {
  return hmac(key, signed).toString('base64url');
}

export function signCheckinToken(key: Buffer, payload: CodePayload): string {
  const body = Buffer.from(JSON.stringify({ u: payload.uid, n: payload.nonce, e: payload.exp })).toString('base64url');
  const signed = `${VERSION}.${body}`;
  return `${signed}.${signature(key, signed)}`;
}

function readPayload(body: string): CodePayload | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { u, n, e } = value as Record<string, unknown>;
    if (typeof u !== 'string' || typeof n !== 'string' || typeof e !== 'number') return null;
    if (!u || !n || u.length > MAX_FIELD || n.length > MAX_FIELD || !Number.isSafeInteger(e)) return null;
    return { uid: u, nonce: n, exp: e };
  } catch {
    return null;
  }
}

/** Checks signature, then expiry (with the skew tolerance); `now` is passed in. */
export function verifyCheckinToken(key: Buffer, token: string, now: Date): TokenOutcome {
  const [version, body, sig, ...extra] = token.split('.');
  if (version !== VERSION || body === undefined || sig === undefined || extra.length > 0 || !B64URL.test(body) || !B64URL.test(sig)) {
    return { ok: false, code: 'FORBIDDEN', reason: 'malformed' };
  }
  const expected = signature(key, `${version}.${body}`);
  if (!safeEqual(Buffer.from(expected), Buffer.from(sig))) return { ok: false, code: 'FORBIDDEN', reason: 'bad-signature' };
  // Only a payload we signed is parsed.
  const payload = readPayload(body);
  if (!payload) return { ok: false, code: 'FORBIDDEN', reason: 'malformed' };
  const time = codeTimeOutcome(payload.exp, now.getTime());
  if (time === 'expired') return { ok: false, code: 'EXPIRED', reason: 'expired' };
  if (time === 'too-far-ahead') return { ok: false, code: 'FORBIDDEN', reason: 'too-far-ahead' };
  return { ok: true, payload };
}

/** A token we signed, expired or not, with its payload: what the rider's status poll needs, without reading the store. */
export function genuineToken(key: Buffer, token: string, now: Date): { payload: CodePayload; expired: boolean } | null {
  const verified = verifyCheckinToken(key, token, now);
  if (verified.ok) return { payload: verified.payload, expired: false };
  if (verified.code !== 'EXPIRED') return null;
  const payload = readPayload(token.split('.')[1] ?? '');
  return payload ? { payload, expired: true } : null;
}

export function isShortCode(code: string): boolean {
  return SHORT_CODE.test(code);
}

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function randomShortCode(): string {
  return String(randomInt(0, 10 ** SHORT_CODE_DIGITS)).padStart(SHORT_CODE_DIGITS, '0');
}

export const SHORT_CODE_ATTEMPTS = 20;

/**
 * Issues a code for the rider: three requests, no transaction. The short code is drawn until its keyed document is
 * taken for this code — inserted when never issued, or taken over with a conditional update when its reservation has
 * run out — so two codes issued at once can never hold one short code. Then the code itself is stored.
 */
export async function issueCheckinCode(
  store: DocStore,
  key: Buffer,
  rider: Pick<UserDoc, '_id' | 'displayName' | 'orgId'>,
  now: Date,
  drawShortCode: () => string = randomShortCode,
): Promise<CodeDoc> {
  const nonce = newNonce();
  const exp = now.getTime() + CODE_TTL_SECONDS * 1000;
  const reservedUntil = new Date(exp + SHORT_CODE_RESERVE_SECONDS * 1000).toISOString();
  for (let attempt = 0; attempt < SHORT_CODE_ATTEMPTS; attempt++) {
    const shortCode = drawShortCode();
    if (!isShortCode(shortCode)) throw new Error('short code generator gave a malformed code');
    if (!(await takeShortCode(store, { _id: shortCode, nonce, reservedUntil }, now))) continue;
    const record: CodeDoc = {
      _id: nonce,
      userId: rider._id,
      riderName: rider.displayName,
      ...(rider.orgId ? { riderOrgId: rider.orgId } : {}),
      shortCode,
      token: signCheckinToken(key, { uid: rider._id, nonce, exp }),
      expiresAt: new Date(exp).toISOString(),
    };
    await store.insert(codes, record);
    return record;
  }
  throw new Error('no free short code after retries');
}

/** The short code for this code, unless another code holds it. */
async function takeShortCode(store: DocStore, claim: ShortCodeDoc, now: Date): Promise<boolean> {
  try {
    await store.insert(shortCodes, claim);
    return true;
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
  }
  const { nonce, reservedUntil } = claim;
  return store.updateIf(shortCodes, claim._id, { reservedUntil: { $lte: now.toISOString() } }, { set: { nonce, reservedUntil } });
}

export type ResolveOutcome = { ok: true; record: CodeDoc; expired: boolean } | { ok: false; code: 'FORBIDDEN' | 'EXPIRED'; reason: TokenFailure | 'unknown' };

/** The code a short code names while it is reserved. */
async function byShortCode(store: Pick<DocReader, 'get'>, shortCode: string, now: Date): Promise<CodeDoc | null> {
  const held = await store.get(shortCodes, shortCode);
  if (!held || Date.parse(held.reservedUntil) <= now.getTime()) return null;
  return store.get(codes, held.nonce);
}

/**
 * Finds the stored code a scanned token or typed short code names, after verifying it. `expired` on success is
 * only ever true when `allowExpired` is set (the rider's status poll); otherwise an expired code is EXPIRED.
 */
export async function resolveCheckinCode(store: Pick<DocReader, 'get'>, key: Buffer, code: string, now: Date, allowExpired = false): Promise<ResolveOutcome> {
  let record: CodeDoc | null = null;
  if (isShortCode(code)) {
    record = await byShortCode(store, code, now);
    if (!record) return { ok: false, code: 'FORBIDDEN', reason: 'unknown' };
    code = record.token;
  }
  const verified = verifyCheckinToken(key, code, now);
  let expired = false;
  if (!verified.ok) {
    if (verified.code !== 'EXPIRED' || !allowExpired) return verified;
    expired = true;
  }
  // Re-read the payload of an expired token: its signature was checked above.
  const payload = verified.ok ? verified.payload : readPayload(code.split('.')[1] ?? '');
  if (!payload) return { ok: false, code: 'FORBIDDEN', reason: 'malformed' };
  if (!record || record._id !== payload.nonce) record = await store.get(codes, payload.nonce);
  // A valid signature without a stored record (or with another rider's) means the key signed something we never
  // issued: refuse it rather than trust it.
  if (!record || record.userId !== payload.uid || record.token !== code) return { ok: false, code: 'FORBIDDEN', reason: 'unknown' };
  return { ok: true, record, expired };
}
