import type { InputOf } from '../../types';
import { messages } from '../../cloudfunctions/account/collections';
import type { DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { audit, reviews } from '../../cloudfunctions/review/collections';
import { stations } from '../../cloudfunctions/stations/collections';
import { seedDemo } from '../../server/seed/seed';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { photoOf } from '../support/photos';

const T0 = new Date('2026-11-18T02:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

type StationApplication = InputOf<'stations', 'apply'>;
const application = (over: Partial<StationApplication> = {}): StationApplication => ({
  name: '申请驿站',
  orgId: 'org-weitang',
  location: { lat: 30.95, lng: 121.05 },
  address: '嘉善县测试路 1 号',
  services: ['rest', 'water'],
  ...over,
});

async function fresh(): Promise<Harness> {
  const h = await createHarness(T0);
  await seedDemo(h.deps);
  return h;
}

/** A rider with a home committee, created through the API. */
async function rider(h: Harness, openid: string, orgId: string): Promise<string> {
  const { user } = await h.call(openid, 'account', 'updateProfile', { orgId, displayName: `骑手${openid.slice(-2)}` });
  return user.id;
}

async function apply(h: Harness, openid: string, over: Partial<StationApplication> = {}): Promise<string> {
  return (await h.call(openid, 'stations', 'apply', application(over))).reviewId;
}

async function inbox(h: Harness, openid: string) {
  return (await h.call(openid, 'account', 'messages', { limit: 100 })).messages;
}

/** The submitter's inbox messages about one item. */
async function messagesAbout(h: Harness, openid: string, id: string) {
  return (await inbox(h, openid)).filter((m) => m.link?.includes(id));
}

async function userId(h: Harness, openid: string): Promise<string> {
  return (await h.user(openid))!._id;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

const auditOf = (store: DocStore, id: string) => findAll(store, audit, { where: { targetId: id }, orderBy: [['at', 'asc']] });

describe('review', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await fresh();
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'xitang-cadre', role: 'cadre', orgId: 'org-xitang' });
    await rider(h, 'rider-xt', 'org-xitang');
  });
  afterAll(() => h.close());

  describe('scope', () => {
    let weitang: string;
    let xitang: string;
    let haining: string;
    beforeAll(async () => {
      weitang = await apply(h, 'demo-rider', { name: '魏塘申请驿站' });
      xitang = await apply(h, 'rider-xt', { name: '西塘申请驿站', orgId: 'org-xitang' });
      haining = await apply(h, 'demo-rider', { name: '海宁申请驿站', orgId: 'org-haining' });
    });

    it('a town cadre sees their own committee only', async () => {
      const { items } = await h.call('demo-town-cadre', 'review', 'queue', {});
      expect(ids(items)).toContain(weitang);
      expect(ids(items)).not.toContain(xitang);
      expect(ids(items)).not.toContain(haining);
      expect(items.every((i) => i.orgId === 'org-weitang')).toBe(true);
    });

    it('a county cadre sees the towns below it, not other counties', async () => {
      const { items } = await h.call('demo-cadre', 'review', 'queue', {});
      expect(ids(items)).toEqual(expect.arrayContaining([weitang, xitang]));
      expect(ids(items)).not.toContain(haining);
    });

    it('admin sees every committee', async () => {
      const { items } = await h.call(ADMIN, 'review', 'queue', {});
      expect(ids(items)).toEqual(expect.arrayContaining([weitang, xitang, haining]));
    });

    it('queue items carry the committee and submitter names, due time and overdue flag in +08:00', async () => {
      const { items } = await h.call('demo-town-cadre', 'review', 'queue', { kind: 'station' });
      const item = items.find((i) => i.id === weitang)!;
      expect(item).toMatchObject({
        kind: 'station',
        status: 'pending',
        orgId: 'org-weitang',
        orgName: '魏塘街道团工委',
        title: '新驿站：魏塘申请驿站',
        submitterName: '李小哥',
        submittedAt: '2026-11-18T10:00:00.000+08:00',
        dueAt: '2026-11-25T10:00:00.000+08:00',
        overdue: false,
      });
      expect((await h.call('demo-town-cadre', 'review', 'queue', { kind: 'verification' })).items).toEqual([]);
    });

    it('a sibling town cadre may neither read nor decide', async () => {
      expect(await h.fail('xitang-cadre', 'review', 'get', { id: weitang })).toBe('FORBIDDEN');
      expect(await h.fail('xitang-cadre', 'review', 'decide', { id: weitang, decision: 'approve' })).toBe('FORBIDDEN');
      expect(ids((await h.call('xitang-cadre', 'review', 'queue', {})).items)).toEqual([xitang]);
      expect((await h.store.get(reviews, weitang))?.status).toBe('pending');
    });

    it('a rider may not read the queue, decide or see stats', async () => {
      expect(await h.fail('demo-rider', 'review', 'queue', {})).toBe('FORBIDDEN');
      expect(await h.fail('demo-rider', 'review', 'stats', {})).toBe('FORBIDDEN');
      expect(await h.fail('demo-rider-2', 'review', 'decide', { id: weitang, decision: 'approve' })).toBe('FORBIDDEN');
    });

    it('the submitter reads their own item with its history; another rider may not', async () => {
      const { item } = await h.call('demo-rider', 'review', 'get', { id: weitang });
      expect(item.history).toEqual([
        { at: '2026-11-18T10:00:00.000+08:00', byId: await userId(h, 'demo-rider'), byName: '李小哥', action: 'submitted' },
      ]);
      expect(await h.fail('demo-rider-2', 'review', 'get', { id: weitang })).toBe('FORBIDDEN');
      expect(await h.fail('demo-rider-2', 'review', 'get', { id: 'no-such-item' })).toBe('NOT_FOUND');
      expect(await h.fail('demo-cadre', 'review', 'decide', { id: 'no-such-item', decision: 'approve' })).toBe('NOT_FOUND');
    });

    it('mine lists the caller’s own items only', async () => {
      const mine = ids((await h.call('demo-rider', 'review', 'mine', {})).items);
      expect(mine).toEqual(expect.arrayContaining([weitang, haining]));
      expect(mine).not.toContain(xitang);
      expect((await h.call('brand-new-rider', 'review', 'mine', {})).items).toEqual([]);
    });
  });

  describe('transitions', () => {
    it('approve publishes the station, records history and audit, and tells the submitter', async () => {
      const pushed: { openid: string; title: string }[] = [];
      h.deps.push = async (openid, m) => void pushed.push({ openid, title: m.title });
      const location = { lat: 30.97, lng: 121.07 };
      const id = await apply(h, 'demo-rider', { name: '待通过驿站', location });
      const before = (await inbox(h, 'demo-rider')).length;
      const { item } = await h.call('demo-town-cadre', 'review', 'decide', { id, decision: 'approve', note: '材料齐全' });
      expect(item).toMatchObject({ status: 'approved', decidedAt: '2026-11-18T10:00:00.000+08:00', overdue: false });
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'approved']);
      expect(item.history[1]).toMatchObject({ byId: await userId(h, 'demo-town-cadre'), byName: '吴干事（魏塘街道）', note: '材料齐全' });
      const near = await h.call('demo-rider', 'stations', 'nearby', { lat: location.lat, lng: location.lng, radiusM: 50 });
      expect(near.stations.map((s) => s.name)).toEqual(['待通过驿站']);
      expect(await auditOf(h.store, id)).toEqual([
        expect.objectContaining({ actorId: await userId(h, 'demo-town-cadre'), action: 'review.approve', targetId: id, note: '材料齐全' }),
      ]);
      const messages = await inbox(h, 'demo-rider');
      expect(messages).toHaveLength(before + 1);
      expect(messages[0]).toMatchObject({ title: '申请已通过', read: false, link: expect.stringContaining(id) });
      expect(messages[0].body).toContain('待通过驿站');
      expect(pushed).toEqual([{ openid: 'demo-rider', title: '申请已通过' }]);
      delete h.deps.push;
    });

    it('reject is final and keeps the station off the map', async () => {
      const location = { lat: 30.99, lng: 121.09 };
      const id = await apply(h, 'demo-rider-2', { name: '被驳回驿站', location });
      const { item } = await h.call('demo-cadre', 'review', 'decide', { id, decision: 'reject', note: '地址不在辖区' });
      expect(item.status).toBe('rejected');
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'rejected']);
      expect((await h.call('demo-rider-2', 'stations', 'nearby', { ...location, radiusM: 50 })).stations).toEqual([]);
      expect(await messagesAbout(h, 'demo-rider-2', id)).toEqual([
        expect.objectContaining({ title: '申请未通过', body: expect.stringContaining('地址不在辖区') }),
      ]);
      // Final: any further decision or answer is a conflict.
      for (const decision of ['approve', 'reject', 'needs-info'] as const) {
        expect(await h.fail('demo-cadre', 'review', 'decide', { id, decision })).toBe('CONFLICT');
      }
      expect(await h.fail('demo-rider-2', 'review', 'respond', { id, note: '补充' })).toBe('CONFLICT');
      expect(await auditOf(h.store, id)).toHaveLength(1);
    });

    it('needs-info waits for the submitter, who answers; the item is pending again, due afresh, then approved', async () => {
      const id = await apply(h, 'demo-rider', { name: '待补充驿站', location: { lat: 31.01, lng: 121.11 } });
      const asked = await h.call('demo-town-cadre', 'review', 'decide', { id, decision: 'needs-info', note: '请补充营业时间' });
      expect(asked.item).toMatchObject({ status: 'needs-info' });
      expect(asked.item.decidedAt).toBeUndefined();
      expect(await messagesAbout(h, 'demo-rider', id)).toEqual([
        expect.objectContaining({ title: '申请需要补充材料', body: expect.stringContaining('请补充营业时间') }),
      ]);
      expect(ids((await h.call('demo-town-cadre', 'review', 'queue', { status: 'needs-info' })).items)).toContain(id);
      expect(ids((await h.call('demo-rider', 'review', 'mine', { status: 'needs-info' })).items)).toEqual([id]);

      // Asking again while waiting is a conflict; only the submitter may answer.
      expect(await h.fail('demo-town-cadre', 'review', 'decide', { id, decision: 'needs-info' })).toBe('CONFLICT');
      expect(await h.fail('demo-rider-2', 'review', 'respond', { id, note: '我来补充' })).toBe('FORBIDDEN');
      expect(await h.fail('demo-town-cadre', 'review', 'respond', { id, note: '我来补充' })).toBe('FORBIDDEN');

      h.clock.now = at(30);
      const stored = await h.store.get(reviews, id);
      const answered = await h.call('demo-rider', 'review', 'respond', {
        id,
        note: '每天 8:00–20:00 营业',
        payload: { name: '待补充驿站（新）', stationId: 'st-weitang-hq', points: 999 },
      });
      expect(answered.item).toMatchObject({
        status: 'pending',
        title: '新驿站：待补充驿站（新）',
        dueAt: '2026-11-26T16:00:00.000+08:00',
        payload: { name: '待补充驿站（新）', stationId: stored?.payload.stationId },
      });
      expect(answered.item.payload.points).toBeUndefined();
      expect(answered.item.history.map((s) => s.action)).toEqual(['submitted', 'needs-info', 'info-added']);
      expect(answered.item.history[2]).toMatchObject({ byName: '李小哥', note: '每天 8:00–20:00 营业', at: '2026-11-19T16:00:00.000+08:00' });
      expect(await h.fail('demo-rider', 'review', 'respond', { id, note: '再补充' })).toBe('CONFLICT');

      const approved = await h.call('demo-town-cadre', 'review', 'decide', { id, decision: 'approve' });
      expect(approved.item.history.map((s) => s.action)).toEqual(['submitted', 'needs-info', 'info-added', 'approved']);
      expect((await auditOf(h.store, id)).map((a) => a.action)).toEqual(['review.needs-info', 'review.approve']);
      expect((await messagesAbout(h, 'demo-rider', id)).map((m) => m.title).sort()).toEqual(['申请已通过', '申请需要补充材料'].sort());
      const station = await h.store.get(stations, String(stored?.payload.stationId));
      expect(station).toMatchObject({ published: true, name: '待补充驿站（新）' });
      h.clock.now = T0;
    });

    it('a cadre may still reject an item that waits for information', async () => {
      const id = await apply(h, 'demo-rider', { name: '无人补充驿站' });
      await h.call('demo-cadre', 'review', 'decide', { id, decision: 'needs-info', note: '请补充照片' });
      const { item } = await h.call('demo-cadre', 'review', 'decide', { id, decision: 'reject', note: '逾期未补充' });
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'needs-info', 'rejected']);
    });

    it('nobody decides their own request', async () => {
      const id = await apply(h, 'demo-cadre', { name: '干部自己申请的驿站' });
      expect(await h.fail('demo-cadre', 'review', 'decide', { id, decision: 'approve' })).toBe('FORBIDDEN');
      expect(await h.fail('demo-cadre', 'review', 'respond', { id, note: '补充' })).toBe('CONFLICT');
      await h.call('demo-town-cadre', 'review', 'decide', { id, decision: 'approve' });
    });

    it('verification: home committee or chosen one; approval marks the user verified, once', async () => {
      expect(await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '美团', employer: '某配送站' })).toBe(
        'INVALID_INPUT',
      );
      expect(
        await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '美团', employer: '某站', orgId: 'org-none' }),
      ).toBe('NOT_FOUND');
      expect(await h.fail('demo-rider', 'account', 'applyVerification', { realName: '李小哥', platform: '美团', employer: '某站' })).toBe(
        'CONFLICT',
      );

      const { reviewId } = await h.call('lone-rider', 'account', 'applyVerification', {
        realName: '孙骑手',
        platform: '饿了么',
        employer: '嘉善蜂鸟站',
        orgId: 'org-xitang',
        note: '已跑单两年',
      });
      expect(
        await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '饿了么', employer: '嘉善蜂鸟站', orgId: 'org-xitang' }),
      ).toBe('CONFLICT');
      const { item } = await h.call('lone-rider', 'review', 'get', { id: reviewId });
      expect(item).toMatchObject({
        kind: 'verification',
        orgId: 'org-xitang',
        dueAt: '2026-11-19T10:00:00.000+08:00',
        payload: { realName: '孙骑手', platform: '饿了么', employer: '嘉善蜂鸟站' },
      });
      expect(item.history[0].note).toBe('已跑单两年');
      expect(ids((await h.call('demo-town-cadre', 'review', 'queue', { kind: 'verification' })).items)).not.toContain(reviewId);

      await h.call('xitang-cadre', 'review', 'decide', { id: reviewId, decision: 'approve' });
      const { user } = await h.call('lone-rider', 'account', 'me', {});
      expect(user).toMatchObject({ verified: true, platform: '饿了么' });
      expect((await inbox(h, 'lone-rider'))[0]).toMatchObject({ title: '申请已通过', body: '你的骑手认证已通过。' });
      expect(
        await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '饿了么', employer: '某站', orgId: 'org-xitang' }),
      ).toBe('CONFLICT');
    });

    it('claims: get shows nearby hazard reports; an answer cannot change the points; approval credits them once', async () => {
      const spot = { lat: 30.8431, lng: 120.9281 };
      const a = await h.call('demo-rider', 'points', 'claim', { kind: 'hazard', description: '路口井盖缺失', location: spot, photos: [await photoOf(h, 'demo-rider')] });
      const second = await photoOf(h, 'demo-rider-2');
      const b = await h.call('demo-rider-2', 'points', 'claim', {
        kind: 'hazard',
        description: '井盖不见了，很危险',
        location: { lat: spot.lat + 0.0003, lng: spot.lng },
        photos: [second],
      });
      const { item } = await h.call('demo-town-cadre', 'review', 'get', { id: a.reviewId });
      expect(item.related).toEqual([expect.objectContaining({ id: b.reviewId, distanceM: expect.any(Number) })]);
      expect((await h.call('demo-rider', 'review', 'get', { id: a.reviewId })).item.related).toBeUndefined();

      const points = (await h.store.get(reviews, a.reviewId))!.payload.points;
      await h.call('demo-town-cadre', 'review', 'decide', { id: a.reviewId, decision: 'needs-info', note: '请说明具体路口' });
      const answered = await h.call('demo-rider', 'review', 'respond', {
        id: a.reviewId,
        note: '解放东路与中山路路口',
        payload: { description: '解放东路与中山路路口井盖缺失', points: 9999, kind: 'event' },
      });
      expect(answered.item.payload).toMatchObject({ description: '解放东路与中山路路口井盖缺失', points, kind: 'hazard' });
      const before = (await h.call('demo-rider', 'points', 'balance', {})).balance;
      await h.call('demo-town-cadre', 'review', 'decide', { id: a.reviewId, decision: 'approve' });
      expect(await h.fail('demo-cadre', 'review', 'decide', { id: a.reviewId, decision: 'approve' })).toBe('CONFLICT');
      expect((await h.call('demo-rider', 'points', 'balance', {})).balance).toBe(before + Number(points));
    });

    it('20 concurrent approvals: one succeeds, the effect, audit, history and message happen once', async () => {
      const location = { lat: 31.03, lng: 121.13 };
      const id = await apply(h, 'demo-rider-2', { name: '并发驿站', location });
      const submitter = (await h.user('demo-rider-2'))!;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.raw('review', i % 2 ? 'demo-cadre' : 'demo-town-cadre', { action: 'decide', id, decision: 'approve', note: `第${i}次` }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(19);
      expect(await auditOf(h.store, id)).toHaveLength(1);
      const stored = await h.store.get(reviews, id);
      expect(stored?.history.filter((s) => s.action === 'approved')).toHaveLength(1);
      const about = (await findAll(h.store, messages, { where: { userId: submitter._id } })).filter((m) => m.link?.includes(id));
      expect(about).toHaveLength(1);
      expect((await h.call('demo-rider', 'stations', 'nearby', { ...location, radiusM: 50 })).stations).toHaveLength(1);
    });
  });

  describe('bad calls', () => {
    it('answers INVALID_INPUT for bad input and writes nothing', async () => {
      const id = await apply(h, 'demo-rider', { name: '输入测试驿站' });
      const submitter = (await h.user('demo-rider'))!;
      const messagesBefore = await h.store.count(messages, { userId: submitter._id, read: false });
      const bad: [string, Record<string, unknown>][] = [
        ['decide', { id, decision: 'maybe' }],
        ['decide', { id }],
        ['decide', { decision: 'approve' }],
        ['decide', { id, decision: 'approve', note: '长'.repeat(501) }],
        ['decide', { id: '', decision: 'approve' }],
        ['queue', { status: 'open' }],
        ['queue', { limit: 0 }],
        ['queue', { limit: 101 }],
        ['get', {}],
      ];
      for (const [action, input] of bad) {
        const res = await h.raw('review', 'demo-cadre', { action, ...input });
        expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
      }
      expect(await h.fail('demo-rider', 'review', 'respond', { id, note: '' })).toBe('INVALID_INPUT');
      expect(await h.fail('demo-rider', 'review', 'respond', { id, note: '补充', payload: 'x' })).toBe('INVALID_INPUT');
      expect(await h.fail('demo-rider', 'account', 'applyVerification', { realName: '李', platform: '美团', employer: '某站' })).toBe(
        'INVALID_INPUT',
      );
      const stored = await h.store.get(reviews, id);
      expect(stored?.status).toBe('pending');
      expect(stored?.history).toHaveLength(1);
      expect(await auditOf(h.store, id)).toEqual([]);
      expect(await h.store.count(messages, { userId: submitter._id, read: false })).toBe(messagesBefore);
    });

    it('answers INVALID_INPUT for an unknown or missing action and UNAUTHENTICATED without identity', async () => {
      for (const event of [{ action: 'approveAll' }, {}, { action: 'constructor' }]) {
        expect(await h.raw('review', 'demo-cadre', event)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
      expect(await h.fail(null, 'review', 'queue', {})).toBe('UNAUTHENTICATED');
    });
  });
});

