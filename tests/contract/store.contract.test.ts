/**
 * The store contract: one suite, run against every adapter available here. SQLite always; CloudBase when
 * TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY are set (collections and indexes per docs/cloudbase-setup.md).
 * Ids, users, orgs and places are unique per run, so the CloudBase variant can share an environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite/store.sqlite';
import { openCloudbaseStore } from '../../cloudfunctions/core/store/cloudbase/store.cloudbase';
import {
  StoreConflict,
  type LedgerRecord,
  type MessageRecord,
  type ReviewRecord,
  type StationRecord,
  type Store,
  type UserRecord,
} from '../../cloudfunctions/core/store/store.port';
import type { LatLng } from '../../types/common';

interface Adapter {
  open(): Store;
  cleanup?(): void;
}

function sqliteAdapter(): Adapter {
  let dir = '';
  return {
    open() {
      dir = mkdtempSync(join(tmpdir(), 'rider-hub-contract-'));
      return openSqliteStore({ path: join(dir, 'contract.db') });
    },
    cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cloudbaseAdapter(): Adapter {
  return {
    open() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk');
      const app = tcb.init({ env: process.env.TCB_ENV_ID, secretId: process.env.TCB_SECRET_ID, secretKey: process.env.TCB_SECRET_KEY });
      return openCloudbaseStore(app);
    },
  };
}

const adapters: [string, () => Adapter][] = [['sqlite', sqliteAdapter]];
if (process.env.TCB_ENV_ID && process.env.TCB_SECRET_ID && process.env.TCB_SECRET_KEY) adapters.push(['cloudbase', cloudbaseAdapter]);

jest.setTimeout(60_000);

const T0 = Date.parse('2026-11-18T02:00:00.000Z');
/** An instant `minutes` after T0. */
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A point `northM` metres north and `eastM` metres east of `c`. */
function offset(c: LatLng, northM: number, eastM = 0): LatLng {
  return { lat: c.lat + northM / 111_195, lng: c.lng + eastM / (111_195 * Math.cos((c.lat * Math.PI) / 180)) };
}

