import { reviewKind } from '../../cloudfunctions/functions';
import { reviews, type ReviewDoc } from '../../cloudfunctions/capabilities/review/collections';
import { rewards } from '../../cloudfunctions/features/points/collections';
import { ledger } from '../../cloudfunctions/capabilities/ledger/collections';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { starsOfBoard } from '../../cloudfunctions/capabilities/account/honours';
import { CLAIM_POINTS } from '../../cloudfunctions/features/points/points-rules';
import { CHECKIN_POINTS } from '../../cloudfunctions/capabilities/codes/checkin-rules';
import { buildOrg, buildPerson, buildReward, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';
import { photoOf } from '../support/photos';
import { expectLedgerInvariant } from '../support/invariants';

// 10:00 in Shanghai on 18 November.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const COUNTY = 'county';
const TOWN = 'town';
const TOWN_B = 'town-b';
const HQ = 'st-hq';
const HERE = { lat: 30.8419, lng: 120.9268 };

let h: Harness;
const riders = new Set<string>();
let grants = 0;

async function userId(openid: string): Promise<string> {
  return must(await h.user(openid), `user ${openid}`)._id;
}

async function rider(openid: string, orgId: string | null = TOWN, displayName?: string, listed?: boolean): Promise<string> {
  const { user } = await h.call(openid, 'account', 'updateProfile', {
    ...(orgId ? { orgId } : {}),
    displayName: displayName ?? `骑手${openid.slice(-3)}`,
    ...(listed !== undefined ? { listed } : {}),
  });
  riders.add(user.id);
  return user.id;
}

/** Test setup only: credits points straight into the ledger. */
async function grant(openid: string, points: number): Promise<void> {
  const id = await userId(openid);
  riders.add(id);
  grants += 1;
  await h.store.transaction((tx) => appendEntry(tx, { _id: `test:${grants}`, userId: id, delta: points, reason: 'test', at: h.clock.now.toISOString() }));
}

async function checkIn(openid: string, staff = 'staff-hq', stationId = HQ) {
  const { code } = await h.call(openid, 'checkin', 'issueCode', {});
  return h.call(staff, 'checkin', 'redeem', { code, stationId });
}

/** Runs a claim's approval effect straight on the store, as review.decide would inside its transaction. */
async function approveDirectly(item: ReviewDoc): Promise<void> {
  const admin = must(await h.user(ADMIN), 'the admin');
  await h.store.transaction((tx) => reviewKind('claim').approve(tx, { user: admin, deps: h.deps, now: h.clock.now }, item));
}

async function balance(openid: string): Promise<number> {
  return (await h.call(openid, 'points', 'balance', {})).balance;
}

const expectInvariant = () => expectLedgerInvariant(h.store, riders);

async function reviewCount(): Promise<number> {
  return h.store.count(reviews);
}

async function rewardCount(): Promise<number> {
  return h.store.count(rewards);
}

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY });
  await buildOrg(h.store, TOWN_B, { parentId: COUNTY });
  await buildStation(h.store, HQ, { orgId: TOWN });
  await buildStation(h.store, 'st-elsewhere', { orgId: TOWN_B });
  await buildPerson(h.deps, 'rider-1', { orgId: TOWN });
  await buildPerson(h.deps, 'rider-2', { orgId: TOWN });
  await buildPerson(h.deps, 'staff-hq', { roles: ['staff'], stationIds: [HQ], orgId: TOWN });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildReward(h.store, 'rw-gift', { name: '暖心大礼包', cost: 50, stock: 10 });
  await buildReward(h.store, 'rw-powerbank', { name: '充电宝免费租借券', cost: 10, stock: 100 });
  await buildReward(h.store, 'rw-raincoat', { name: '分体式雨衣', cost: 30, stock: 20 });
  await h.call(ADMIN, 'account', 'grantRole', { openid: 'cadre-town-b', role: 'cadre', orgId: TOWN_B });
  await h.call(ADMIN, 'account', 'grantRole', { openid: 'staff-other', role: 'staff', stationId: 'st-elsewhere' });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.now = T0;
});

