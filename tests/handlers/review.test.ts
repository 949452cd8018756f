import type { InputOf } from '../../types';
import { messages } from '../../cloudfunctions/capabilities/inbox/collections';
import { openField } from '../../cloudfunctions/core/crypto';
import type { DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { audit, reviews } from '../../cloudfunctions/capabilities/review/collections';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';
import { photoOf } from '../support/photos';
import { sendQueuedPushes } from '../../cloudfunctions/capabilities/inbox/send-pushes';

const T0 = new Date('2026-11-18T02:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

// Two counties under a city; four towns in the first county.
const CITY = 'city';
const COUNTY = 'county';
const OTHER_COUNTY = 'other-county';
const TOWN = 'town';
const TOWN_B = 'town-b';
const TOWN_C = 'town-c';
const TOWN_D = 'town-d';

type StationApplication = InputOf<'stations', 'apply'>;
const application = (over: Partial<StationApplication> = {}): StationApplication => ({
  name: '申请驿站',
  orgId: TOWN,
  location: { lat: 30.95, lng: 121.05 },
  address: '嘉善县测试路 1 号',
  services: ['rest', 'water'],
  ...over,
});

async function fresh(start = T0): Promise<Harness> {
  const h = await createHarness(start);
  await buildOrg(h.store, CITY, { kind: 'district' });
  for (const id of [COUNTY, OTHER_COUNTY]) await buildOrg(h.store, id, { kind: 'district', parentId: CITY });
  await buildOrg(h.store, TOWN, { name: '魏塘街道团工委', parentId: COUNTY });
  for (const id of [TOWN_B, TOWN_C, TOWN_D]) await buildOrg(h.store, id, { parentId: COUNTY });
  // A station an answer to needs-info must not be able to swap the application onto.
  await buildStation(h.store, 'st-hq', { orgId: TOWN });
  // Verified already, so asking again is a conflict.
  await buildPerson(h.deps, 'rider-1', { orgId: TOWN, displayName: '李小哥', verified: true });
  await buildPerson(h.deps, 'rider-2', { orgId: TOWN });
  await buildPerson(h.deps, 'cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'cadre-town', { roles: ['cadre'], cadreOrgIds: [TOWN], displayName: '吴干事（魏塘街道）' });
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
  return must(await h.user(openid), `user ${openid}`)._id;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

const auditOf = (store: DocStore, id: string) => findAll(store, audit, { where: { targetId: id }, orderBy: [['at', 'asc']] });

describe('review', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await fresh();
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'cadre-town-b', role: 'cadre', orgId: TOWN_B });
    await rider(h, 'rider-xt', TOWN_B);
  });
  afterAll(() => h.close());

  describe('scope', () => {
    let ownTown: string;
    let siblingTown: string;
    let otherCounty: string;
    beforeAll(async () => {
      ownTown = await apply(h, 'rider-1', { name: '魏塘申请驿站' });
      siblingTown = await apply(h, 'rider-xt', { name: '西塘申请驿站', orgId: TOWN_B });
      otherCounty = await apply(h, 'rider-1', { name: '海宁申请驿站', orgId: OTHER_COUNTY });
    });

    it('a town cadre sees their own committee only', async () => {
      const { items } = await h.call('cadre-town', 'review', 'queue', {});
      expect(ids(items)).toContain(ownTown);
      expect(ids(items)).not.toContain(siblingTown);
      expect(ids(items)).not.toContain(otherCounty);
      expect(items.every((i) => i.orgId === TOWN)).toBe(true);
    });

    it('a county cadre sees the towns below it, not other counties', async () => {
      const { items } = await h.call('cadre-county', 'review', 'queue', {});
      expect(ids(items)).toEqual(expect.arrayContaining([ownTown, siblingTown]));
      expect(ids(items)).not.toContain(otherCounty);
    });

    it('admin sees every committee', async () => {
      const { items } = await h.call(ADMIN, 'review', 'queue', {});
      expect(ids(items)).toEqual(expect.arrayContaining([ownTown, siblingTown, otherCounty]));
    });

    it('queue items carry the committee and submitter names, due time and overdue flag in +08:00', async () => {
      const { items } = await h.call('cadre-town', 'review', 'queue', { kind: 'station' });
      const item = items.find((i) => i.id === ownTown)!;
      expect(item).toMatchObject({
        kind: 'station',
        status: 'pending',
        orgId: TOWN,
        orgName: '魏塘街道团工委',
        title: '新驿站：魏塘申请驿站',
        submitterName: '李小哥',
        submittedAt: '2026-11-18T10:00:00.000+08:00',
        dueAt: '2026-11-25T10:00:00.000+08:00',
        overdue: false,
      });
      expect((await h.call('cadre-town', 'review', 'queue', { kind: 'verification' })).items).toEqual([]);
    });

    it('a sibling town cadre may neither read nor decide', async () => {
      expect(await h.fail('cadre-town-b', 'review', 'get', { id: ownTown })).toBe('FORBIDDEN');
      expect(await h.fail('cadre-town-b', 'review', 'decide', { id: ownTown, decision: 'approve' })).toBe('FORBIDDEN');
      expect(ids((await h.call('cadre-town-b', 'review', 'queue', {})).items)).toEqual([siblingTown]);
      expect((await h.store.get(reviews, ownTown))?.status).toBe('pending');
    });

    it('a rider may not read the queue, decide or see stats', async () => {
      expect(await h.fail('rider-1', 'review', 'queue', {})).toBe('FORBIDDEN');
      expect(await h.fail('rider-1', 'review', 'stats', {})).toBe('FORBIDDEN');
      expect(await h.fail('rider-2', 'review', 'decide', { id: ownTown, decision: 'approve' })).toBe('FORBIDDEN');
    });

    it('the submitter reads their own item with its history; another rider may not', async () => {
      const { item } = await h.call('rider-1', 'review', 'get', { id: ownTown });
      expect(item.history).toEqual([{ at: '2026-11-18T10:00:00.000+08:00', byId: await userId(h, 'rider-1'), byName: '李小哥', action: 'submitted' }]);
      expect(await h.fail('rider-2', 'review', 'get', { id: ownTown })).toBe('FORBIDDEN');
      expect(await h.fail('rider-2', 'review', 'get', { id: 'no-such-item' })).toBe('NOT_FOUND');
      expect(await h.fail('cadre-county', 'review', 'decide', { id: 'no-such-item', decision: 'approve' })).toBe('NOT_FOUND');
    });

    it('mine lists the caller’s own items only', async () => {
      const mine = ids((await h.call('rider-1', 'review', 'mine', {})).items);
      expect(mine).toEqual(expect.arrayContaining([ownTown, otherCounty]));
      expect(mine).not.toContain(siblingTown);
      expect((await h.call('brand-new-rider', 'review', 'mine', {})).items).toEqual([]);
    });
  });

  describe('transitions', () => {
    it('approve publishes the station, records history and audit, and tells the submitter', async () => {
      const pushed: { openid: string; kind: string; title: string }[] = [];
      h.deps.push = async (openid, kind, m) => void pushed.push({ openid, kind, title: m.title });
      const location = { lat: 30.97, lng: 121.07 };
      const id = await apply(h, 'rider-1', { name: '待通过驿站', location });
      const before = (await inbox(h, 'rider-1')).length;
      const { item } = await h.call('cadre-town', 'review', 'decide', { id, decision: 'approve', note: '材料齐全' });
      expect(item).toMatchObject({ status: 'approved', decidedAt: '2026-11-18T10:00:00.000+08:00', overdue: false });
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'approved']);
      expect(item.history[1]).toMatchObject({ byId: await userId(h, 'cadre-town'), byName: '吴干事（魏塘街道）', note: '材料齐全' });
      const near = await h.call('rider-1', 'stations', 'nearby', { lat: location.lat, lng: location.lng, radiusM: 50 });
      expect(near.stations.map((s) => s.name)).toEqual(['待通过驿站']);
      const entries = await auditOf(h.store, id);
      expect(entries).toEqual([expect.objectContaining({ actorId: await userId(h, 'cadre-town'), action: 'review.approve', targetId: id })]);
      // The note is kept sealed, in the audit log as in the history.
      expect(openField(must(entries[0]?.noteEnc, 'the sealed note'), h.deps.secrets.fieldKey)).toBe('材料齐全');
      expect(JSON.stringify(await h.store.get(reviews, id))).not.toContain('材料齐全');
      const messages = await inbox(h, 'rider-1');
      expect(messages).toHaveLength(before + 1);
      expect(messages[0]).toMatchObject({ title: '申请已通过', read: false, link: expect.stringContaining(id), body: expect.stringContaining('待通过驿站') });
      // Queued by the decision, sent by the scheduler's next tick.
      expect(pushed).toEqual([]);
      expect(await sendQueuedPushes(h.deps, h.clock.now)).toBe(1);
      expect(pushed).toEqual([{ openid: 'rider-1', kind: 'reviewDecided', title: '申请已通过' }]);
      delete h.deps.push;
    });

    it('reject is final and keeps the station off the map', async () => {
      const location = { lat: 30.99, lng: 121.09 };
      const id = await apply(h, 'rider-2', { name: '被驳回驿站', location });
      const { item } = await h.call('cadre-county', 'review', 'decide', { id, decision: 'reject', note: '地址不在辖区' });
      expect(item.status).toBe('rejected');
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'rejected']);
      expect((await h.call('rider-2', 'stations', 'nearby', { ...location, radiusM: 50 })).stations).toEqual([]);
      expect(await messagesAbout(h, 'rider-2', id)).toEqual([
        expect.objectContaining({ title: '申请未通过', body: expect.not.stringContaining('地址不在辖区'), detail: '说明：地址不在辖区' }),
      ]);
      // Final: any further decision or answer is a conflict.
      for (const decision of ['approve', 'reject', 'needs-info'] as const) {
        expect(await h.fail('cadre-county', 'review', 'decide', { id, decision })).toBe('CONFLICT');
      }
      expect(await h.fail('rider-2', 'review', 'respond', { id, note: '补充' })).toBe('CONFLICT');
      expect(await auditOf(h.store, id)).toHaveLength(1);
    });

    it('needs-info waits for the submitter, who answers; the item is pending again, due afresh, then approved', async () => {
      const id = await apply(h, 'rider-1', { name: '待补充驿站', location: { lat: 31.01, lng: 121.11 } });
      const asked = await h.call('cadre-town', 'review', 'decide', { id, decision: 'needs-info', note: '请补充营业时间' });
      expect(asked.item).toMatchObject({ status: 'needs-info' });
      expect(asked.item.decidedAt).toBeUndefined();
      expect(await messagesAbout(h, 'rider-1', id)).toEqual([
        expect.objectContaining({ title: '申请需要补充材料', body: expect.not.stringContaining('请补充营业时间'), detail: '说明：请补充营业时间' }),
      ]);
      expect(ids((await h.call('cadre-town', 'review', 'queue', { status: 'needs-info' })).items)).toContain(id);
      expect(ids((await h.call('rider-1', 'review', 'mine', { status: 'needs-info' })).items)).toEqual([id]);

      // Asking again while waiting is a conflict; only the submitter may answer.
      expect(await h.fail('cadre-town', 'review', 'decide', { id, decision: 'needs-info' })).toBe('CONFLICT');
      expect(await h.fail('rider-2', 'review', 'respond', { id, note: '我来补充' })).toBe('FORBIDDEN');
      expect(await h.fail('cadre-town', 'review', 'respond', { id, note: '我来补充' })).toBe('FORBIDDEN');

      h.clock.now = at(30);
      const stored = await h.store.get(reviews, id);
      const answered = await h.call('rider-1', 'review', 'respond', {
        id,
        note: '每天 8:00–20:00 营业',
        payload: { name: '待补充驿站（新）', stationId: 'st-hq', points: 999 },
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
      expect(await h.fail('rider-1', 'review', 'respond', { id, note: '再补充' })).toBe('CONFLICT');

      const approved = await h.call('cadre-town', 'review', 'decide', { id, decision: 'approve' });
      expect(approved.item.history.map((s) => s.action)).toEqual(['submitted', 'needs-info', 'info-added', 'approved']);
      expect((await auditOf(h.store, id)).map((a) => a.action)).toEqual(['review.needs-info', 'review.approve']);
      expect((await messagesAbout(h, 'rider-1', id)).map((m) => m.title).sort()).toEqual(['申请已通过', '申请需要补充材料'].sort());
      const station = await h.store.get(stations, String(stored?.payload.stationId));
      expect(station).toMatchObject({ published: true, name: '待补充驿站（新）' });
      h.clock.now = T0;
    });

    it('a cadre may still reject an item that waits for information', async () => {
      const id = await apply(h, 'rider-1', { name: '无人补充驿站' });
      await h.call('cadre-county', 'review', 'decide', { id, decision: 'needs-info', note: '请补充照片' });
      const { item } = await h.call('cadre-county', 'review', 'decide', { id, decision: 'reject', note: '逾期未补充' });
      expect(item.history.map((s) => s.action)).toEqual(['submitted', 'needs-info', 'rejected']);
    });

    it('nobody decides their own request', async () => {
      const id = await apply(h, 'cadre-county', { name: '干部自己申请的驿站' });
      expect(await h.fail('cadre-county', 'review', 'decide', { id, decision: 'approve' })).toBe('FORBIDDEN');
      expect(await h.fail('cadre-county', 'review', 'respond', { id, note: '补充' })).toBe('CONFLICT');
      await h.call('cadre-town', 'review', 'decide', { id, decision: 'approve' });
    });

    it('verification: home committee or chosen one; approval marks the user verified, once', async () => {
      expect(await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '美团', employer: '某配送站' })).toBe('INVALID_INPUT');
      expect(await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '美团', employer: '某站', orgId: 'org-none' })).toBe(
        'NOT_FOUND',
      );
      expect(await h.fail('rider-1', 'account', 'applyVerification', { realName: '李小哥', platform: '美团', employer: '某站' })).toBe('CONFLICT');

      const { reviewId } = await h.call('lone-rider', 'account', 'applyVerification', {
        realName: '孙骑手',
        platform: '饿了么',
        employer: '嘉善蜂鸟站',
        orgId: TOWN_B,
        note: '已跑单两年',
      });
      expect(
        await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '饿了么', employer: '嘉善蜂鸟站', orgId: TOWN_B }),
      ).toBe('CONFLICT');
      const { item } = await h.call('lone-rider', 'review', 'get', { id: reviewId });
      expect(item).toMatchObject({
        kind: 'verification',
        orgId: TOWN_B,
        dueAt: '2026-11-19T10:00:00.000+08:00',
        payload: { realName: '孙骑手', platform: '饿了么', employer: '嘉善蜂鸟站' },
      });
      expect(item.history[0]).toMatchObject({ note: '已跑单两年' });
      expect(ids((await h.call('cadre-town', 'review', 'queue', { kind: 'verification' })).items)).not.toContain(reviewId);

      await h.call('cadre-town-b', 'review', 'decide', { id: reviewId, decision: 'approve' });
      const { user } = await h.call('lone-rider', 'account', 'me', {});
      expect(user).toMatchObject({ verified: true, platform: '饿了么' });
      expect((await inbox(h, 'lone-rider'))[0]).toMatchObject({ title: '申请已通过', body: '你的骑手认证已通过。' });
      expect(await h.fail('lone-rider', 'account', 'applyVerification', { realName: '孙骑手', platform: '饿了么', employer: '某站', orgId: TOWN_B })).toBe(
        'CONFLICT',
      );
    });

    it('claims: get shows nearby hazard reports; an answer cannot change the points; approval credits them once', async () => {
      const spot = { lat: 30.8431, lng: 120.9281 };
      const a = await h.call('rider-1', 'points', 'claim', {
        kind: 'hazard',
        description: '路口井盖缺失',
        location: spot,
        photos: [await photoOf(h, 'rider-1')],
      });
      const second = await photoOf(h, 'rider-2');
      const b = await h.call('rider-2', 'points', 'claim', {
        kind: 'hazard',
        description: '井盖不见了，很危险',
        location: { lat: spot.lat + 0.0003, lng: spot.lng },
        photos: [second],
      });
      const { item } = await h.call('cadre-town', 'review', 'get', { id: a.reviewId });
      expect(item.related).toEqual([expect.objectContaining({ id: b.reviewId, distanceM: expect.any(Number) })]);
      expect((await h.call('rider-1', 'review', 'get', { id: a.reviewId })).item.related).toBeUndefined();

      const points = (await h.store.get(reviews, a.reviewId))!.payload.points;
      await h.call('cadre-town', 'review', 'decide', { id: a.reviewId, decision: 'needs-info', note: '请说明具体路口' });
      const answered = await h.call('rider-1', 'review', 'respond', {
        id: a.reviewId,
        note: '解放东路与中山路路口',
        payload: { description: '解放东路与中山路路口井盖缺失', points: 9999, kind: 'event' },
      });
      expect(answered.item.payload).toMatchObject({ description: '解放东路与中山路路口井盖缺失', points, kind: 'hazard' });
      const before = (await h.call('rider-1', 'points', 'balance', {})).balance;
      await h.call('cadre-town', 'review', 'decide', { id: a.reviewId, decision: 'approve' });
      expect(await h.fail('cadre-county', 'review', 'decide', { id: a.reviewId, decision: 'approve' })).toBe('CONFLICT');
      expect((await h.call('rider-1', 'points', 'balance', {})).balance).toBe(before + Number(points));
    });

    it('20 concurrent approvals: one succeeds, the effect, audit, history and message happen once', async () => {
      const location = { lat: 31.03, lng: 121.13 };
      const id = await apply(h, 'rider-2', { name: '并发驿站', location });
      const submitter = (await h.user('rider-2'))!;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.raw('review', i % 2 ? 'cadre-county' : 'cadre-town', { action: 'decide', id, decision: 'approve', note: `第${i}次` }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(19);
      expect(await auditOf(h.store, id)).toHaveLength(1);
      const stored = await h.store.get(reviews, id);
      expect(stored?.history.filter((s) => s.action === 'approved')).toHaveLength(1);
      const about = (await findAll(h.store, messages, { where: { userId: submitter._id } })).filter((m) => m.link?.includes(id));
      expect(about).toHaveLength(1);
      expect((await h.call('rider-1', 'stations', 'nearby', { ...location, radiusM: 50 })).stations).toHaveLength(1);
    });
  });

  describe('bad calls', () => {
    it('answers INVALID_INPUT for bad input and writes nothing', async () => {
      const id = await apply(h, 'rider-1', { name: '输入测试驿站' });
      const submitter = (await h.user('rider-1'))!;
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
        const res = await h.raw('review', 'cadre-county', { action, ...input });
        expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
      }
      expect(await h.fail('rider-1', 'review', 'respond', { id, note: '' })).toBe('INVALID_INPUT');
      expect(await h.fail('rider-1', 'review', 'respond', { id, note: '补充', payload: 'x' })).toBe('INVALID_INPUT');
      expect(await h.fail('rider-1', 'account', 'applyVerification', { realName: '李', platform: '美团', employer: '某站' })).toBe('INVALID_INPUT');
      const stored = await h.store.get(reviews, id);
      expect(stored?.status).toBe('pending');
      expect(stored?.history).toHaveLength(1);
      expect(await auditOf(h.store, id)).toEqual([]);
      expect(await h.store.count(messages, { userId: submitter._id, read: false })).toBe(messagesBefore);
    });

    it('answers INVALID_INPUT for an unknown or missing action and UNAUTHENTICATED without identity', async () => {
      for (const event of [{ action: 'approveAll' }, {}, { action: 'constructor' }]) {
        expect(await h.raw('review', 'cadre-county', event)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
      expect(await h.fail(null, 'review', 'queue', {})).toBe('UNAUTHENTICATED');
    });
  });
});

