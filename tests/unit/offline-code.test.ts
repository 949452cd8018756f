import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hmacSha256, sha256 } from '../../src/lib/hmac-sha256';
import {
  OFFLINE_STEP_SECONDS,
  fromBase64url,
  isOfflineCode,
  offlineCode,
  parseOfflineCode,
  stepAt,
  stepEndsAt,
  toBase64url,
  type HmacSha256,
} from '../../types/offline-code';

const nodeHmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('SHA-256 in plain JavaScript', () => {
  it('matches the published test vectors', () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(Buffer.from('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto on every length around the block boundaries and on random inputs', () => {
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), 447, 448, 511, 512, 513, 1000, 4096];
    for (const length of lengths) {
      const data = randomBytes(length);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('HMAC-SHA-256 in plain JavaScript', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(hex(hmacSha256(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches node:crypto for keys shorter than, equal to and longer than a block', () => {
    for (let i = 0; i < 500; i++) {
      const key = randomBytes(i % 150);
      const message = randomBytes((i * 7) % 300);
      expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });
});

describe('base64url', () => {
  it('round-trips every length and matches Buffer', () => {
    for (let length = 0; length < 100; length++) {
      const bytes = randomBytes(length);
      const text = toBase64url(bytes);
      expect(text).toBe(bytes.toString('base64url'));
      expect(Buffer.from(fromBase64url(text) ?? [])).toEqual(bytes);
    }
  });

  it('refuses text that is not unpadded base64url', () => {
    for (const bad of ['a', 'ab=', 'a+b/', 'ab cd', 'abcde']) expect(fromBase64url(bad)).toBeNull();
  });
});

describe('offline check-in codes', () => {
  const secret = randomBytes(32);
  const keyId = randomBytes(12).toString('base64url');

  it('are the same whether the device (plain JS) or the server (node:crypto) derives them', () => {
    for (let step = 59_832_240; step < 59_832_340; step++) {
      expect(offlineCode(hmacSha256, secret, keyId, step)).toBe(offlineCode(nodeHmac, secret, keyId, step));
    }
  });

  it('name the key and the step, with a 16-byte MAC of both', () => {
    const code = offlineCode(nodeHmac, secret, keyId, 59_832_240);
    const mac = createHmac('sha256', secret).update(`${keyId}.59832240`).digest().subarray(0, 16).toString('base64url');
    expect(code).toBe(`o1.${keyId}.59832240.${mac}`);
    expect(isOfflineCode(code)).toBe(true);
    expect(parseOfflineCode(code)).toEqual({ keyId, step: 59_832_240, mac });
  });

  it('change every step', () => {
    const codes = new Set(Array.from({ length: 50 }, (_, i) => offlineCode(nodeHmac, secret, keyId, 1000 + i)));
    expect(codes.size).toBe(50);
  });

  it('parse only well-formed codes', () => {
    for (const bad of [
      'v1.a.b',
      'o1',
      'o1.',
      `o1.${keyId}`,
      `o1.${keyId}.12`,
      `o1.${keyId}.012.abc`,
      `o1.${keyId}.-1.abc`,
      `o1.short.12.abc`,
      `o1.${keyId}.12.a+b`,
      `o1.${keyId}.12.abc.d`,
    ]) {
      expect(parseOfflineCode(bad)).toBeNull();
    }
  });

  it('count steps of 30 seconds from the epoch', () => {
    const t = Date.parse('2026-11-18T02:00:00.000Z');
    expect(OFFLINE_STEP_SECONDS).toBe(30);
    expect(stepAt(t)).toBe(59_832_240);
    expect(stepAt(t + 29_999)).toBe(59_832_240);
    expect(stepAt(t + 30_000)).toBe(59_832_241);
    expect(stepEndsAt(59_832_240)).toBe(t + 30_000);
  });
});