describe('balance and ledger', () => {
  it('starts at zero', async () => {
    await rider('p-new');
    expect(await balance('p-new')).toBe(0);
    expect(await h.call('p-new', 'points', 'ledger', {})).toEqual({ entries: [] });
  });

  it('pages through the ledger newest first, with +08:00 times', async () => {
    await rider('p-pages');
    for (let i = 0; i < 25; i++) {
      h.clock.now = new Date(T0.getTime() + i * 60_000);
      await grant('p-pages', i + 1);
    }
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await h.call('p-pages', 'points', 'ledger', { limit: 10, ...(cursor ? { cursor } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(10);
      for (const e of page.entries) expect(e.at).toMatch(/\+08:00$/);
      seen.push(...page.entries.map((e) => e.delta));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(await balance('p-pages')).toBe((25 * 26) / 2);
    expect(await h.fail('p-pages', 'points', 'ledger', { limit: 101 })).toBe('INVALID_INPUT');
    expect(await h.fail('p-pages', 'points', 'ledger', { limit: 0 })).toBe('INVALID_INPUT');
    expect(await h.fail(null, 'points', 'balance', {})).toBe('UNAUTHENTICATED');
  });

  it('shows only the caller’s own entries', async () => {
    await rider('p-own');
    await checkIn('p-own');
    const { entries } = await h.call('p-own', 'points', 'ledger', {});
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ delta: CHECKIN_POINTS, reason: 'checkin' });
  });
});

describe('claim', () => {
  it('files a review item of kind claim in the rider’s committee, with the points the rules give', async () => {
    await rider('p-claim');
    const { reviewId } = await h.call('p-claim', 'points', 'claim', { kind: 'errand', description: '帮独居老人代买药品' });
    const item = (await h.store.get(reviews, reviewId))!;
    expect(item).toMatchObject({ kind: 'claim', status: 'pending', orgId: TOWN, submitterId: await userId('p-claim') });
    expect(item.payload).toEqual({ kind: 'errand', description: '帮独居老人代买药品', points: CLAIM_POINTS.errand });
    expect(item.title).toContain('帮办代办');
    expect(item.location).toBeUndefined();
    expect(Date.parse(item.dueAt) - Date.parse(item.submittedAt)).toBe(72 * 3_600_000);
  });

  it('places hazard reports, which need a photo and a place', async () => {
    await rider('p-hazard');
    const before = await reviewCount();
    expect(await h.fail('p-hazard', 'points', 'claim', { kind: 'hazard', description: '路口井盖缺失' })).toBe('INVALID_INPUT');
    expect(await h.fail('p-hazard', 'points', 'claim', { kind: 'hazard', description: '路口井盖缺失', location: HERE })).toBe('INVALID_INPUT');
    expect(await reviewCount()).toBe(before);
    // A photo must be a file this system stored for the claimant.
    const others = await photoOf(h, 'rider-1');
    expect(await h.fail('p-hazard', 'points', 'claim', { kind: 'hazard', description: '路口井盖缺失', location: HERE, photos: [others] })).toBe(
      'INVALID_INPUT',
    );
    expect(
      await h.fail('p-hazard', 'points', 'claim', { kind: 'hazard', description: '路口井盖缺失', location: HERE, photos: ['https://evil.example/x.jpg'] }),
    ).toBe('INVALID_INPUT');
    expect(await reviewCount()).toBe(before);
    const shot = await photoOf(h, 'p-hazard');
    const { reviewId } = await h.call('p-hazard', 'points', 'claim', {
      kind: 'hazard',
      description: '路口井盖缺失',
      location: HERE,
      photos: [shot],
    });
    const item = (await h.store.get(reviews, reviewId))!;
    expect(item.location).toEqual(HERE);
    expect(item.payload).toMatchObject({ kind: 'hazard', points: CLAIM_POINTS.hazard, photos: [shot] });
    expect(item.title).toContain('安全隐患上报');
  });

  it('refuses riders without a home committee, and bad input, writing nothing', async () => {
    await rider('p-homeless', null);
    const before = await reviewCount();
    const res = await h.raw('points', 'p-homeless', { action: 'claim', kind: 'event', description: '参加志愿活动' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/团委/) } });
    for (const bad of [{}, { kind: 'party', description: '参加志愿活动' }, { kind: 'event', description: '短' }, { kind: 'event' }]) {
      expect(await h.fail('p-claim', 'points', 'claim', bad)).toBe('INVALID_INPUT');
    }
    expect(await reviewCount()).toBe(before);
  });
});

