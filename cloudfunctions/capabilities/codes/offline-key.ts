/**
 * Keys for offline check-in codes (the code's format is in types/offline-code.ts, shared with the device).
 *
 * Verification answers like the online token's: anything that is not a code made with a key we issued (malformed,
 * unknown key, wrong MAC, a step too far ahead) is FORBIDDEN; a genuine code whose step is too old, or whose key has
 * run out (or that the rider's newer devices pushed out), is EXPIRED. Single use is the redeem's business: the code's
 * use is keyed by the rider and the time step (`offlineUseId`), so one rider makes one visit a step whatever device or
 * key shows the code.
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
} from '../../../types/offline-code';
import { hmac, openField, safeEqual, sealField } from '../../core/crypto';
import type { UserDoc } from '../../core/identity';
import type { DocReader, DocStore } from '../../core/store/docstore.port';
import { addHours } from '../../core/time';
import { offlineDevices, offlineKeys, type OfflineKeyDoc } from './collections';

/** Devices a rider may show offline codes on at once; a new one pushes the oldest out. */
export const OFFLINE_DEVICES = 3;

const nodeHmac: HmacSha256 = (key, message) => hmac(Buffer.from(key), Buffer.from(message).toString('latin1'));

export type OfflineOutcome =
  | { ok: true; key: OfflineKeyDoc; parts: OfflineCodeParts }
  | { ok: false; code: 'FORBIDDEN' | 'EXPIRED'; reason: 'malformed' | 'unknown' | 'bad-signature' | 'too-far-ahead' | 'expired' };

/**
 * A new key for `userId`'s device: stored sealed, returned in clear once (the device keeps it). The rider's live keys
 * are listed on one document of theirs; past OFFLINE_DEVICES the oldest is revoked in the same transaction.
 */
export async function issueOfflineKey(store: DocStore, fieldKey: Buffer, rider: Pick<UserDoc, '_id' | 'displayName' | 'orgId'>, now: Date) {
  const secret = randomBytes(32).toString('base64url');
  const userId = rider._id;
  const key: OfflineKeyDoc = {
    _id: randomBytes(12).toString('base64url'),
    userId,
    riderName: rider.displayName,
    ...(rider.orgId ? { riderOrgId: rider.orgId } : {}),
    secretEnc: sealField(secret, fieldKey),
    issuedAt: now.toISOString(),
    validUntil: addHours(now, OFFLINE_KEY_HOURS).toISOString(),
  };
  await store.transaction(async (tx) => {
    const live = ((await tx.get(offlineDevices, userId))?.keys ?? []).filter((k) => Date.parse(k.validUntil) > now.getTime());
    const keep = live.slice(Math.max(0, live.length - (OFFLINE_DEVICES - 1)));
    for (const old of live.slice(0, live.length - keep.length)) await tx.update(offlineKeys, old.keyId, { revokedAt: now.toISOString() });
    await tx.insert(offlineKeys, key);
    await tx.set(offlineDevices, { _id: userId, keys: [...keep, { keyId: key._id, validUntil: key.validUntil }] });
  });
  return { key, secret };
}

/** The use of an offline code: one a rider and time step, whichever key made it. */
export const offlineUseId = (riderId: string, step: number) => `offline:${riderId}:${step}`;

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
  if (parts.step < current - OFFLINE_STEPS_BEHIND || now.getTime() > Date.parse(key.validUntil) || key.revokedAt) {
    return { ok: false, code: 'EXPIRED', reason: 'expired' };
  }
  return { ok: true, key, parts };
}