describe('review: overdue and stats', () => {
  let h: Harness;
  const town = 'demo-town-cadre';
  const county = 'demo-cadre';
  const s: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness(new Date('2026-10-20T02:00:00.000Z'));
    await seedDemo(h.deps);
    await rider(h, 'r-wt', 'org-weitang');
    await rider(h, 'r-wt2', 'org-weitang');
    await rider(h, 'r-xt', 'org-xitang');
    // Last month: decided, counted by status but not in this month's median.
    s.old = await apply(h, 'r-wt', { name: '上月驿站' });
    h.clock.now = new Date('2026-10-21T02:00:00.000Z');
    await h.call(town, 'review', 'decide', { id: s.old, decision: 'approve' });

    h.clock.now = T0;
    s.s1 = await apply(h, 'r-wt', { name: '驿站一' });
    s.s2 = await apply(h, 'r-xt', { name: '驿站二', orgId: 'org-xitang' });
    s.s3 = await apply(h, 'r-wt', { name: '驿站三' });
    h.clock.now = new Date(T0.getTime() + 60_000);
    s.s4 = await apply(h, 'r-wt', { name: '驿站四', orgId: 'org-luoxing' });
    h.clock.now = new Date(T0.getTime() + 120_000);
    s.far = await apply(h, 'r-wt', { name: '海宁驿站', orgId: 'org-haining' });
    h.clock.now = at(1);
    s.v = (await h.call('r-wt2', 'account', 'applyVerification', { realName: '钱骑手', platform: '美团', employer: '魏塘站' })).reviewId;
    h.clock.now = at(2);
    await h.call(town, 'review', 'decide', { id: s.s1, decision: 'approve' }); // 2 h
    h.clock.now = at(6);
    await h.call(county, 'review', 'decide', { id: s.s2, decision: 'reject' }); // 6 h
    await h.call(county, 'review', 'decide', { id: s.s4, decision: 'needs-info' });
    h.clock.now = at(12);
    s.v2 = (await h.call('r-xt', 'account', 'applyVerification', { realName: '冯骑手', platform: '饿了么', employer: '西塘站' })).reviewId;
    h.clock.now = at(13);
    await h.call(town, 'review', 'decide', { id: s.v, decision: 'approve' }); // 12 h
  });
  afterAll(() => h.close());

  it('overdue is computed from the clock at read time, and overdue items come first', async () => {
    h.clock.now = at(20);
    let { items } = await h.call(county, 'review', 'queue', {});
    expect(ids(items)).toEqual([s.s3, s.s4, s.v2]);
    expect(items.every((i) => !i.overdue)).toBe(true);

    h.clock.now = at(40); // v2 was due at 36 h
    ({ items } = await h.call(county, 'review', 'queue', {}));
    expect(ids(items)).toEqual([s.v2, s.s3, s.s4]);
    expect(items.map((i) => i.overdue)).toEqual([true, false, false]);
    expect((await h.call('r-xt', 'review', 'get', { id: s.v2 })).item.overdue).toBe(true);

    h.clock.now = at(20);
    expect((await h.call('r-xt', 'review', 'get', { id: s.v2 })).item.overdue).toBe(false);
  });

  it('queue pages with a cursor, in order, without repeats', async () => {
    h.clock.now = at(40);
    const first = await h.call(ADMIN, 'review', 'queue', { limit: 2 });
    expect(first.cursor).toBeDefined();
    const second = await h.call(ADMIN, 'review', 'queue', { limit: 2, cursor: first.cursor });
    expect([...ids(first.items), ...ids(second.items)]).toEqual([s.v2, s.s3, s.s4, s.far]);
    expect(second.cursor).toBeUndefined();
    const approved = await h.call(county, 'review', 'queue', { status: 'approved' });
    expect(ids(approved.items).sort()).toEqual([s.old, s.s1, s.v].sort());
  });

  it('stats count by status and kind in scope, overdue, and the median hours to decision this month', async () => {
    h.clock.now = at(40);
    expect((await h.call(county, 'review', 'stats', {})).stats).toEqual({
      byStatus: { pending: 2, 'needs-info': 1, approved: 3, rejected: 1 },
      byKind: expect.objectContaining({ station: 2, verification: 1 }),
      overdue: 1,
      medianDecisionHours: 6,
      decidedThisMonth: 3,
    });
    expect((await h.call(town, 'review', 'stats', {})).stats).toEqual({
      byStatus: { pending: 1, 'needs-info': 0, approved: 3, rejected: 0 },
      byKind: expect.objectContaining({ station: 1, verification: 0 }),
      overdue: 0,
      medianDecisionHours: 7,
      decidedThisMonth: 2,
    });
    expect((await h.call(ADMIN, 'review', 'stats', {})).stats).toMatchObject({ byStatus: { pending: 3 }, overdue: 1 });
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'dayun-cadre', role: 'cadre', orgId: 'org-dayun' });
    expect((await h.call('dayun-cadre', 'review', 'stats', {})).stats).toMatchObject({
      byStatus: { pending: 0, 'needs-info': 0, approved: 0, rejected: 0 },
      overdue: 0,
      medianDecisionHours: null,
      decidedThisMonth: 0,
    });
  });
});