describe('approving a claim', () => {
  it('credits the points exactly once, on the matching board', async () => {
    const riderId = await rider('p-approve');
    const { reviewId } = await h.call('p-approve', 'points', 'claim', { kind: 'event', description: '参加清凉驿站志愿服务' });
    const results = await Promise.all(Array.from({ length: 10 }, () => h.raw('review', 'cadre-town', { action: 'decide', id: reviewId, decision: 'approve' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await h.fail('cadre-county', 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('CONFLICT');
    const messages = (await h.call('p-approve', 'account', 'messages', {})).messages;
    expect(messages.some((m) => m.body.includes(`${CLAIM_POINTS.event} 积分`))).toBe(true);
    expect(await balance('p-approve')).toBe(CLAIM_POINTS.event);
    const entry = await h.store.get(ledger, `claim:${reviewId}`);
    expect(entry).toMatchObject({ userId: riderId, delta: CLAIM_POINTS.event, category: 'service', orgId: TOWN, reason: 'claim' });
    await expectInvariant();
  });

  it('credits nothing when rejected', async () => {
    await rider('p-reject');
    const { reviewId } = await h.call('p-reject', 'points', 'claim', { kind: 'errand', description: '帮邻居老人取快递' });
    await h.call('cadre-town', 'review', 'decide', { id: reviewId, decision: 'reject', note: '缺少证明' });
    expect(await balance('p-reject')).toBe(0);
  });

  it('runs the kind’s onApprove idempotently inside a transaction', async () => {
    await rider('p-direct');
    const { reviewId } = await h.call('p-direct', 'points', 'claim', {
      kind: 'hazard',
      description: '桥下积水很深',
      location: HERE,
      photos: [await photoOf(h, 'p-direct')],
    });
    const item = (await h.store.get(reviews, reviewId))!;
    const kind = reviewKind('claim');
    await approveDirectly(item);
    await approveDirectly(item);
    expect(await balance('p-direct')).toBe(CLAIM_POINTS.hazard);
    expect((await h.store.get(ledger, `claim:${reviewId}`))!.category).toBe('hazards');
    expect(kind.label).toBe('积分申领');
    expect(kind.approvedNotice(item)).toContain(`${CLAIM_POINTS.hazard} 积分`);
  });
});

describe('hazard duplicates', () => {
  it('lists other hazard reports within 100 m and 24 h, nearest first', async () => {
    h.clock.now = new Date('2026-11-25T02:00:00.000Z');
    await rider('p-dup');
    const report = async (location: { lat: number; lng: number }, description = '路面塌陷有坑') =>
      h.call('p-dup', 'points', 'claim', { kind: 'hazard', description, location, photos: [await photoOf(h, 'p-dup')] });
    const a = await report({ lat: 31.0, lng: 121.0 });
    h.clock.now = new Date('2026-11-25T05:00:00.000Z');
    const near = await report({ lat: 31.0005, lng: 121.0 }); // ~56 m
    const far = await report({ lat: 31.003, lng: 121.0 }); // ~330 m
    h.clock.now = new Date('2026-11-26T03:00:00.000Z');
    const late = await report({ lat: 31.0, lng: 121.0 }); // same place, 25 h after a
    await h.call('p-dup', 'points', 'claim', { kind: 'errand', description: '在同一地点帮忙', location: { lat: 31.0, lng: 121.0 } });

    const relatedOf = async (id: string) => reviewKind('claim').related!(h.store, (await h.store.get(reviews, id))!);
    expect(await relatedOf(a.reviewId)).toEqual([{ id: near.reviewId, title: expect.stringContaining('安全隐患'), distanceM: 56 }]);
    expect((await relatedOf(near.reviewId)).map((r) => r.id)).toEqual([a.reviewId, late.reviewId]);
    expect(await relatedOf(far.reviewId)).toEqual([]);
    expect((await relatedOf(late.reviewId)).map((r) => r.id)).toEqual([near.reviewId]);
    const errand = await h.call('p-dup', 'points', 'claim', { kind: 'errand', description: '帮老人修理电瓶车' });
    expect(await relatedOf(errand.reviewId)).toEqual([]);
  });
});

describe('rewards', () => {
  it('are created by admins and cadres only', async () => {
    const { reward } = await h.call(ADMIN, 'points', 'createReward', { name: '防晒冰袖', cost: 20, stock: 5, description: '夏季专供' });
    expect(reward).toMatchObject({ name: '防晒冰袖', cost: 20, stock: 5, description: '夏季专供', id: expect.any(String) });
    await h.call('cadre-county', 'points', 'createReward', { name: '头盔', cost: 80, stock: 0 });
    const before = await rewardCount();
    expect(await h.fail('rider-1', 'points', 'createReward', { name: 'x', cost: 1, stock: 1 })).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'points', 'createReward', { name: 'x', cost: 1, stock: 1 })).toBe('FORBIDDEN');
    for (const bad of [
      { name: '', cost: 1, stock: 1 },
      { name: 'x', cost: 0, stock: 1 },
      { name: 'x', cost: 1, stock: -1 },
      { name: 'x', cost: 1.5, stock: 1 },
    ]) {
      expect(await h.fail(ADMIN, 'points', 'createReward', bad)).toBe('INVALID_INPUT');
    }
    expect(await rewardCount()).toBe(before);
  });

  it('are listed for anyone', async () => {
    const { rewards } = await h.call('rider-1', 'points', 'rewards', {});
    expect(rewards.map((r) => r.id)).toEqual(expect.arrayContaining(['rw-gift', 'rw-powerbank', 'rw-raincoat']));
    expect(rewards.find((r) => r.id === 'rw-gift')).toMatchObject({ name: '暖心大礼包', cost: 50, stock: 10 });
  });
});

describe('redeemReward', () => {
  let rewardId: string;
  beforeAll(async () => {
    rewardId = (await h.call(ADMIN, 'points', 'createReward', { name: '保温杯', cost: 30, stock: 3 })).reward.id;
  });

  it('spends points, takes stock and gives an 8-digit pickup code', async () => {
    await rider('p-spend');
    await grant('p-spend', 100);
    h.clock.now = new Date(T0.getTime() + 1000);
    const res = await h.call('p-spend', 'points', 'redeemReward', { rewardId, requestId: 'req-spend-1' });
    expect(res).toMatchObject({ balance: 70, pickupCode: expect.stringMatching(/^\d{8}$/), redemptionId: expect.any(String) });
    expect(await balance('p-spend')).toBe(70);
    expect((await h.store.get(rewards, rewardId))!.stock).toBe(2);
    const { entries } = await h.call('p-spend', 'points', 'ledger', {});
    expect(entries[0]).toMatchObject({ delta: -30, reason: 'reward', note: '保温杯' });
    await expectInvariant();
  });

  it('answers a repeated requestId with the first redemption and spends nothing', async () => {
    const first = await h.call('p-spend', 'points', 'redeemReward', { rewardId, requestId: 'req-spend-2' });
    const again = await h.call('p-spend', 'points', 'redeemReward', { rewardId, requestId: 'req-spend-2' });
    expect(again).toEqual(first);
    expect(await balance('p-spend')).toBe(40);
    expect((await h.store.get(rewards, rewardId))!.stock).toBe(1);
    // Another rider may use the same requestId for their own redemption.
    await rider('p-spend-b');
    await grant('p-spend-b', 30);
    const other = await h.call('p-spend-b', 'points', 'redeemReward', { rewardId, requestId: 'req-spend-2' });
    expect(other.redemptionId).not.toBe(first.redemptionId);
    expect(other.balance).toBe(0);
    await expectInvariant();
  });

  it('refuses too few points, no stock and unknown rewards, changing nothing', async () => {
    await rider('p-poor');
    await grant('p-poor', 10);
    const res = await h.raw('points', 'p-poor', { action: 'redeemReward', rewardId, requestId: 'req-poor-1' });
    expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message: '积分不足' } });
    expect((await h.store.get(rewards, rewardId))!.stock).toBe(0);
    await grant('p-poor', 100);
    const empty = await h.raw('points', 'p-poor', { action: 'redeemReward', rewardId, requestId: 'req-poor-2' });
    expect(empty).toEqual({ ok: false, error: { code: 'CONFLICT', message: '已兑完' } });
    expect(await h.fail('p-poor', 'points', 'redeemReward', { rewardId: 'rw-nothing', requestId: 'req-poor-3' })).toBe('NOT_FOUND');
    expect(await balance('p-poor')).toBe(110);
    expect((await h.store.get(rewards, rewardId))!.stock).toBe(0);
    // A failed request leaves its requestId free.
    expect((await h.call('p-poor', 'points', 'redeemReward', { rewardId: 'rw-raincoat', requestId: 'req-poor-2' })).balance).toBe(80);
    await expectInvariant();
  });

  it('refuses invalid input, writing nothing', async () => {
    const before = (await h.call('p-poor', 'points', 'redemptions', {})).redemptions.length;
    for (const bad of [{}, { rewardId: 'rw-gift' }, { rewardId: 'rw-gift', requestId: 'short' }, { rewardId: 'rw-gift', requestId: 'x'.repeat(65) }]) {
      expect(await h.fail('p-poor', 'points', 'redeemReward', bad)).toBe('INVALID_INPUT');
    }
    expect((await h.call('p-poor', 'points', 'redemptions', {})).redemptions.length).toBe(before);
    expect(await balance('p-poor')).toBe(80);
  });

  it('lists the caller’s own redemptions only', async () => {
    const { redemptions } = await h.call('p-spend', 'points', 'redemptions', {});
    expect(redemptions).toHaveLength(2);
    expect(redemptions[0]).toMatchObject({ rewardName: '保温杯', cost: 30, status: 'ready', at: expect.stringMatching(/\+08:00$/) });
    expect((await h.call('rider-2', 'points', 'redemptions', {})).redemptions).toEqual([]);
  });
});