describe.each(adapters)('store contract: %s', (_name, makeAdapter) => {
  const adapter = makeAdapter();
  let store: Store;
  const run = randomBytes(5).toString('hex');
  const id = (s: string) => `${run}-${s}`;

  beforeAll(() => {
    store = adapter.open();
  });

  afterAll(async () => {
    await store.close();
    adapter.cleanup?.();
  });

  function user(key: string, extra: Partial<UserRecord> = {}): UserRecord {
    return {
      id: id(`u-${key}`),
      openid: id(`o-${key}`),
      roles: ['rider'],
      displayName: `骑手${key}`,
      stationIds: [],
      cadreOrgIds: [],
      verified: false,
      createdAt: at(0),
      ...extra,
    };
  }

  describe('users', () => {
    it('round-trips insert, get, byOpenid, getMany and update', async () => {
      const a = user('a', { orgId: id('org'), phoneEnc: 'v1.x.y.z', platform: 'meituan' });
      const b = user('b');
      await store.users.insert(a);
      await store.users.insert(b);
      expect(await store.users.get(a.id)).toEqual(a);
      expect(await store.users.byOpenid(b.openid)).toEqual(b);
      expect(await store.users.get(id('nobody'))).toBeNull();
      expect(await store.users.byOpenid(id('nobody'))).toBeNull();
      const many = await store.users.getMany([a.id, b.id, id('nobody')]);
      expect(many.map((u) => u.id).sort()).toEqual([a.id, b.id].sort());
      expect(await store.users.getMany([])).toEqual([]);

      const changed: UserRecord = { ...a, roles: ['rider', 'staff'], stationIds: [id('s1')], orgId: undefined, verified: true };
      await store.users.update(changed);
      const stored = await store.users.get(a.id);
      expect(stored).toEqual({ ...changed, orgId: undefined });
      expect(stored && 'orgId' in stored && stored.orgId !== undefined).toBe(false);
    });

    it('refuses a second user with the same openid', async () => {
      const first = user('dup');
      await store.users.insert(first);
      await expect(store.users.insert({ ...first, id: id('u-dup-2') })).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.users.get(id('u-dup-2'))).toBeNull();
    });
  });

  describe('orgs', () => {
    it('round-trips and lists every org in insertion order', async () => {
      const names = ['区团委', '镇团委', '社区团支部'];
      const orgs = names.map((name, i) => ({
        id: id(`org-${2 - i}`),
        name,
        kind: (i === 0 ? 'district' : i === 1 ? 'town' : 'community') as 'district' | 'town' | 'community',
        parentId: i === 0 ? undefined : id(`org-${3 - i}`),
      }));
      for (const o of orgs) await store.orgs.insert(o);
      expect(await store.orgs.get(orgs[1].id)).toEqual(orgs[1]);
      expect(await store.orgs.get(id('org-none'))).toBeNull();
      const mine = (await store.orgs.all()).filter((o) => o.id.startsWith(run));
      expect(mine).toEqual(orgs.map((o) => (o.parentId ? o : { id: o.id, name: o.name, kind: o.kind })));
      await expect(store.orgs.insert(orgs[0])).rejects.toBeInstanceOf(StoreConflict);
    });
  });

  describe('stations', () => {
    // A place of its own per run, so that other runs' stations are never within reach.
    const center: LatLng = { lat: 25 + (parseInt(run.slice(0, 4), 16) % 1000) / 100, lng: 105 + (parseInt(run.slice(4, 8), 16) % 1000) / 100 };
    const station = (key: string, northM: number, extra: Partial<StationRecord> = {}): StationRecord => ({
      id: id(`st-${key}`),
      name: `驿站${key}`,
      orgId: id('org-0'),
      location: offset(center, northM),
      address: `测试路${key}号`,
      services: ['rest', 'water', 'charging'],
      liveStatus: 'open',
      published: true,
      createdAt: at(0),
      ...extra,
    });
    const near = station('near', 100, { hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '20:00' }], phone: '0573-1234567' });
    const plain = station('plain', 300, { services: ['rest', 'water'] });
    const mid = station('mid', 500);
    const far = station('far', 1200);
    const outside = station('outside', 3000);
    const hidden = station('hidden', 50, { published: false });

    beforeAll(async () => {
      for (const s of [far, near, outside, hidden, mid, plain]) await store.stations.insert(s);
    });

    it('round-trips a station with its location', async () => {
      const got = await store.stations.get(near.id);
      expect(got).toEqual({ ...near, location: expect.any(Object) });
      expect(got?.location.lat).toBeCloseTo(near.location.lat, 9);
      expect(got?.location.lng).toBeCloseTo(near.location.lng, 9);
      expect(await store.stations.get(id('st-none'))).toBeNull();
    });

    it('finds only published stations within the radius, nearest first, with distances', async () => {
      const found = await store.stations.near({ center, radiusM: 2000, limit: 20 });
      expect(found.map((f) => f.station.id)).toEqual([near.id, plain.id, mid.id, far.id]);
      expect(found.map((f) => Math.round(f.distanceM))).toEqual([100, 300, 500, 1200]);
      expect(found[0].station.services).toEqual(near.services);
    });

    it('requires every asked service', async () => {
      const found = await store.stations.near({ center, radiusM: 2000, limit: 20, services: ['rest', 'charging'] });
      expect(found.map((f) => f.station.id)).toEqual([near.id, mid.id, far.id]);
      const none = await store.stations.near({ center, radiusM: 2000, limit: 20, services: ['meal'] });
      expect(none).toEqual([]);
    });

    it('applies the limit, and the accept filter before the limit', async () => {
      const two = await store.stations.near({ center, radiusM: 2000, limit: 2 });
      expect(two.map((f) => f.station.id)).toEqual([near.id, plain.id]);
      const accepted = await store.stations.near({ center, radiusM: 2000, limit: 2, accept: (s) => s.id !== near.id && s.id !== plain.id });
      expect(accepted.map((f) => f.station.id)).toEqual([mid.id, far.id]);
    });

    it('answers updates: unpublished and moved stations', async () => {
      await store.stations.update({ ...mid, published: false });
      await store.stations.update({ ...far, location: offset(center, 40) });
      const found = await store.stations.near({ center, radiusM: 2000, limit: 20 });
      expect(found.map((f) => f.station.id)).toEqual([far.id, near.id, plain.id]);
      expect((await store.stations.get(mid.id))?.published).toBe(false);
    });
  });

  describe('reviews', () => {
    const orgA = id('rv-org-a');
    const orgB = id('rv-org-b');
    const now = at(1000);
    const review = (key: string, extra: Partial<ReviewRecord>): ReviewRecord => ({
      id: id(`rv-${key}`),
      kind: 'station',
      status: 'pending',
      orgId: orgA,
      title: `申请${key}`,
      submitterId: id('rv-alice'),
      submittedAt: at(0),
      dueAt: at(2000),
      payload: { note: key, nested: { n: 1 } },
      history: [{ at: at(0), by: id('rv-alice'), action: 'submit' } as unknown as ReviewRecord['history'][number]],
      ...extra,
    });
    const items = [
      review('a', { submittedAt: at(10), dueAt: at(500) }), // overdue
      review('b', { submittedAt: at(5), dueAt: at(600), status: 'needs-info' }), // overdue
      review('c', { submittedAt: at(1), dueAt: at(1500) }), // not yet due
      review('d', { submittedAt: at(2), dueAt: at(100), status: 'approved', decidedAt: at(62), decidedBy: id('cadre') }), // decided: not overdue
      review('e', { submittedAt: at(3), dueAt: at(1500), kind: 'claim', submitterId: id('rv-bob') }),
      review('f', { submittedAt: at(3), dueAt: at(1500), kind: 'claim', location: { lat: 30.7, lng: 120.7 } }), // same instant as e
      review('g', { submittedAt: at(20), dueAt: at(900), orgId: orgB, status: 'rejected', decidedAt: at(50) }),
      review('h', { submittedAt: at(30), dueAt: at(40), orgId: orgB, kind: 'claim', location: { lat: 30.8, lng: 120.8 } }), // overdue
    ];
    const overdue = (r: ReviewRecord) => (r.dueAt < now && (r.status === 'pending' || r.status === 'needs-info') ? 0 : 1);
    const expected = (rs: ReviewRecord[]) =>
      [...rs]
        .sort((x, y) => overdue(x) - overdue(y) || x.submittedAt.localeCompare(y.submittedAt) || x.id.localeCompare(y.id))
        .map((r) => r.id);

    beforeAll(async () => {
      for (const r of items) await store.reviews.insert(r);
    });

    it('round-trips an item', async () => {
      expect(await store.reviews.get(items[5].id)).toEqual(items[5]);
      expect(await store.reviews.get(id('rv-none'))).toBeNull();
      await expect(store.reviews.insert(items[0])).rejects.toBeInstanceOf(StoreConflict);
    });

    it('lists overdue first, then oldest, within the scope', async () => {
      const all = await store.reviews.list({ orgIds: [orgA, orgB], now, limit: 100 });
      expect(all.items.map((r) => r.id)).toEqual(expected(items));
      expect(all.cursor).toBeUndefined();
      const a = await store.reviews.list({ orgIds: [orgA], now, limit: 100 });
      expect(a.items.map((r) => r.id)).toEqual(expected(items.filter((r) => r.orgId === orgA)));
      expect((await store.reviews.list({ orgIds: [], now, limit: 100 })).items).toEqual([]);
    });

    it('filters by submitter, status, statuses and kind', async () => {
      const ids = async (q: Partial<Parameters<Store['reviews']['list']>[0]>) =>
        (await store.reviews.list({ orgIds: [orgA, orgB], now, limit: 100, ...q })).items.map((r) => r.id);
      expect(await ids({ submitterId: id('rv-bob') })).toEqual([id('rv-e')]);
      expect(await ids({ status: 'pending' })).toEqual(expected(items.filter((r) => r.status === 'pending')));
      expect(await ids({ statuses: ['pending', 'needs-info'] })).toEqual(
        expected(items.filter((r) => r.status === 'pending' || r.status === 'needs-info')),
      );
      expect(await ids({ status: 'approved', statuses: ['pending'] })).toEqual([id('rv-d')]);
      expect(await ids({ kind: 'claim' })).toEqual(expected(items.filter((r) => r.kind === 'claim')));
      expect(await ids({ kind: 'claim', statuses: ['pending'], orgIds: [orgA] })).toEqual(
        expected(items.filter((r) => r.kind === 'claim' && r.status === 'pending' && r.orgId === orgA)),
      );
    });

    it('pages with a cursor without duplicates or gaps', async () => {
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.reviews.list({ orgIds: [orgA, orgB], now, limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((r) => r.id));
          cursor = page.cursor;
          pages++;
        } while (cursor && pages < 20);
        expect(seen).toEqual(expected(items));
      }
    });

    it('updates only while the stored status is the expected one', async () => {
      const item = items[2];
      const decided: ReviewRecord = { ...item, status: 'approved', decidedAt: at(70), decidedBy: id('cadre'), payload: { replaced: true } };
      expect(await store.reviews.update(decided, 'pending')).toBe(true);
      expect(await store.reviews.get(item.id)).toEqual(decided);
      expect(await store.reviews.update({ ...item, status: 'rejected' }, 'pending')).toBe(false);
      expect((await store.reviews.get(item.id))?.status).toBe('approved');
      expect(await store.reviews.update({ ...item, id: id('rv-none') }, 'pending')).toBe(false);
      expect(await store.reviews.get(id('rv-none'))).toBeNull();
      await store.reviews.update(item, 'approved'); // back, for the other tests' expectations
    });

    it('finds recent located items of a kind', async () => {
      const found = await store.reviews.recentWithLocation('claim', at(3));
      expect(found.map((r) => r.id)).toEqual([id('rv-f'), id('rv-h')]);
      expect(await store.reviews.recentWithLocation('claim', at(4))).toEqual([items[7]]);
    });

    it('counts by status and kind, overdue, and decision hours', async () => {
      const a = await store.reviews.stats([orgA], now, at(0));
      expect(a.byStatus).toEqual({ pending: 4, 'needs-info': 1, approved: 1 });
      expect(a.byKind).toEqual({ station: 3, claim: 2 });
      expect(a.overdue).toBe(2);
      expect(a.decisionHours.map((h) => Math.round(h * 100) / 100)).toEqual([1]);
      const both = await store.reviews.stats([orgA, orgB], now, at(0));
      expect(both.overdue).toBe(3);
      expect(both.decisionHours.map((h) => Math.round(h * 100) / 100).sort()).toEqual([0.5, 1]);
      expect((await store.reviews.stats([orgA], now, at(100))).decisionHours).toEqual([]);
    });
  });

  describe('audit', () => {
    it('appends and lists a target in time order', async () => {
      const target = id('audit-target');
      await store.audit.append({ id: id('au-2'), at: at(2), actorId: 'x', action: 'approve', targetId: target, note: '好' });
      await store.audit.append({ id: id('au-1'), at: at(1), actorId: 'x', action: 'submit', targetId: target });
      await store.audit.append({ id: id('au-3'), at: at(3), actorId: 'x', action: 'other', targetId: id('other') });
      const list = await store.audit.list(target);
      expect(list).toEqual([
        { id: id('au-1'), at: at(1), actorId: 'x', action: 'submit', targetId: target },
        { id: id('au-2'), at: at(2), actorId: 'x', action: 'approve', targetId: target, note: '好' },
      ]);
    });
  });

  describe('messages', () => {
    const owner = id('msg-owner');
    const message = (i: number, extra: Partial<MessageRecord> = {}): MessageRecord => ({
      id: id(`msg-${i}`),
      userId: owner,
      title: `通知${i}`,
      body: `内容${i}`,
      at: at(i === 4 ? 3 : i), // 3 and 4 share an instant
      read: false,
      ...extra,
    });

    beforeAll(async () => {
      for (let i = 1; i <= 5; i++) await store.messages.add(message(i, i === 5 ? { link: '/pages/me/index' } : {}));
      await store.messages.add(message(9, { userId: id('msg-other') }));
    });

    it('lists newest first in pages without gaps', async () => {
      const seen: MessageRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.messages.list(owner, cursor, 2);
        seen.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      expect(seen.map((m) => m.id)).toEqual([5, 4, 3, 2, 1].map((i) => id(`msg-${i}`)));
      expect(seen[0].link).toBe('/pages/me/index');
      const whole = await store.messages.list(owner, undefined, 5);
      expect(whole.items).toHaveLength(5);
      expect(whole.cursor).toBeUndefined();
    });

    it('counts unread and marks only the owner’s messages read', async () => {
      expect(await store.messages.unread(owner)).toBe(5);
      await store.messages.markRead(owner, [id('msg-1'), id('msg-2'), id('msg-9')]);
      expect(await store.messages.unread(owner)).toBe(3);
      expect(await store.messages.unread(id('msg-other'))).toBe(1);
      const { items } = await store.messages.list(owner, undefined, 10);
      expect(items.filter((m) => m.read).map((m) => m.id).sort()).toEqual([id('msg-1'), id('msg-2')].sort());
      await store.messages.markRead(owner, []);
    });
  });

  describe('ledger', () => {
    const rider = id('led-rider');
    const entry = (key: string, delta: number, minutes: number, extra: Partial<LedgerRecord> = {}): LedgerRecord => ({
      id: id(`led-${key}`),
      userId: rider,
      delta,
      reason: 'checkin',
      key: id(`key-${key}`),
      at: at(minutes),
      ...extra,
    });

    it('appends once per key and keeps the balance equal to the sum', async () => {
      expect(await store.ledger.balance(rider)).toBe(0);
      expect(await store.ledger.append(entry('1', 10, 1, { note: '签到' }))).toBe(true);
      expect(await store.ledger.append(entry('2', 5, 2))).toBe(true);
      expect(await store.ledger.append({ ...entry('2', 500, 3), id: id('led-2b') })).toBe(false);
      expect(await store.ledger.append(entry('3', -7, 3))).toBe(true);
      expect(await store.ledger.balance(rider)).toBe(8);
      expect(await store.ledger.sum(rider)).toBe(8);
      expect(await store.ledger.byKey(id('key-1'))).toEqual(entry('1', 10, 1, { note: '签到' }));
      expect(await store.ledger.byKey(id('key-none'))).toBeNull();
      expect(await store.ledger.sum(id('nobody'))).toBe(0);
    });

    it('appends a key once under concurrency', async () => {
      const racer = id('led-racer');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.ledger.append({ ...entry('race', 1, 4), userId: racer, id: id(`led-race-${i}`) })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.ledger.balance(racer)).toBe(1);
      expect(await store.ledger.sum(racer)).toBe(1);
    });

    it('refuses to go negative inside a transaction, changing nothing', async () => {
      const poor = id('led-poor');
      expect(await store.ledger.append({ ...entry('poor', 5, 1), userId: poor })).toBe(true);
      await expect(store.transaction((tx) => tx.ledger.append({ ...entry('over', -6, 5), userId: poor }))).rejects.toBeDefined();
      expect(await store.ledger.byKey(id('key-over'))).toBeNull();
      expect(await store.ledger.balance(poor)).toBe(5);
      expect(await store.ledger.sum(poor)).toBe(5);
    });

    it('lists newest first in pages', async () => {
      const lister = id('led-lister');
      for (const [key, minutes] of [['l1', 1], ['l2', 2], ['l3', 2], ['l4', 3]] as const) {
        await store.ledger.append({ ...entry(key, 1, minutes), userId: lister });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.ledger.list(lister, cursor, 1);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.cursor;
      } while (cursor);
      expect(seen).toEqual(['l4', 'l3', 'l2', 'l1'].map((k) => id(`led-${k}`)));
      const whole = await store.ledger.list(lister, undefined, 4);
      expect(whole.items).toHaveLength(4);
      expect(whole.cursor).toBeUndefined();
    });

    it('counts positive entries of a category per user in a window and an org', async () => {
      const org = id('led-org');
      const a = id('led-a');
      const b = id('led-b');
      const c = id('led-c');
      const board = (key: string, userId: string, minutes: number, extra: Partial<LedgerRecord> = {}) =>
        store.ledger.append({ ...entry(`b-${key}`, 3, minutes), userId, category: 'volunteer', orgId: org, ...extra });
      await board('1', a, 10);
      await board('2', a, 11);
      await board('3', a, 12);
      await board('4', b, 10);
      await board('5', b, 13);
      await board('6', c, 9);
      await board('7', c, 30); // after the window
      await board('8', c, 14, { category: 'business' });
      await board('9', c, 14, { orgId: id('led-org-other') });
      await board('10', c, 15, { delta: 1 });
      await board('11', b, 15, { delta: -1 }); // refunds do not count
      expect(await store.ledger.board([org], 'volunteer', at(0), at(20), 10)).toEqual([
        { userId: a, count: 3 },
        { userId: c, count: 2 },
        { userId: b, count: 2 },
      ]);
      expect(await store.ledger.board([org], 'volunteer', at(0), at(20), 1)).toEqual([{ userId: a, count: 3 }]);
      expect(await store.ledger.board([org, id('led-org-other')], 'business', at(0), at(20), 10)).toEqual([{ userId: c, count: 1 }]);
    });
  });

  describe('codes', () => {
    const code = (n: string, expiresMin: number) => ({
      nonce: id(`nonce-${n}`),
      userId: id('code-user'),
      shortCode: `${run}`.slice(0, 6),
      token: `token-${n}`,
      expiresAt: at(expiresMin),
    });

    it('round-trips, finds the live short code and refuses a duplicate nonce', async () => {
      await store.codes.insert(code('old', 5));
      await store.codes.insert(code('new', 10));
      expect(await store.codes.get(id('nonce-new'))).toEqual(code('new', 10));
      expect(await store.codes.get(id('nonce-none'))).toBeNull();
      expect((await store.codes.byShortCode(code('x', 0).shortCode, at(1)))?.nonce).toBe(id('nonce-new'));
      expect((await store.codes.byShortCode(code('x', 0).shortCode, at(7)))?.nonce).toBe(id('nonce-new'));
      expect(await store.codes.byShortCode(code('x', 0).shortCode, at(10))).toBeNull();
      await expect(store.codes.insert(code('old', 20))).rejects.toBeInstanceOf(StoreConflict);
    });

    it('marks a nonce used exactly once, also when raced', async () => {
      expect(await store.codes.markUsed(id('nonce-old'), at(2), id('ci-1'))).toBe(true);
      expect(await store.codes.markUsed(id('nonce-old'), at(3), id('ci-2'))).toBe(false);
      expect(await store.codes.get(id('nonce-old'))).toEqual({ ...code('old', 5), usedAt: at(2), checkinId: id('ci-1') });
      expect(await store.codes.markUsed(id('nonce-none'), at(3), id('ci-3'))).toBe(false);
      const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => store.codes.markUsed(id('nonce-new'), at(4), id(`ci-r${i}`))));
      expect(raced.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('checkins', () => {
    it('round-trips, lists a station’s day and counts credited visits', async () => {
      const rider = id('ci-rider');
      const checkin = (key: string, stationId: string, day: string, minutes: number, points: number) => ({
        id: id(`ci-${key}`),
        stationId: id(stationId),
        riderId: rider,
        at: at(minutes),
        day,
        pointsAwarded: points,
        nonce: id(`ci-nonce-${key}`),
      });
      const rows = [
        checkin('1', 'st-x', '2026-11-18', 1, 5),
        checkin('2', 'st-x', '2026-11-18', 2, 0),
        checkin('3', 'st-y', '2026-11-18', 3, 5),
        checkin('4', 'st-x', '2026-11-19', 2000, 5),
      ];
      for (const r of rows) await store.checkins.insert(r);
      expect(await store.checkins.get(rows[0].id)).toEqual(rows[0]);
      expect(await store.checkins.get(id('ci-none'))).toBeNull();
      expect((await store.checkins.atStation(id('st-x'), '2026-11-18')).map((c) => c.id)).toEqual([rows[1].id, rows[0].id]);
      expect(await store.checkins.creditedOn(rider, '2026-11-18', id('st-x'))).toEqual({ total: 2, atStation: 1 });
      expect(await store.checkins.creditedOn(rider, '2026-11-20', id('st-x'))).toEqual({ total: 0, atStation: 0 });
      await expect(store.checkins.insert({ ...rows[0], id: id('ci-5') })).rejects.toBeInstanceOf(StoreConflict); // same nonce
    });
  });

  describe('rewards', () => {
    it('round-trips and takes from stock, never below zero', async () => {
      const reward = { id: id('rw-1'), name: '雨衣', cost: 100, stock: 2, description: '加厚', createdAt: at(1) };
      await store.rewards.insert(reward);
      await store.rewards.insert({ id: id('rw-0'), name: '水杯', cost: 50, stock: 0, createdAt: at(0) });
      expect(await store.rewards.get(reward.id)).toEqual(reward);
      expect(await store.rewards.get(id('rw-none'))).toBeNull();
      const mine = (await store.rewards.all()).filter((r) => r.id.startsWith(run));
      expect(mine.map((r) => r.id)).toEqual([id('rw-0'), id('rw-1')]);
      expect(await store.rewards.takeOne(reward.id)).toBe(true);
      expect(await store.rewards.takeOne(reward.id)).toBe(true);
      expect(await store.rewards.takeOne(reward.id)).toBe(false);
      expect(await store.rewards.takeOne(id('rw-0'))).toBe(false);
      expect(await store.rewards.takeOne(id('rw-none'))).toBe(false);
      expect((await store.rewards.get(reward.id))?.stock).toBe(0);
    });
  });

  describe('redemptions', () => {
    it('round-trips, finds by request and pickup code, and refuses a repeated request', async () => {
      const userId = id('rd-user');
      const r = {
        id: id('rd-1'),
        userId,
        rewardId: id('rw-1'),
        rewardName: '雨衣',
        cost: 100,
        requestId: 'req-1',
        pickupCode: id('P1'),
        status: 'ready' as const,
        at: at(1),
      };
      const r2 = { ...r, id: id('rd-2'), requestId: 'req-2', pickupCode: id('P2'), at: at(2) };
      await store.redemptions.insert(r);
      await store.redemptions.insert(r2);
      expect(await store.redemptions.byRequest(userId, 'req-1')).toEqual(r);
      expect(await store.redemptions.byRequest(userId, 'req-none')).toBeNull();
      expect(await store.redemptions.byRequest(id('rd-other'), 'req-1')).toBeNull();
      expect(await store.redemptions.byPickupCode(id('P2'))).toEqual(r2);
      expect((await store.redemptions.ofUser(userId)).map((x) => x.id)).toEqual([r2.id, r.id]);
      await expect(store.redemptions.insert({ ...r, id: id('rd-3'), pickupCode: id('P3') })).rejects.toBeInstanceOf(StoreConflict);
      const collected = { ...r, status: 'collected' as const, collectedAt: at(9), collectedBy: id('staff') };
      await store.redemptions.update(collected);
      expect(await store.redemptions.byRequest(userId, 'req-1')).toEqual(collected);
      expect(await store.redemptions.byPickupCode(id('P1'))).toEqual(collected);
    });

    it('lets a collected pickup code be held again, and finds the uncollected holder first', async () => {
      const base = { userId: id('rd-reuse'), rewardId: id('rw-1'), rewardName: '雨衣', cost: 10, pickupCode: id('P9') };
      const old = { ...base, id: id('rd-old'), requestId: 'req-old', status: 'collected' as const, at: at(1), collectedAt: at(2) };
      const fresh = { ...base, id: id('rd-new'), requestId: 'req-new', status: 'ready' as const, at: at(3) };
      await store.redemptions.insert(old);
      await store.redemptions.insert(fresh);
      expect(await store.redemptions.byPickupCode(id('P9'))).toEqual(fresh);
      await store.redemptions.update({ ...fresh, status: 'collected', collectedAt: at(4) });
      expect((await store.redemptions.byPickupCode(id('P9')))?.id).toBe(fresh.id);
    });
  });

  describe('stars', () => {
    it('round-trips and finds by month and category, and by user', async () => {
      const star = (key: string, month: string, category: string, userId: string) => ({
        id: id(`star-${key}`),
        orgId: id('star-org'),
        month,
        category,
        userId: id(userId),
        namedBy: id('cadre'),
        at: at(1),
      });
      const rows = [star('1', '2026-10', 'service', 'a'), star('2', '2026-11', 'service', 'a'), star('3', '2026-11', 'service', 'b'), star('4', '2026-11', 'civility', 'a')];
      for (const s of rows) await store.stars.insert(s);
      expect((await store.stars.find(id('star-org'), '2026-11', 'service')).map((s) => s.id).sort()).toEqual([rows[1].id, rows[2].id].sort());
      const mine = await store.stars.ofUser(id('a'));
      expect(mine.map((s) => s.month)).toEqual(['2026-11', '2026-11', '2026-10']);
      await expect(store.stars.insert({ ...rows[1], id: id('star-5') })).rejects.toBeInstanceOf(StoreConflict);
    });
  });

  describe('transactions', () => {
    it('commits every write together and answers fn’s value', async () => {
      const u = user('tx-ok');
      const value = await store.transaction(async (tx) => {
        await tx.users.insert(u);
        await tx.ledger.append({ id: id('tx-ok-l'), userId: u.id, delta: 3, reason: 'x', key: id('tx-ok-k'), at: at(1) });
        return 'done';
      });
      expect(value).toBe('done');
      expect(await store.users.get(u.id)).toEqual(u);
      expect(await store.ledger.balance(u.id)).toBe(3);
    });

    it('writes nothing when fn throws', async () => {
      const u = user('tx-fail');
      const reward = { id: id('tx-rw'), name: '头盔', cost: 10, stock: 1, createdAt: at(0) };
      await store.rewards.insert(reward);
      await expect(
        store.transaction(async (tx) => {
          await tx.users.insert(u);
          await tx.ledger.append({ id: id('tx-fail-l'), userId: u.id, delta: 3, reason: 'x', key: id('tx-fail-k'), at: at(1) });
          expect(await tx.rewards.takeOne(reward.id)).toBe(true);
          await tx.messages.add({ id: id('tx-fail-m'), userId: u.id, title: 't', body: 'b', at: at(1), read: false });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.users.get(u.id)).toBeNull();
      expect(await store.users.byOpenid(u.openid)).toBeNull();
      expect(await store.ledger.byKey(id('tx-fail-k'))).toBeNull();
      expect(await store.ledger.balance(u.id)).toBe(0);
      expect((await store.rewards.get(reward.id))?.stock).toBe(1);
      expect(await store.messages.unread(u.id)).toBe(0);
    });

    it('never oversells under 50 concurrent transactions', async () => {
      const reward = { id: id('tx-race'), name: '充电宝', cost: 10, stock: 20, createdAt: at(0) };
      await store.rewards.insert(reward);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () =>
          store.transaction(async (tx) => {
            const current = await tx.rewards.get(reward.id);
            if (!current || current.stock <= 0) return false;
            return tx.rewards.takeOne(reward.id);
          }),
        ),
      );
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed).toEqual([]);
      const taken = results.filter((r) => r.status === 'fulfilled' && r.value === true).length;
      expect(taken).toBe(20);
      expect((await store.rewards.get(reward.id))?.stock).toBe(0);
    });
  });
});
