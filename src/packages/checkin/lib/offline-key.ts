import Taro from '@tarojs/taro';
import { OFFLINE_KEY_HOURS, fromBase64url, offlineCode, stepAt, stepEndsAt } from '../../../../types/offline-code';
import { api } from '../../../api';
import { currentOpenid } from '../../../api/identity';
import { hmacSha256 } from '../../../lib/hmac-sha256';

const STORAGE_KEY = 'rider-hub:offline-key';
/** Fetch a new key once the held one has less than this left. */
const RENEW_BEFORE_MS = (OFFLINE_KEY_HOURS / 2) * 3_600_000;

/** The key this device holds for offline codes, and whose it is (local mode switches identities on one browser). */
export interface HeldKey {
  owner: string;
  keyId: string;
  secret: string;
  validUntil: number;
  /** Server clock minus device clock when the key arrived: offline, codes follow the server's time steps. */
  clockOffsetMs: number;
}

const owner = () => currentOpenid() ?? '';

function isHeldKey(v: unknown): v is HeldKey {
  if (!v || typeof v !== 'object') return false;
  const k = v as Record<string, unknown>;
  return (
    typeof k.owner === 'string' &&
    typeof k.keyId === 'string' &&
    typeof k.secret === 'string' &&
    typeof k.validUntil === 'number' &&
    typeof k.clockOffsetMs === 'number'
  );
}

/** The held key if it is this user's and still valid at `deviceNow`; null otherwise. */
export function heldKey(deviceNow = Date.now()): HeldKey | null {
  let stored: unknown = null;
  try {
    stored = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return null;
  }
  if (!isHeldKey(stored) || stored.owner !== owner()) return null;
  return deviceNow + stored.clockOffsetMs < stored.validUntil ? stored : null;
}

/** Online: fetch and keep a key unless the held one has plenty of life left. Failures are silent (try next time). */
export async function renewOfflineKey(deviceNow = Date.now()): Promise<void> {
  const held = heldKey(deviceNow);
  if (held && held.validUntil - (deviceNow + held.clockOffsetMs) > RENEW_BEFORE_MS) return;
  try {
    const out = await api.checkin.issueOfflineKey({});
    const key: HeldKey = {
      owner: owner(),
      keyId: out.keyId,
      secret: out.secret,
      validUntil: Date.parse(out.validUntil),
      clockOffsetMs: Date.parse(out.serverTime) - Date.now(),
    };
    Taro.setStorageSync(STORAGE_KEY, key);
  } catch {
    // Offline codes are a fallback; the online code still works.
  }
}

export interface OfflineCodeNow {
  code: string;
  /** Milliseconds until the next code. */
  msLeft: number;
}

/** The code to show at `deviceNow` (in the server's time steps). */
export function offlineCodeAt(key: HeldKey, deviceNow: number): OfflineCodeNow | null {
  const secret = fromBase64url(key.secret);
  if (!secret) return null;
  const now = deviceNow + key.clockOffsetMs;
  const step = stepAt(now);
  return { code: offlineCode(hmacSha256, secret, key.keyId, step), msLeft: stepEndsAt(step) - now };
}