describe('collect', () => {
  it('station staff mark a pickup code collected once', async () => {
    await rider('p-collect', TOWN, '取货骑手');
    await grant('p-collect', 10);
    const { pickupCode } = await h.call('p-collect', 'points', 'redeemReward', { rewardId: 'rw-powerbank', requestId: 'req-collect-1' });
    expect(await h.fail('rider-1', 'points', 'collect', { pickupCode, stationId: HQ })).toBe('FORBIDDEN');
    expect(await h.fail('staff-other', 'points', 'collect', { pickupCode, stationId: HQ })).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'points', 'collect', { pickupCode: '12ab56', stationId: HQ })).toBe('INVALID_INPUT');
    const unknown = pickupCode === '00000000' ? '00000001' : '00000000';
    expect(await h.fail('staff-hq', 'points', 'collect', { pickupCode: unknown, stationId: HQ })).toBe('NOT_FOUND');
    const res = await h.call('staff-hq', 'points', 'collect', { pickupCode, stationId: HQ });
    expect(res).toMatchObject({ riderName: '取货骑手', redemption: { status: 'collected', collectedAt: expect.stringMatching(/\+08:00$/) } });
    expect(await h.fail('staff-hq', 'points', 'collect', { pickupCode, stationId: HQ })).toBe('CONFLICT');
    expect((await h.call('p-collect', 'points', 'redemptions', {})).redemptions[0]).toMatchObject({ status: 'collected' });
  });

  it('collects once when scanned at the same time', async () => {
    await grant('p-collect', 10);
    const { pickupCode } = await h.call('p-collect', 'points', 'redeemReward', { rewardId: 'rw-powerbank', requestId: 'req-collect-2' });
    const results = await Promise.all(Array.from({ length: 10 }, () => h.raw('points', 'staff-hq', { action: 'collect', pickupCode, stationId: HQ })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('100 riders redeeming a 10-stock reward at once: exactly 10 succeed, stock 0, balances intact', async () => {
    const { reward } = await h.call(ADMIN, 'points', 'createReward', { name: '暖心大礼包（限量）', cost: 50, stock: 10 });
    const openids = Array.from({ length: 100 }, (_, i) => `p-rush-${i}`);
    for (const o of openids) {
      await rider(o);
      await grant(o, 80);
    }
    const results = await Promise.all(openids.map((o) => h.raw('points', o, { action: 'redeemReward', rewardId: reward.id, requestId: `rush-${o}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message === '已兑完')).toHaveLength(90);
    expect((await h.store.get(rewards, reward.id))!.stock).toBe(0);
    const balances = await Promise.all(openids.map((o) => balance(o)));
    expect(balances.filter((b) => b === 30)).toHaveLength(10);
    expect(balances.filter((b) => b === 80)).toHaveLength(90);
    const codes = results.flatMap((r) => (r.ok ? [(r.data as { pickupCode: string }).pickupCode] : []));
    expect(new Set(codes).size).toBe(10);
    await expectInvariant();
    // 200 setup calls before the race: on the CloudBase stand-in of a busy machine that takes more than jest's 5 s.
  }, 60_000);

  it('a repeated requestId sent 20 times at once redeems once', async () => {
    await rider('p-double');
    await grant('p-double', 100);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.call('p-double', 'points', 'redeemReward', { rewardId: 'rw-raincoat', requestId: 'req-double-tap' })),
    );
    expect(new Set(results.map((r) => r.redemptionId)).size).toBe(1);
    expect(await balance('p-double')).toBe(70);
    expect((await h.call('p-double', 'points', 'redemptions', {})).redemptions).toHaveLength(1);
    await expectInvariant();
  });

  it('one rider spending more than their balance in parallel never goes negative', async () => {
    await rider('p-greedy');
    await grant('p-greedy', 25);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.raw('points', 'p-greedy', { action: 'redeemReward', rewardId: 'rw-powerbank', requestId: `greedy-${i}-xx` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(await balance('p-greedy')).toBe(5);
    await expectInvariant();
  });
});

describe('leaderboard and stars', () => {
  // December, so the boards hold only what this block writes.
  const DEC = new Date('2026-12-03T02:00:00.000Z');
  let alice: string;
  let bob: string;
  let carol: string;

  beforeAll(async () => {
    h.clock.now = DEC;
    // Alice and Carol chose to show their nicknames on boards; Bob did not.
    alice = await rider('p-alice', TOWN, '阿丽', true);
    bob = await rider('p-bob', TOWN, '阿博');
    carol = await rider('p-carol', TOWN_B, '阿卡', true);
    for (const [openid, days] of [
      ['p-alice', 3],
      ['p-bob', 1],
      ['p-carol', 2],
    ] as const) {
      for (let d = 0; d < days; d++) {
        h.clock.now = new Date(DEC.getTime() + d * 86_400_000);
        await checkIn(openid);
      }
    }
    h.clock.now = DEC;
    // Claims approved straight through the kind (the board counts ledger entries).
    for (const [openid, kind] of [
      ['p-bob', 'errand'],
      ['p-bob', 'event'],
      ['p-alice', 'hazard'],
    ] as const) {
      const { reviewId } = await h.call(openid, 'points', 'claim', {
        kind,
        description: '为社区做了一件好事',
        ...(kind === 'hazard' ? { location: HERE, photos: [await photoOf(h, openid)] } : {}),
      });
      const item = (await h.store.get(reviews, reviewId))!;
      await approveDirectly(item);
    }
  });
  beforeEach(() => {
    h.clock.now = DEC;
  });

  it('ranks the caller’s committee this month by category, showing only the names riders chose to show', async () => {
    const board = await h.call('p-alice', 'points', 'leaderboard', { category: 'checkins' });
    expect(board).toMatchObject({ month: '2026-12', category: 'checkins', orgId: TOWN });
    expect(board.rows).toEqual([
      { displayName: '阿丽', me: true, count: 3, rank: 1, star: false },
      { displayName: '未公开昵称的骑手', count: 1, rank: 2, star: false },
    ]);
    const service = await h.call('p-alice', 'points', 'leaderboard', { category: 'service' });
    expect(service.rows).toEqual([{ displayName: '未公开昵称的骑手', count: 2, rank: 1, star: false }]);
    // Bob sees his own name; Alice's, which she chose to show.
    const hazards = await h.call('p-bob', 'points', 'leaderboard', { category: 'hazards' });
    expect(hazards.rows).toEqual([{ displayName: '阿丽', count: 1, rank: 1, star: false }]);
    expect((await h.call('p-bob', 'points', 'leaderboard', { category: 'service' })).rows).toEqual([
      { displayName: '阿博', me: true, count: 2, rank: 1, star: false },
    ]);
    // The committee's cadres, who name stars, see who is who.
    const forCadre = await h.call('cadre-town', 'points', 'leaderboard', { category: 'checkins', orgId: TOWN });
    expect(forCadre.rows.map((r) => [r.userId, r.displayName])).toEqual([
      [alice, '阿丽'],
      [bob, '阿博'],
    ]);
    expect(
      (await h.call('cadre-town-b', 'points', 'leaderboard', { category: 'checkins', orgId: TOWN })).rows.some((r) => r.userId || r.displayName === '阿博'),
    ).toBe(false);
  });

  it('covers a committee’s subtree, other months and other committees', async () => {
    const county = await h.call('cadre-county', 'points', 'leaderboard', { category: 'checkins', orgId: COUNTY });
    expect(county.rows.map((r) => [r.userId, r.rank])).toEqual([
      [alice, 1],
      [carol, 2],
      [bob, 3],
    ]);
    const xitang = await h.call('p-alice', 'points', 'leaderboard', { category: 'checkins', orgId: TOWN_B });
    expect(xitang.rows.map((r) => r.displayName)).toEqual(['阿卡']);
    const nov = await h.call('p-alice', 'points', 'leaderboard', { category: 'checkins', month: '2026-10' });
    expect(nov.rows).toEqual([]);
  });

  it('refuses bad months, unknown committees and riders with no committee', async () => {
    expect(await h.fail('p-alice', 'points', 'leaderboard', { category: 'checkins', month: '2026-13' })).toBe('INVALID_INPUT');
    expect(await h.fail('p-alice', 'points', 'leaderboard', { category: 'speed' })).toBe('INVALID_INPUT');
    expect(await h.fail('p-alice', 'points', 'leaderboard', { category: 'checkins', orgId: 'org-nowhere' })).toBe('NOT_FOUND');
    await rider('p-board-homeless', null);
    expect(await h.fail('p-board-homeless', 'points', 'leaderboard', { category: 'checkins' })).toBe('INVALID_INPUT');
  });

  it('a cadre in scope names a star from the board; it shows on the board and the profile', async () => {
    const res = await h.call('cadre-town', 'points', 'nameStar', { month: '2026-12', category: 'checkins', userId: alice, orgId: TOWN });
    expect(res).toEqual({ userId: alice, title: '业务之星' });
    const board = await h.call('cadre-town', 'points', 'leaderboard', { category: 'checkins', orgId: TOWN });
    expect(board.rows.find((r) => r.userId === alice)!.star).toBe(true);
    expect(board.rows.find((r) => r.userId === bob)!.star).toBe(false);
    const { user } = await h.call('p-alice', 'account', 'me', {});
    expect(user.stars).toEqual([{ month: '2026-12', category: '业务之星' }]);
    const { messages } = await h.call('p-alice', 'account', 'messages', {});
    expect(messages[0]).toMatchObject({ title: expect.stringContaining('业务之星') });
    expect(await h.fail('cadre-county', 'points', 'nameStar', { month: '2026-12', category: 'checkins', userId: alice, orgId: TOWN })).toBe('CONFLICT');
  });

  it('admins name stars too; the named must be on that board', async () => {
    const res = await h.call(ADMIN, 'points', 'nameStar', { month: '2026-12', category: 'service', userId: bob, orgId: TOWN });
    expect(res.title).toBe('志愿之星');
    expect(await h.fail(ADMIN, 'points', 'nameStar', { month: '2026-12', category: 'hazards', userId: bob, orgId: TOWN })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'points', 'nameStar', { month: '2026-12', category: 'checkins', userId: carol, orgId: TOWN })).toBe('CONFLICT');
    expect(await h.fail(ADMIN, 'points', 'nameStar', { month: '2026-12', category: 'checkins', userId: alice, orgId: 'org-nowhere' })).toBe('NOT_FOUND');
  });

  it('refuses cadres out of scope, riders and staff, and bad input', async () => {
    const input = { month: '2026-12', category: 'hazards' as const, userId: alice, orgId: TOWN };
    expect(await h.fail('cadre-town-b', 'points', 'nameStar', input)).toBe('FORBIDDEN');
    expect(await h.fail('p-alice', 'points', 'nameStar', input)).toBe('FORBIDDEN');
    expect(await h.fail('staff-hq', 'points', 'nameStar', input)).toBe('FORBIDDEN');
    expect(await h.fail('cadre-county', 'points', 'nameStar', { ...input, month: '2026/12' })).toBe('INVALID_INPUT');
    expect(await h.fail('cadre-county', 'points', 'nameStar', { ...input, userId: undefined })).toBe('INVALID_INPUT');
    expect((await starsOfBoard(h.store, TOWN, '2026-12', 'hazards')).length).toBe(0);
    // The county cadre covers the town.
    expect((await h.call('cadre-county', 'points', 'nameStar', input)).title).toBe('文明之星');
  });
});
