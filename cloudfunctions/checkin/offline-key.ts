/**
 * Keys for offline check-in codes (the code's format is in types/offline-code.ts, shared with the device).
 *
 * Verification answers like the online token's: anything that is not a code made with a key we issued (malformed,
 * unknown key, wrong MAC, a step too far ahead) is FORBIDDEN; a genuine code whose step is too old, or whose key has
 * run out, is EXPIRED. Single use is the redeem transaction's business: `claimOfflineStep` raises the key's last
 * used step.
 */
import { randomBytes } from 'node:crypto';
import {
  OFFLINE_KEY_HOURS,
  OFFLINE_STEPS_AHEAD,
  OFFLINE_STEPS_BEHIND,
  offlineMac,
  parseOfflineCode,
  stepAt,
  type HmacSha256,
  type OfflineCodeParts,
} from '../../types/offline-code';
import { hmac, openField, safeEqual, sealField } from '../core/crypto';
import { conflict, forbidden } from '../core/errors';
import type { DocReader, DocStore, Tx } from '../core/store/docstore.port';
import { addHours } from '../core/time';
import { offlineKeys, type OfflineKeyDoc } from './collections';

const nodeHmac: HmacSha256 = (key, message) => hmac(Buffer.from(key), Buffer.from(message).toString('latin1'));

export type OfflineOutcome =
  | { ok: true; key: OfflineKeyDoc; parts: OfflineCodeParts }
  | { ok: false; code: 'FORBIDDEN' | 'EXPIRED'; reason: 'malformed' | 'unknown' | 'bad-signature' | 'too-far-ahead' | 'expired' };

/** A new key for `userId`'s device: stored sealed, returned in clear once (the device keeps it). */
export async function issueOfflineKey(store: Pick<DocStore, 'insert'>, fieldKey: Buffer, userId: string, now: Date) {
  const secret = randomBytes(32).toString('base64url');
  const key: OfflineKeyDoc = {
    _id: randomBytes(12).toString('base64url'),
    userId,
    secretEnc: sealField(secret, fieldKey),
    issuedAt: now.toISOString(),
    validUntil: addHours(now, OFFLINE_KEY_HOURS).toISOString(),
    lastStep: 0,
  };
  await store.insert(offlineKeys, key);
  return { key, secret };
}

/** Checks an offline code against its key: the MAC first, then the key's validity and the step's window. */
export async function verifyOfflineCode(store: Pick<DocReader, 'get'>, fieldKey: Buffer, code: string, now: Date): Promise<OfflineOutcome> {
  const parts = parseOfflineCode(code);
  if (!parts) return { ok: false, code: 'FORBIDDEN', reason: 'malformed' };
  const key = await store.get(offlineKeys, parts.keyId);
  if (!key) return { ok: false, code: 'FORBIDDEN', reason: 'unknown' };
  const secret = Buffer.from(openField(key.secretEnc, fieldKey), 'base64url');
  const expected = offlineMac(nodeHmac, secret, key._id, parts.step);
  if (!safeEqual(Buffer.from(expected), Buffer.from(parts.mac))) return { ok: false, code: 'FORBIDDEN', reason: 'bad-signature' };
  const current = stepAt(now.getTime());
  if (parts.step > current + OFFLINE_STEPS_AHEAD) return { ok: false, code: 'FORBIDDEN', reason: 'too-far-ahead' };
  if (parts.step < current - OFFLINE_STEPS_BEHIND || now.getTime() > Date.parse(key.validUntil)) {
    return { ok: false, code: 'EXPIRED', reason: 'expired' };
  }
  return { ok: true, key, parts };
}

/**
 * Inside the redeem transaction: the key's last used step must be lower than this one, and becomes this one. Two scans
 * of one code both write the key document, so only one commits; an older code after a newer one is refused too.
 */
export async function claimOfflineStep(tx: Tx, keyId: string, step: number): Promise<void> {
  const key = await tx.get(offlineKeys, keyId);
  if (!key) throw forbidden('签到码无效，请让骑手出示本人的签到码');
  if (key.lastStep === step) throw conflict('该签到码已使用');
  if (key.lastStep > step) throw conflict('骑手已出示过更新的签到码，请扫最新的');
  await tx.update(offlineKeys, keyId, { lastStep: step });
}
