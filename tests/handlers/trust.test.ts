import type { Envelope } from '../../types';
import { UPLOADS_PER_DAY } from '../../cloudfunctions/capabilities/uploads/uploads';
import { users } from '../../cloudfunctions/core/identity';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { COLLECTIONS } from '../../cloudfunctions/functions';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { TYPED_CODE_LIMITS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { PNG, photoOf } from '../support/photos';

// 10:00:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
let h: Harness;

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'county', { kind: 'district' });
  await buildOrg(h.store, 'town-a', { parentId: 'county' });
  await buildOrg(h.store, 'town-b', { parentId: 'county' });
  for (const id of ['st-a', 'st-a2', 'st-b']) await buildStation(h.store, id, { orgId: id === 'st-b' ? 'town-b' : 'town-a' });
  await buildPerson(h.deps, 'staff-a', { roles: ['staff'], stationIds: ['st-a'] });
  await buildPerson(h.deps, 'staff-a-colleague', { roles: ['staff'], stationIds: ['st-a'] });
  await buildPerson(h.deps, 'staff-a2', { roles: ['staff'], stationIds: ['st-a2'] });
  await buildPerson(h.deps, 'staff-b', { roles: ['staff'], stationIds: ['st-b'] });
  await buildPerson(h.deps, 'cadre-a', { roles: ['cadre'], cadreOrgIds: ['town-a'] });
  await buildPerson(h.deps, 'cadre-b', { roles: ['cadre'], cadreOrgIds: ['town-b'] });
  await buildPerson(h.deps, 'rider', { orgId: 'town-a' });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
/** A short code nobody was issued (codes are random: one that collides is simply skipped). */
const wrong = (i: number) => String(10_000_000 + i * 7919).slice(0, 8);

function errorOf(res: Envelope<unknown>) {
  return res.ok ? null : res.error;
}

async function typeCheckinCode(staff: string, stationId: string, code: string) {
  return h.raw('checkin', staff, { action: 'redeem', code, stationId });
}

