import { createHmac, randomBytes } from 'node:crypto';
import { checkins, offlineKeys } from '../../cloudfunctions/capabilities/codes/collections';
import { OFFLINE_DEVICES } from '../../cloudfunctions/capabilities/codes/offline-key';
import { openField } from '../../cloudfunctions/core/crypto';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { shanghaiDay } from '../../cloudfunctions/core/time';
import { CHECKIN_POINTS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { balanceOf } from '../../cloudfunctions/capabilities/ledger/ledger';
import { OFFLINE_KEY_HOURS, OFFLINE_STEP_SECONDS, offlineCode, stepAt, type HmacSha256 } from '../../types/offline-code';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';
import { must } from '../support/must';

// 10:00 in Shanghai, on a step boundary.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const TOWN = 'town';
const HQ = 'st-hq';
const EAST = 'st-east';
const STEP_MS = OFFLINE_STEP_SECONDS * 1000;

const nodeHmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();

let h: Harness;
const riders = new Set<string>();

interface DeviceKey {
  keyId: string;
  secret: Uint8Array;
}

async function deviceKey(openid: string): Promise<DeviceKey> {
  const res = await h.call(openid, 'checkin', 'issueOfflineKey', {});
  return { keyId: res.keyId, secret: Buffer.from(res.secret, 'base64url') };
}

/** The code the rider's device shows at `at` (by default, the harness clock). */
function codeAt(key: DeviceKey, at = h.clock.now.getTime(), keyId = key.keyId): string {
  return offlineCode(nodeHmac, key.secret, keyId, stepAt(at));
}

const redeem = (code: string, stationId = HQ, staff = 'staff-hq') => h.raw('checkin', staff, { action: 'redeem', code, stationId });
const visits = async (stationId = HQ) => (await findAll(h.store, checkins, { where: { stationId, day: shanghaiDay(h.clock.now) } })).length;

async function rider(openid: string): Promise<string> {
  const user = await buildPerson(h.deps, openid, { orgId: TOWN, displayName: `骑手${openid.slice(-2)}` });
  riders.add(user._id);
  return user._id;
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, TOWN);
  await buildStation(h.store, HQ, { orgId: TOWN });
  await buildStation(h.store, EAST, { orgId: TOWN });
  await buildPerson(h.deps, 'staff-hq', { roles: ['staff'], stationIds: [HQ], orgId: TOWN });
  await buildPerson(h.deps, 'staff-east', { roles: ['staff'], stationIds: [EAST], orgId: TOWN });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});
afterEach(() => expectLedgerInvariant(h.store, riders));

