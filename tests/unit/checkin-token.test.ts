import { randomBytes } from 'node:crypto';
import { isShortCode, signCheckinToken, verifyCheckinToken, type CodePayload } from '../../cloudfunctions/capabilities/codes/checkin-token';
import { hmac } from '../../cloudfunctions/core/crypto';
import { CLOCK_SKEW_SECONDS, CODE_TTL_SECONDS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { must, tokenParts } from '../support/must';

const key = randomBytes(32);
const now = new Date('2026-11-18T02:00:00.000Z');
const payload: CodePayload = { uid: 'u-rider-1', nonce: 'nonce-abc', exp: now.getTime() + CODE_TTL_SECONDS * 1000 };

function at(ms: number): Date {
  return new Date(now.getTime() + ms);
}

function b64(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('check-in token', () => {
  const token = signCheckinToken(key, payload);

  it('round-trips', () => {
    expect(verifyCheckinToken(key, token, now)).toEqual({ ok: true, payload });
    expect(token.startsWith('v1.')).toBe(true);
    expect(token.length).toBeLessThan(200);
  });

  it('carries the internal user id, never anything else about the user', () => {
    const body = JSON.parse(Buffer.from(tokenParts(token)[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['e', 'n', 'u']);
  });

  it('refuses a tampered payload (other user, later expiry)', () => {
    const [v, , sig] = tokenParts(token);
    for (const forged of [
      { u: 'u-someone-else', n: payload.nonce, e: payload.exp },
      { u: payload.uid, n: payload.nonce, e: payload.exp + 30_000 },
    ]) {
      expect(verifyCheckinToken(key, `${v}.${b64(forged)}.${sig}`, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('refuses a payload with one character changed', () => {
    const [v, body, sig] = tokenParts(token);
    const flipped = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6);
    expect(verifyCheckinToken(key, `${v}.${flipped}.${sig}`, now)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'bad-signature' });
  });

  it('refuses a tampered signature, including the last character whose low bits base64 drops', () => {
    const [v, body, sig] = tokenParts(token);
    // The last of 43 characters carries only 4 bits: flipping its lowest bit decodes to the very same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${sig.slice(0, -1)}${must(alphabet[alphabet.indexOf(sig.slice(-1)) ^ 1], 'a base64url character')}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
    const variants = [sameBytes, `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`, sig.slice(0, -2), `${sig}A`, ''];
    for (const s of variants) {
      if (s === sig) continue;
      expect(verifyCheckinToken(key, `${v}.${body}.${s}`, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('refuses a token signed with another key', () => {
    const other = signCheckinToken(randomBytes(32), payload);
    expect(verifyCheckinToken(key, other, now)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'bad-signature' });
  });

  it('refuses a self-made token with a signature over another version', () => {
    const body = tokenParts(token)[1];
    const sig = hmac(key, body).toString('base64url');
    expect(verifyCheckinToken(key, `v2.${body}.${sig}`, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses malformed input as FORBIDDEN', () => {
    for (const junk of ['hello', 'v1.', 'v1..', 'v1.a.b.c', 'v1.@@@@.xyz', token.replace(/\./g, ''), `${token} `, '12345678']) {
      expect(verifyCheckinToken(key, junk, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('refuses a correctly signed payload of the wrong shape', () => {
    const body = b64({ u: 'x', n: 'y', e: 'tomorrow' });
    const sig = hmac(key, `v1.${body}`).toString('base64url');
    expect(verifyCheckinToken(key, `v1.${body}.${sig}`, now)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'malformed' });
  });

  it('is accepted up to and including its expiry, and expired 1 ms later', () => {
    const life = CODE_TTL_SECONDS * 1000;
    expect(verifyCheckinToken(key, token, at(life - 1)).ok).toBe(true);
    expect(verifyCheckinToken(key, token, at(life)).ok).toBe(true);
    expect(verifyCheckinToken(key, token, at(life + 1))).toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(verifyCheckinToken(key, token, at(3_600_000))).toMatchObject({ ok: false, code: 'EXPIRED' });
  });

  it('tolerates a verifier clock a few seconds behind the issuer, but not a far-future expiry', () => {
    // Issued by an instance whose clock runs ahead by the skew: still valid here.
    const ahead = signCheckinToken(key, { ...payload, exp: now.getTime() + (CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000 });
    expect(verifyCheckinToken(key, ahead, now).ok).toBe(true);
    const forever = signCheckinToken(key, { ...payload, exp: now.getTime() + 24 * 3_600_000 });
    expect(verifyCheckinToken(key, forever, now)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'too-far-ahead' });
  });

  it('tells a short code from a token', () => {
    expect(isShortCode('01234567')).toBe(true);
    expect(isShortCode('1234567')).toBe(false);
    expect(isShortCode('123456789')).toBe(false);
    expect(isShortCode(token)).toBe(false);
  });
});