describe('typed check-in codes cannot be guessed', () => {
  it('refuses a staff member after a handful of wrong codes a minute, saying when to try again, and lets them back in', async () => {
    for (let i = 0; i < TYPED_CODE_LIMITS.staff.perMinute; i++) {
      expect((await typeCheckinCode('staff-a2', 'st-a2', wrong(i))).ok).toBe(false);
    }
    const refused = await typeCheckinCode('staff-a2', 'st-a2', wrong(99));
    expect(refused).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/请 \d+ 秒后再试/) } });
    // Even a right code waits: otherwise the limit would tell a guesser which try was right.
    const { shortCode } = await h.call('rider', 'checkin', 'issueCode', {});
    expect((await typeCheckinCode('staff-a2', 'st-a2', shortCode!)).ok).toBe(false);
    // Scanning (a signed token) is never limited; staff elsewhere are not affected.
    const { code } = await h.call('rider', 'checkin', 'issueCode', {});
    expect((await typeCheckinCode('staff-a2', 'st-a2', code)).ok).toBe(true);
    expect(errorOf(await typeCheckinCode('staff-b', 'st-b', wrong(1)))).toMatchObject({ code: 'FORBIDDEN' });
    // The next minute, a right code goes through.
    h.clock.now = at(60);
    const next = await h.call('rider', 'checkin', 'issueCode', {});
    expect((await typeCheckinCode('staff-a2', 'st-a2', next.shortCode!)).ok).toBe(true);
  });

  it('counts a station’s staff together', async () => {
    const answers = new Set<string>();
    for (let i = 0; i < TYPED_CODE_LIMITS.station.perMinute; i++) {
      const staff = i % 2 ? 'staff-a' : 'staff-a-colleague';
      const res = await typeCheckinCode(staff, 'st-a', wrong(100 + i));
      if (!res.ok) answers.add(res.error.code);
    }
    expect([...answers]).toEqual(['FORBIDDEN']);
    expect(errorOf(await typeCheckinCode('staff-a-colleague', 'st-a', wrong(200)))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(await typeCheckinCode('staff-b', 'st-b', wrong(201)))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers a code that expired long ago as it answers one never issued', async () => {
    await buildStation(h.store, 'st-d', { orgId: 'town-b' });
    await buildPerson(h.deps, 'staff-d', { roles: ['staff'], stationIds: ['st-d'] });
    const { shortCode } = await h.call('rider', 'checkin', 'issueCode', {});
    h.clock.now = at(3600);
    expect(await typeCheckinCode('staff-d', 'st-d', shortCode!)).toEqual(await typeCheckinCode('staff-d', 'st-d', wrong(800)));
  });

  it('caps wrong codes a day, whatever the pace', async () => {
    await buildStation(h.store, 'st-e', { orgId: 'town-b' });
    await buildPerson(h.deps, 'staff-e', { roles: ['staff'], stationIds: ['st-e'] });
    for (let i = 0; i < TYPED_CODE_LIMITS.staff.perDay; i++) {
      h.clock.now = at(3600 + i * 60);
      expect(errorOf(await typeCheckinCode('staff-e', 'st-e', wrong(300 + i)))).toMatchObject({ code: 'FORBIDDEN' });
    }
    h.clock.now = at(3600 + TYPED_CODE_LIMITS.staff.perDay * 60);
    expect(errorOf(await typeCheckinCode('staff-e', 'st-e', wrong(400)))).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('明天') });
  });

  it('counts concurrent wrong tries, every one', async () => {
    await buildStation(h.store, 'st-c', { orgId: 'town-a' });
    await buildPerson(h.deps, 'staff-c', { roles: ['staff'], stationIds: ['st-c'] });
    h.clock.now = at(7 * 3600);
    await Promise.all(Array.from({ length: 3 }, (_, i) => typeCheckinCode('staff-c', 'st-c', wrong(500 + i))));
    await Promise.all(Array.from({ length: 2 }, (_, i) => typeCheckinCode('staff-c', 'st-c', wrong(600 + i))));
    expect(errorOf(await typeCheckinCode('staff-c', 'st-c', wrong(700)))).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('pickup codes cannot be guessed', () => {
  it('limits wrong pickup codes per staff member, and an honest colleague elsewhere is unaffected', async () => {
    h.clock.now = at(8 * 3600);
    const rider = (await h.user('rider'))!;
    await h.store.transaction((tx) => appendEntry(tx, { _id: 'test:gift', userId: rider._id, delta: 100, reason: 'test', at: T0.toISOString() }));
    const { reward } = await h.call(ADMIN, 'points', 'createReward', { name: '雨衣', cost: 10, stock: 5 });
    const { pickupCode } = await h.call('rider', 'points', 'redeemReward', { rewardId: reward.id, requestId: 'req-trust-1' });
    expect(pickupCode).toMatch(/^\d{8}$/);
    const guess = (i: number) => String(20_000_000 + i);
    for (let i = 0; i < TYPED_CODE_LIMITS.staff.perMinute; i++) {
      expect(await h.fail('staff-a2', 'points', 'collect', { pickupCode: guess(i), stationId: 'st-a2' })).toBe('NOT_FOUND');
    }
    expect(await h.fail('staff-a2', 'points', 'collect', { pickupCode, stationId: 'st-a2' })).toBe('RATE_LIMITED');
    expect((await h.call('staff-b', 'points', 'collect', { pickupCode, stationId: 'st-b' })).redemption.status).toBe('collected');
  });
});

describe('roles can be taken back', () => {
  it('revokeRole withdraws staff at once: the next scan is refused', async () => {
    await buildPerson(h.deps, 'staff-leaving', { roles: ['staff'], stationIds: ['st-a', 'st-b'] });
    expect(await h.fail('staff-a', 'account', 'revokeRole', { openid: 'staff-leaving', role: 'staff' })).toBe('FORBIDDEN');
    const partly = await h.call(ADMIN, 'account', 'revokeRole', { openid: 'staff-leaving', role: 'staff', stationId: 'st-b' });
    expect(partly.user).toMatchObject({ roles: ['rider', 'staff'], stationIds: ['st-a'] });
    const { code } = await h.call('rider', 'checkin', 'issueCode', {});
    expect(await h.fail('staff-leaving', 'checkin', 'redeem', { code, stationId: 'st-b' })).toBe('FORBIDDEN');
    const gone = await h.call(ADMIN, 'account', 'revokeRole', { openid: 'staff-leaving', role: 'staff' });
    expect(gone.user).toMatchObject({ roles: ['rider'], stationIds: [] });
    expect(await h.fail('staff-leaving', 'checkin', 'redeem', { code, stationId: 'st-a' })).toBe('FORBIDDEN');
    expect(await h.fail(ADMIN, 'account', 'revokeRole', { openid: 'staff-leaving', role: 'staff' })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'account', 'revokeRole', { openid: 'nobody-at-all', role: 'cadre' })).toBe('NOT_FOUND');
  });

  it('revoking a cadre’s last committee takes the queue away', async () => {
    await buildPerson(h.deps, 'cadre-leaving', { roles: ['cadre'], cadreOrgIds: ['town-b'] });
    expect((await h.call('cadre-leaving', 'review', 'queue', {})).items).toEqual([]);
    await h.call(ADMIN, 'account', 'revokeRole', { openid: 'cadre-leaving', role: 'cadre', orgId: 'town-b' });
    expect(await h.fail('cadre-leaving', 'review', 'queue', {})).toBe('FORBIDDEN');
  });

  it('a grant and a profile change at once both hold: updates write fields, never a whole user read earlier', async () => {
    await buildPerson(h.deps, 'busy-rider');
    await Promise.all([
      h.call(ADMIN, 'account', 'grantRole', { openid: 'busy-rider', role: 'staff', stationId: 'st-a' }),
      h.call('busy-rider', 'account', 'updateProfile', { displayName: '忙碌的骑手', orgId: 'town-a' }),
    ]);
    expect(await h.user('busy-rider')).toMatchObject({ roles: ['rider', 'staff'], displayName: '忙碌的骑手', orgId: 'town-a' });
  });
});

describe('scope', () => {
  it('only cadres whose subtree holds an unpublished station may preview it', async () => {
    const { reviewId } = await h.call('rider', 'stations', 'apply', {
      name: '申请中的驿站',
      orgId: 'town-a',
      location: { lat: 30.9, lng: 121.0 },
      address: '嘉善县测试路 2 号',
      services: ['rest'],
    });
    const { item } = await h.call('cadre-a', 'review', 'get', { id: reviewId });
    const stationId = String(item.payload.stationId);
    expect((await h.call('cadre-a', 'stations', 'get', { id: stationId })).station.published).toBe(false);
    expect(await h.fail('cadre-b', 'stations', 'get', { id: stationId })).toBe('NOT_FOUND');
    expect(await h.fail('cadre-b', 'review', 'get', { id: reviewId })).toBe('FORBIDDEN');
    expect(await h.fail('rider', 'stations', 'get', { id: stationId })).toBe('NOT_FOUND');
  });
});

describe('names and free text', () => {
  it('refuses control, zero-width and direction-override characters, and writes nothing', async () => {
    const before = await h.user('rider');
    for (const displayName of ['张\u202E三', '李\u200B四', '王\u0007五', '赵\uFEFF六', '多行\n名字', ' '.repeat(3)]) {
      expect(await h.fail('rider', 'account', 'updateProfile', { displayName })).toBe('INVALID_INPUT');
    }
    expect(await h.fail('rider', 'points', 'claim', { kind: 'errand', description: '帮老人\u2066代买药品' })).toBe('INVALID_INPUT');
    expect(await h.user('rider')).toEqual(before);
    const { user } = await h.call('rider', 'account', 'updateProfile', { displayName: '  小李  ' });
    expect(user.displayName).toBe('小李');
  });
});

describe('users', () => {
  it('are created by the first call that passes its checks, not by a refused one', async () => {
    const count = () => h.store.count(users);
    const before = await count();
    expect(await h.fail('stranger', 'account', 'grantRole', { openid: 'x', role: 'admin' })).toBe('FORBIDDEN');
    expect(await h.fail('stranger', 'orgs', 'create', { name: '新团委', kind: 'town' })).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    await h.call('stranger', 'account', 'me', {});
    expect(await count()).toBe(before + 1);
  });
});

describe('uploads', () => {
  const stored = new Map<string, Buffer>();
  const removed: string[] = [];
  beforeAll(() => {
    h.deps.storage = {
      read: async (fileId) => stored.get(fileId) ?? Buffer.alloc(0),
      remove: async (fileId) => {
        removed.push(fileId);
        stored.delete(fileId);
      },
      upload: async (cloudPath, content) => {
        const fileId = `cloud://env.bucket/${cloudPath}`;
        stored.set(fileId, content);
        return fileId;
      },
    };
  });
  afterAll(() => {
    delete h.deps.storage;
  });

  it('registerUpload keeps a re-encoded copy of a whole image within the quota, and removes what it was given', async () => {
    stored.set('cloud://env.bucket/hazards/a.png', PNG);
    stored.set('cloud://env.bucket/hazards/page.jpg', Buffer.from('<html><body>not a photo</body></html>'));
    const { url } = await h.call('rider', 'account', 'registerUpload', { fileId: 'cloud://env.bucket/hazards/a.png' });
    expect(url).toMatch(/^cloud:\/\/env\.bucket\/photos\/[\w-]+\/[\w-]+\.png$/);
    expect(stored.has('cloud://env.bucket/hazards/a.png')).toBe(false);
    expect(await h.fail('rider', 'account', 'registerUpload', { fileId: 'cloud://env.bucket/hazards/page.jpg' })).toBe('INVALID_INPUT');
    expect(removed).toEqual(['cloud://env.bucket/hazards/a.png', 'cloud://env.bucket/hazards/page.jpg']);
    expect(await h.fail('rider', 'account', 'registerUpload', { fileId: 'https://evil.example/a.png' })).toBe('INVALID_INPUT');
    // The file the rider uploaded cannot be cited: only the server's copy was recorded.
    expect(
      await h.fail('rider', 'points', 'claim', {
        kind: 'hazard',
        description: '桥下积水很深',
        location: { lat: 30.84, lng: 120.93 },
        photos: ['cloud://env.bucket/hazards/a.png'],
      }),
    ).toBe('INVALID_INPUT');
    const { reviewId } = await h.call('rider', 'points', 'claim', {
      kind: 'hazard',
      description: '桥下积水很深',
      location: { lat: 30.84, lng: 120.93 },
      photos: [url],
    });
    // Asked for more, the rider may add only photos of their own.
    await h.call('cadre-a', 'review', 'decide', { id: reviewId, decision: 'needs-info', note: '请补充照片' });
    const someoneElses = await photoOf(h, 'staff-a');
    expect(await h.fail('rider', 'review', 'respond', { id: reviewId, note: '补充', payload: { photos: [someoneElses] } })).toBe('INVALID_INPUT');
    const mine = await photoOf(h, 'rider');
    const answered = await h.call('rider', 'review', 'respond', { id: reviewId, note: '补充', payload: { photos: [mine] } });
    expect(answered.item.payload.photos).toEqual([mine]);
  });

  it('stops a user at the daily quota', async () => {
    await buildPerson(h.deps, 'snapper');
    for (let i = 0; i < UPLOADS_PER_DAY; i++) {
      stored.set(`cloud://env.bucket/q/${i}.png`, PNG);
      await h.call('snapper', 'account', 'registerUpload', { fileId: `cloud://env.bucket/q/${i}.png` });
    }
    stored.set('cloud://env.bucket/q/more.png', PNG);
    expect(await h.fail('snapper', 'account', 'registerUpload', { fileId: 'cloud://env.bucket/q/more.png' })).toBe('RATE_LIMITED');
  });
});

describe('sealed personal data', () => {
  it('keeps real names, employers and phones out of storage, masked in lists, clear for the submitter and reviewers', async () => {
    const marks = {
      realName: '欧阳娜娜',
      employer: '闪送华东第七分部',
      phone: '13912345678',
      stationPhone: '0573-88776655',
      note: '工号 SS-77120，可致电站长核实',
    };
    await h.call('rider', 'account', 'updateProfile', { phone: marks.phone });
    const { reviewId } = await h.call('rider', 'account', 'applyVerification', {
      realName: marks.realName,
      platform: '闪送',
      employer: marks.employer,
      note: marks.note,
    });
    await h.call('rider', 'stations', 'apply', {
      name: '带电话的驿站',
      orgId: 'town-a',
      location: { lat: 30.91, lng: 121.01 },
      address: '嘉善县测试路 3 号',
      services: ['rest'],
      phone: marks.stationPhone,
    });

    const everything = JSON.stringify(await Promise.all(COLLECTIONS.map((c) => findAll(h.store, c))));
    for (const mark of Object.values(marks)) expect(everything).not.toContain(mark);
    // And the database files themselves (SQLite: the database and its write-ahead log).
    for (const bytes of h.files()) {
      for (const mark of Object.values(marks)) expect(bytes.includes(Buffer.from(mark, 'utf8'))).toBe(false);
    }
    expect(h.kind === 'cloudbase' || h.files().some((bytes) => bytes.includes(Buffer.from('realName', 'utf8')))).toBe(true);

    const listed = (await h.call('cadre-a', 'review', 'queue', { kind: 'verification' })).items.find((i) => i.id === reviewId)!;
    expect(listed.payload).toMatchObject({ realName: '欧***', employer: '闪****', platform: '闪送' });
    expect(listed.title).not.toContain(marks.employer);
    for (const reader of ['cadre-a', 'rider', ADMIN]) {
      const { item } = await h.call(reader, 'review', 'get', { id: reviewId });
      expect(item.payload).toMatchObject({ realName: marks.realName, employer: marks.employer });
      expect(item.history[0]?.note).toBe(marks.note);
    }
    expect(await h.fail('cadre-b', 'review', 'get', { id: reviewId })).toBe('FORBIDDEN');
    expect((await h.call('rider', 'account', 'me', {})).user.phone).toBe('139****5678');
  });
});