describe('issueOfflineKey', () => {
  it('gives the device a 32-byte secret with a key id and a validity, and keeps the secret sealed', async () => {
    const riderId = await rider('r-issue');
    const res = await h.call('r-issue', 'checkin', 'issueOfflineKey', {});
    expect(Buffer.from(res.secret, 'base64url')).toHaveLength(32);
    expect(res.keyId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(res.stepSeconds).toBe(OFFLINE_STEP_SECONDS);
    expect(res.validUntil).toMatch(/\+08:00$/);
    expect(Date.parse(res.validUntil) - T0.getTime()).toBe(OFFLINE_KEY_HOURS * 3_600_000);
    expect(Date.parse(res.serverTime)).toBe(T0.getTime());
    const stored = must(await h.store.get(offlineKeys, res.keyId), 'the stored key');
    expect(stored).toMatchObject({ userId: riderId, riderName: '骑手ue' });
    expect(JSON.stringify(stored)).not.toContain(res.secret);
    expect(openField(stored.secretEnc, h.deps.secrets.fieldKey)).toBe(res.secret);
    // Each call: a new key.
    expect((await h.call('r-issue', 'checkin', 'issueOfflineKey', {})).keyId).not.toBe(res.keyId);
  });

  it('needs an identity', async () => {
    expect(await h.fail(null, 'checkin', 'issueOfflineKey', {})).toBe('UNAUTHENTICATED');
  });

  it(`keeps ${OFFLINE_DEVICES} devices at most: a new one pushes the oldest out`, async () => {
    await rider('r-devices');
    const keys: DeviceKey[] = [];
    for (let i = 0; i <= OFFLINE_DEVICES; i++) keys.push(await deviceKey('r-devices'));
    const [oldest, ...live] = keys;
    expect(await redeem(codeAt(must(oldest, 'oldest')))).toMatchObject({ ok: false, error: { code: 'EXPIRED' } });
    h.clock.now = new Date(T0.getTime() + STEP_MS);
    expect(await redeem(codeAt(must(live[0], 'second')))).toMatchObject({ ok: true });
  });
});

describe('redeem with an offline code', () => {
  it('credits a valid code once, like an online one', async () => {
    const riderId = await rider('r-valid');
    const key = await deviceKey('r-valid');
    const code = codeAt(key);
    const before = await visits();
    const res = await redeem(code);
    expect(res).toMatchObject({ ok: true, data: { pointsAwarded: CHECKIN_POINTS, creditReason: 'credited', rider: { id: riderId } } });
    expect(await visits()).toBe(before + 1);
    expect(await balanceOf(h.store, riderId)).toBe(CHECKIN_POINTS);
    expect(await redeem(code)).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该签到码已使用' } });
    // Also at another station, by other staff.
    expect(await redeem(code, EAST, 'staff-east')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await visits()).toBe(before + 1);
    expect(await balanceOf(h.store, riderId)).toBe(CHECKIN_POINTS);
  });

  it('records exactly one check-in when the same code is scanned many times at once', async () => {
    const riderId = await rider('r-race');
    const code = codeAt(await deviceKey('r-race'));
    const before = [await visits(HQ), await visits(EAST)];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? redeem(code) : redeem(code, EAST, 'staff-east'))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await visits(HQ)) + (await visits(EAST))).toBe(must(before[0], 'hq') + must(before[1], 'east') + 1);
    expect(await balanceOf(h.store, riderId)).toBe(CHECKIN_POINTS);
  });

  it("makes one visit a rider and step, whichever of the rider's devices shows the code", async () => {
    await rider('r-two-phones');
    const [phone, tablet] = [await deviceKey('r-two-phones'), await deviceKey('r-two-phones')];
    expect(await redeem(codeAt(phone))).toMatchObject({ ok: true });
    expect(await redeem(codeAt(tablet), EAST, 'staff-east')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('accepts the next step, but never an older step after a newer one', async () => {
    await rider('r-steps');
    const key = await deviceKey('r-steps');
    const older = codeAt(key, T0.getTime() - STEP_MS);
    h.clock.now = new Date(T0.getTime() + 5_000);
    expect(await redeem(codeAt(key))).toMatchObject({ ok: true });
    // An older code shown earlier is still inside the window, but a newer one was used.
    expect(await redeem(older, EAST, 'staff-east')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    h.clock.now = new Date(T0.getTime() + STEP_MS);
    expect(await redeem(codeAt(key), EAST, 'staff-east')).toMatchObject({ ok: true });
  });

  it('accepts a step a little off the server clock, both ways', async () => {
    await rider('r-skew');
    expect(await redeem(codeAt(await deviceKey('r-skew'), T0.getTime() - 2 * STEP_MS))).toMatchObject({ ok: true });
    await rider('r-ahead');
    expect(await redeem(codeAt(await deviceKey('r-ahead'), T0.getTime() + STEP_MS))).toMatchObject({ ok: true });
  });

  describe('refuses codes that are not genuine, and credits nothing', () => {
    let riderId: string;
    let key: DeviceKey;
    let other: DeviceKey;
    let visitsBefore: number;
    beforeAll(async () => {
      riderId = await rider('r-forge');
      await rider('r-other');
      h.clock.now = T0;
      key = await deviceKey('r-forge');
      other = await deviceKey('r-other');
      visitsBefore = await visits();
    });
    afterEach(async () => {
      expect(await visits()).toBe(visitsBefore);
      expect(await balanceOf(h.store, riderId)).toBe(0);
    });

    const refused = async (code: string) => {
      const res = await redeem(code);
      return res.ok ? 'OK' : res.error.code;
    };

    it('malformed or made up', async () => {
      const step = stepAt(T0.getTime());
      for (const junk of [
        'o1.x',
        'o1.x.y.z',
        `o1.${key.keyId}.${step}`,
        `o1.${key.keyId}.${step}.abc.def`,
        `o1.${key.keyId}.0${step}.abcd`,
        `o1.unknownkeyid1234.${step}.${'A'.repeat(22)}`,
      ]) {
        expect(await refused(junk)).toBe('FORBIDDEN');
      }
    });

    it('altered mac, key id or step', async () => {
      const code = codeAt(key);
      const [prefix, keyId, step, mac] = code.split('.') as [string, string, string, string];
      const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
      expect(await refused(`${prefix}.${keyId}.${step}.${flipped}`)).toBe('FORBIDDEN');
      expect(await refused(`${prefix}.${keyId}.${step}.${mac.slice(1)}`)).toBe('FORBIDDEN');
      expect(await refused(`${prefix}.${other.keyId}.${step}.${mac}`)).toBe('FORBIDDEN');
      expect(await refused(`${prefix}.${keyId}.${Number(step) + 1}.${mac}`)).toBe('FORBIDDEN');
      expect(await refused(`${prefix}.${keyId}.${Number(step) - 1}.${mac}`)).toBe('FORBIDDEN');
    });

    it("another rider's key, or a made-up secret, for this rider's key id", async () => {
      expect(await refused(codeAt(other, undefined, key.keyId))).toBe('FORBIDDEN');
      expect(await refused(codeAt({ keyId: key.keyId, secret: randomBytes(32) }))).toBe('FORBIDDEN');
      expect(await balanceOf(h.store, must(await h.user('r-other'), 'r-other')._id)).toBe(0);
    });

    it('a step far off the server clock: too old is EXPIRED, ahead is FORBIDDEN', async () => {
      expect(await refused(codeAt(key, T0.getTime() - 3 * STEP_MS))).toBe('EXPIRED');
      expect(await refused(codeAt(key, T0.getTime() - 3_600_000))).toBe('EXPIRED');
      expect(await refused(codeAt(key, T0.getTime() + 2 * STEP_MS))).toBe('FORBIDDEN');
      expect(await refused(codeAt(key, T0.getTime() + 3_600_000))).toBe('FORBIDDEN');
    });

    it('a key past its validity is EXPIRED, even for the current step', async () => {
      h.clock.now = new Date(T0.getTime() + OFFLINE_KEY_HOURS * 3_600_000 + STEP_MS);
      expect(await refused(codeAt(key))).toBe('EXPIRED');
    });

    it('answers the same message as a bad online code', async () => {
      const res = await redeem(codeAt(other, undefined, key.keyId));
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '签到码无效，请让骑手出示本人的签到码' } });
    });
  });

  it('refuses staff scanning their own offline code, and staff of another station', async () => {
    const key = await deviceKey('staff-hq');
    expect(await redeem(codeAt(key))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能扫自己的签到码' } });
    await rider('r-elsewhere');
    const code = codeAt(await deviceKey('r-elsewhere'));
    expect(await redeem(code, EAST)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Neither attempt used the codes up.
    expect(await redeem(code)).toMatchObject({ ok: true });
  });

  it('leaves the online code paths as they were', async () => {
    await rider('r-online');
    const { code, shortCode } = await h.call('r-online', 'checkin', 'issueCode', {});
    expect(await redeem(code)).toMatchObject({ ok: true });
    const second = await h.call('r-online', 'checkin', 'issueCode', {});
    expect(second.shortCode).not.toBe(shortCode);
    expect(await redeem(second.shortCode, EAST, 'staff-east')).toMatchObject({ ok: true });
  });
});