describe('review: overdue and stats', () => {
  let h: Harness;
  const town = 'cadre-town';
  const county = 'cadre-county';
  // The items' ids, filled in by beforeAll.
  const s = { old: '', s1: '', s2: '', s3: '', s4: '', far: '', v: '', v2: '' };

  beforeAll(async () => {
    h = await fresh(new Date('2026-10-20T02:00:00.000Z'));
    await rider(h, 'r-wt', TOWN);
    await rider(h, 'r-wt2', TOWN);
    await rider(h, 'r-xt', TOWN_B);
    // Last month: decided, counted by status but not in this month's median.
    s.old = await apply(h, 'r-wt', { name: '上月驿站' });
    h.clock.now = new Date('2026-10-21T02:00:00.000Z');
    await h.call(town, 'review', 'decide', { id: s.old, decision: 'approve' });

    h.clock.now = T0;
    s.s1 = await apply(h, 'r-wt', { name: '驿站一' });
    s.s2 = await apply(h, 'r-xt', { name: '驿站二', orgId: TOWN_B });
    s.s3 = await apply(h, 'r-wt', { name: '驿站三' });
    h.clock.now = new Date(T0.getTime() + 60_000);
    s.s4 = await apply(h, 'r-wt', { name: '驿站四', orgId: TOWN_C });
    h.clock.now = new Date(T0.getTime() + 120_000);
    s.far = await apply(h, 'r-wt', { name: '海宁驿站', orgId: OTHER_COUNTY });
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
    await h.call(ADMIN, 'account', 'grantRole', { openid: 'cadre-town-d', role: 'cadre', orgId: TOWN_D });
    expect((await h.call('cadre-town-d', 'review', 'stats', {})).stats).toMatchObject({
      byStatus: { pending: 0, 'needs-info': 0, approved: 0, rejected: 0 },
      overdue: 0,
      medianDecisionHours: null,
      decidedThisMonth: 0,
    });
  });
});
