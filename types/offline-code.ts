/**
 * The offline check-in code, shared by the device that shows it and the function that verifies it (zod-free and free
 * of node:crypto: each side passes in its own HMAC-SHA-256).
 *
 * Once online, the rider's device receives a per-device key (an id and a 32-byte secret, valid for hours). Offline it
 * shows `o1.<keyId>.<step>.<mac>`, where step is the 30-second time step and mac is the first 16 bytes of
 * HMAC-SHA-256(secret, `<keyId>.<step>`) in base64url: a new code every step, and only the key's holder (and the
 * server, which keeps the secret sealed) can make one.
 */

export const OFFLINE_CODE_PREFIX = 'o1';
export const OFFLINE_STEP_SECONDS = 30;
/** Steps before and after the server's current step that are still accepted (clocks and scanning take a while). */
export const OFFLINE_STEPS_BEHIND = 2;
export const OFFLINE_STEPS_AHEAD = 1;
/** How long an issued key may make codes. */
export const OFFLINE_KEY_HOURS = 12;
const MAC_BYTES = 16;

/** HMAC-SHA-256 of an ASCII message. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_TEXT = /^[A-Za-z0-9_-]+$/;
const KEY_ID = /^[A-Za-z0-9_-]{8,64}$/;
const STEP = /^[1-9]\d{0,11}$/;

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Null for text that is not unpadded base64url. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!B64URL_TEXT.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = (value << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0x7f);
}

/** The time step an instant (ms since the epoch) falls in. */
export function stepAt(ms: number): number {
  return Math.floor(ms / (OFFLINE_STEP_SECONDS * 1000));
}

/** When a step ends (ms since the epoch): the next code is shown then. */
export function stepEndsAt(step: number): number {
  return (step + 1) * OFFLINE_STEP_SECONDS * 1000;
}

export function offlineMac(hmac: HmacSha256, secret: Uint8Array, keyId: string, step: number): string {
  return toBase64url(hmac(secret, ascii(`${keyId}.${step}`)).subarray(0, MAC_BYTES));
}

export function offlineCode(hmac: HmacSha256, secret: Uint8Array, keyId: string, step: number): string {
  return `${OFFLINE_CODE_PREFIX}.${keyId}.${step}.${offlineMac(hmac, secret, keyId, step)}`;
}

export function isOfflineCode(code: string): boolean {
  return code.startsWith(`${OFFLINE_CODE_PREFIX}.`);
}

export interface OfflineCodeParts {
  keyId: string;
  step: number;
  mac: string;
}

/** The parts of a well-formed offline code; null for anything else. */
export function parseOfflineCode(code: string): OfflineCodeParts | null {
  const [prefix, keyId, step, mac, ...extra] = code.split('.');
  if (prefix !== OFFLINE_CODE_PREFIX || keyId === undefined || step === undefined || mac === undefined || extra.length > 0) return null;
  if (!KEY_ID.test(keyId) || !STEP.test(step) || !B64URL_TEXT.test(mac)) return null;
  return { keyId, step: Number(step), mac };
}
