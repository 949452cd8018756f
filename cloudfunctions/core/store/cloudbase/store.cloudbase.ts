/**
 * The CloudBase adapter of the store port, on @cloudbase/node-sdk 3.18 (`app.database()`, a MongoDB underneath).
 *
 * One collection per repo. A document is the record itself plus `_id`, chosen so that the database's own primary
 * key enforces what must be unique: ledger entries are keyed by their idempotency key, codes by nonce, redemptions by
 * `${userId}:${requestId}`, everything else by its id. Other unique keys (users.openid, checkins.nonce,
 * stars (orgId, month, category, userId)) and the geo index are created at setup
 * (docs/cloudbase-setup.md): the SDK cannot create indexes.
 *
 * Transactions: `db.runTransaction` carries single-document reads and writes, `add` and `where().get()`, but not
 * `count()`, `aggregate()` or `where().update()` (the SDK's Query.update drops the transaction id). So every
 * conditional write (reviews.update, rewards.takeOne, codes.markUsed, ledger.append) is a read-then-write of one
 * document inside a transaction: its own when called outside one, the caller's inside `store.transaction`. MongoDB's snapshot isolation turns a lost update into a write conflict, which
 * is retried with backoff here.
 */
import type { CloudBase } from '@cloudbase/node-sdk';
import { distanceM } from '../../geo';
import {
  StoreConflict,
  type AuditRecord,
  type CheckinRecord,
  type IssuedCodeRecord,
  type LedgerRecord,
  type MessageRecord,
  type OrgRecord,
  type Page,
  type RedemptionRecord,
  type Repos,
  type ReviewRecord,
  type RewardRecord,
  type StarRecord,
  type StationRecord,
  type Store,
  type UserRecord,
} from '../store.port';
import { decodeCursor, encodeCursor } from '../cursor';
import type { LatLng } from '../../../../types/common';

type Db = ReturnType<CloudBase['database']>;
type Coll = ReturnType<Db['collection']>;
type Query = ReturnType<Coll['where']>;
type Doc = Record<string, unknown>;
type Where = Record<string, unknown>;
type Order = [field: string, direction: 'asc' | 'desc'];

export const COLLECTIONS = [
  'users',
  'orgs',
  'stations',
  'reviews',
  'audit',
  'messages',
  'ledger',
  'balances',
  'codes',
  'checkins',
  'rewards',
  'redemptions',
  'stars',
] as const;
type CollName = (typeof COLLECTIONS)[number];

/** The most documents one `get()` returns. */
const PAGE_MAX = 1000;
const OPEN_STATUSES = ['pending', 'needs-info'];
const DECIDED_STATUSES = ['approved', 'rejected'];
/** Attempts of one transaction when it keeps meeting write conflicts. */
const TX_ATTEMPTS = 20;

// ---------------------------------------------------------------------------------------------------------------
// Errors

function errorCode(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : error && typeof error === 'object' && 'message' in error ? String(error.message) : '';
}

function isDuplicate(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'DATABASE_DUPLICATE_WRITE' || code === '11000' || /E11000|duplicate key|DATABASE_DUPLICATE_WRITE/i.test(errorText(error));
}

/** Raised inside a transaction to have it retried from the start (the SDK's own conflict code). */
class TransactionConflict extends Error {
  readonly code = 'DATABASE_TRANSACTION_CONFLICT';
  constructor(why: string) {
    super(`transaction conflict: ${why}`);
  }
}

function isTxConflict(error: unknown): boolean {
  return (
    error instanceof TransactionConflict ||
    errorCode(error) === 'DATABASE_TRANSACTION_CONFLICT' ||
    /WriteConflict|TransientTransactionError|transaction conflict/i.test(errorText(error))
  );
}

/** The SDK throws on an error code by default (throwOnCode); this also covers `setThrowOnCode(false)`. */
function checked<T>(res: T): T {
  if (res && typeof res === 'object' && 'code' in res && (res as { code?: unknown }).code) {
    const { code, message } = res as { code: unknown; message?: unknown };
    throw Object.assign(new Error(String(message ?? code)), { code });
  }
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

/** Record → document body: drops undefined fields (the record keeps them optional, the database would store null). */
function body(record: object): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

/** Document → record: drops `_id` and any internal `_` field. */
function record<T>(doc: unknown): T {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc as Doc)) if (!k.startsWith('_')) out[k] = v;
  return out as T;
}

function toLatLng(value: unknown): LatLng {
  const v = value as { latitude?: number; longitude?: number; coordinates?: [number, number]; lat?: number; lng?: number };
  if (typeof v.latitude === 'number' && typeof v.longitude === 'number') return { lat: v.latitude, lng: v.longitude };
  if (Array.isArray(v.coordinates)) return { lat: v.coordinates[1], lng: v.coordinates[0] };
  return { lat: Number(v.lat), lng: Number(v.lng) };
}

function toStation(doc: unknown): StationRecord {
  const s = record<StationRecord>(doc);
  return { ...s, location: toLatLng(s.location) };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Scope: where repo calls go. Outside a transaction `coll` is the plain collection; inside, the transaction's.
// `db` is always the plain database, for what a transaction cannot carry (count, aggregate, geo queries).

interface TxHandle {
  collection(name: string): Coll;
}

interface Scope {
  db: Db;
  coll(name: CollName): Coll;
  inTx: boolean;
}

function plainScope(db: Db): Scope {
  return { db, coll: (name) => db.collection(name), inTx: false };
}

/** Runs fn in a transaction, retrying from the start on write conflicts with jittered backoff. */
async function runTx<T>(db: Db, fn: (scope: Scope) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // times = 0: no immediate retries inside the SDK (they would hammer the same hot document); it still rolls
      // back on any error and rethrows it.
      return (await db.runTransaction(
        (t: TxHandle) => fn({ db, coll: (name) => t.collection(name), inTx: true }),
        0,
      )) as T;
    } catch (error) {
      if (!isTxConflict(error) || attempt >= TX_ATTEMPTS) throw error;
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
}

/** Conditional writes: inside the caller's transaction when there is one, otherwise in their own. */
function atomic<T>(scope: Scope, fn: (scope: Scope) => Promise<T>): Promise<T> {
  return scope.inTx ? fn(scope) : runTx(scope.db, fn);
}

async function getDoc(scope: Scope, name: CollName, id: string): Promise<Doc | null> {
  const res = checked(await scope.coll(name).doc(id).get()) as { data: unknown };
  // In a transaction `data` is the document or null; outside it is a list.
  const doc = Array.isArray(res.data) ? res.data[0] : res.data;
  return (doc as Doc | undefined) ?? null;
}

async function insertDoc(scope: Scope, name: CollName, id: string, data: Doc, what: string): Promise<void> {
  try {
    checked(await scope.coll(name).add({ ...data, _id: id }));
  } catch (error) {
    if (isDuplicate(error)) throw new StoreConflict(what);
    throw error;
  }
}

/** Replaces the whole document (so optional fields that were cleared disappear too). */
async function replaceDoc(scope: Scope, name: CollName, id: string, data: Doc): Promise<void> {
  checked(await scope.coll(name).doc(id).set(data));
}

async function patchDoc(scope: Scope, name: CollName, id: string, patch: Doc): Promise<void> {
  checked(await scope.coll(name).doc(id).update(patch));
}

function query(coll: Coll, where: Where | object, order: Order[]): Query {
  let q = coll.where(where);
  for (const [field, direction] of order) q = q.orderBy(field, direction);
  return q;
}

async function find(scope: Scope, name: CollName, where: Where | object, order: Order[], limit: number): Promise<Doc[]> {
  const res = checked(await query(scope.coll(name), where, order).limit(Math.min(limit, PAGE_MAX)).get());
  return res.data as Doc[];
}

/** Every matching document, a page of 1,000 at a time (for the short lists the port answers whole). */
async function findAll(scope: Scope, name: CollName, where: Where | object, order: Order[]): Promise<Doc[]> {
  const out: Doc[] = [];
  for (;;) {
    const res = checked(await query(scope.coll(name), where, order).skip(out.length).limit(PAGE_MAX).get());
    const page = res.data as Doc[];
    out.push(...page);
    if (page.length < PAGE_MAX) return out;
  }
}

async function count(scope: Scope, name: CollName, where: Where | object): Promise<number> {
  const res = checked(await scope.db.collection(name).where(where).count()) as { total?: number };
  return res.total ?? 0;
}

async function aggregate(scope: Scope, name: CollName, build: (a: ReturnType<Coll['aggregate']>) => ReturnType<Coll['aggregate']>): Promise<Doc[]> {
  const res = checked(await build(scope.db.collection(name).aggregate()).end()) as { data?: Doc[] };
  return res.data ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// Repos

let seq = 0;

function repos(scope: Scope): Repos {
  const { db } = scope;
  const _ = db.command;
  const $ = _.aggregate;
  const and = (conds: object[]) => (conds.length === 1 ? conds[0] : _.and(conds));

  /** Newest-first keyset page over (at, keyField). */
  async function newestFirst<T extends { at: string }>(
    name: CollName,
    where: Where,
    keyField: '_id' | 'id',
    keyOf: (item: T) => string,
    cursor: string | undefined,
    limit: number,
    read: (doc: Doc) => T,
  ): Promise<Page<T>> {
    const after = decodeCursor(cursor);
    const conds: object[] = [where];
    if (after) conds.push(_.or([{ at: _.lt(after[0]) }, { at: after[0], [keyField]: _.lt(after[1]) }]));
    const docs = await find(scope, name, and(conds), [['at', 'desc'], [keyField, 'desc']], limit + 1);
    const items = docs.map(read);
    const last = items[limit - 1];
    return {
      items: items.slice(0, limit),
      cursor: items.length > limit && last ? encodeCursor(last.at, keyOf(last)) : undefined,
    };
  }

  const reviewScope = (orgIds: string[] | undefined): object[] => (orgIds ? [{ orgId: _.in(orgIds) }] : []);

  return {
    users: {
      async get(id) {
        const doc = await getDoc(scope, 'users', id);
        return doc ? record<UserRecord>(doc) : null;
      },
      async byOpenid(openid) {
        const [doc] = await find(scope, 'users', { openid }, [], 1);
        return doc ? record<UserRecord>(doc) : null;
      },
      async getMany(ids) {
        const out: UserRecord[] = [];
        for (const part of chunks([...new Set(ids)], 100)) {
          out.push(...(await find(scope, 'users', { _id: _.in(part) }, [], part.length)).map((d) => record<UserRecord>(d)));
        }
        return out;
      },
      async insert(user) {
        await insertDoc(scope, 'users', user.id, body(user), 'user');
      },
      async update(user) {
        await replaceDoc(scope, 'users', user.id, body(user));
      },
    },

    orgs: {
      async get(id) {
        const doc = await getDoc(scope, 'orgs', id);
        return doc ? record<OrgRecord>(doc) : null;
      },
      async all() {
        // `_seq` keeps insertion order, as the embedded store answers.
        return (await findAll(scope, 'orgs', {}, [['_seq', 'asc'], ['_id', 'asc']])).map((d) => record<OrgRecord>(d));
      },
      async insert(org) {
        await insertDoc(scope, 'orgs', org.id, { ...body(org), _seq: Date.now() * 1000 + (seq++ % 1000) }, 'org');
      },
    },

    stations: {
      async get(id) {
        const doc = await getDoc(scope, 'stations', id);
        return doc ? toStation(doc) : null;
      },
      async insert(s) {
        await insertDoc(scope, 'stations', s.id, stationBody(db, s), 'station');
      },
      async update(s) {
        await replaceDoc(scope, 'stations', s.id, stationBody(db, s));
      },
      async near(q) {
        if (q.limit <= 0) return [];
        const where: Where = {
          published: true,
          location: _.geoNear({ geometry: new db.Geo.Point(q.center.lng, q.center.lat), maxDistance: q.radiusM }),
        };
        if (q.services?.length) where.services = _.all(q.services);
        // geoNear answers nearest first; pages are fetched until the limit is met after `accept`, or none remain.
        // It cannot be combined with orderBy, and is never run inside a transaction (MongoDB forbids $nearSphere there).
        const pageSize = Math.min(PAGE_MAX, Math.max(50, q.limit * 2));
        const result: { station: StationRecord; distanceM: number }[] = [];
        for (let offset = 0; ; offset += pageSize) {
          const res = checked(await db.collection('stations').where(where).skip(offset).limit(pageSize).get());
          const docs = res.data as Doc[];
          for (const doc of docs) {
            const station = toStation(doc);
            const d = distanceM(q.center, station.location);
            if (d > q.radiusM) continue;
            if (q.accept && !q.accept(station)) continue;
            result.push({ station, distanceM: d });
            if (result.length >= q.limit) return result;
          }
          if (docs.length < pageSize) return result;
        }
      },
    },

    reviews: {
      async get(id) {
        const doc = await getDoc(scope, 'reviews', id);
        return doc ? record<ReviewRecord>(doc) : null;
      },
      async insert(item) {
        await insertDoc(scope, 'reviews', item.id, body(item), 'review');
      },
      update(item, expected) {
        return atomic(scope, async (tx) => {
          const stored = await getDoc(tx, 'reviews', item.id);
          if (!stored || stored.status !== expected) return false;
          await replaceDoc(tx, 'reviews', item.id, body(item));
          return true;
        });
      },
      async list(q) {
        // Order: overdue open items first (group 0), then the rest (group 1); within each, oldest submitted, then id.
        const filters: object[] = [...reviewScope(q.orgIds)];
        if (q.submitterId) filters.push({ submitterId: q.submitterId });
        const statuses = q.status ? [q.status] : q.statuses;
        if (statuses) filters.push({ status: _.in(statuses) });
        if (q.kind) filters.push({ kind: q.kind });
        const groups: object[] = [
          { dueAt: _.lt(q.now), status: _.in(OPEN_STATUSES) },
          _.or([{ dueAt: _.gte(q.now) }, { status: _.nin(OPEN_STATUSES) }]),
        ];
        const after = decodeCursor(q.cursor);
        let startGroup = 0;
        let afterCond: object | undefined;
        if (after) {
          const [key, id] = after;
          const bar = key.indexOf('|');
          startGroup = Number(key.slice(0, bar)) === 1 ? 1 : 0;
          const submittedAt = key.slice(bar + 1);
          afterCond = _.or([{ submittedAt: _.gt(submittedAt) }, { submittedAt, _id: _.gt(id) }]);
        }
        const found: { item: ReviewRecord; group: number }[] = [];
        for (let group = startGroup; group < groups.length && found.length <= q.limit; group++) {
          const conds = [...filters, groups[group]];
          if (afterCond && group === startGroup) conds.push(afterCond);
          const docs = await find(scope, 'reviews', and(conds), [['submittedAt', 'asc'], ['_id', 'asc']], q.limit + 1 - found.length);
          for (const doc of docs) found.push({ item: record<ReviewRecord>(doc), group });
        }
        const page = found.slice(0, q.limit);
        const last = page[page.length - 1];
        return {
          items: page.map((p) => p.item),
          cursor: found.length > q.limit && last ? encodeCursor(`${last.group}|${last.item.submittedAt}`, last.item.id) : undefined,
        };
      },
      async recentWithLocation(kind, since) {
        const docs = await findAll(scope, 'reviews', { kind, submittedAt: _.gte(since), location: _.exists(true) }, [
          ['submittedAt', 'asc'],
        ]);
        return docs.map((d) => record<ReviewRecord>(d));
      },
      async stats(orgIds, now, monthStart) {
        const scoped = reviewScope(orgIds);
        const open = [...scoped, { status: _.in(OPEN_STATUSES) }];
        const grouped = async (match: object[], field: string) => {
          const rows = await aggregate(scope, 'reviews', (a) =>
            (match.length ? a.match(and(match)) : a).group({ _id: `$${field}`, n: $.sum(1) }),
          );
          return Object.fromEntries(rows.map((r) => [String(r._id), Number(r.n)]));
        };
        const [byStatus, byKind, overdue, decided] = await Promise.all([
          grouped(scoped, 'status'),
          grouped(open, 'kind'),
          count(scope, 'reviews', and([...open, { dueAt: _.lt(now) }])),
          findAll(scope, 'reviews', and([...scoped, { decidedAt: _.gte(monthStart), status: _.in(DECIDED_STATUSES) }]), [
            ['_id', 'asc'],
          ]),
        ]);
        const decisionHours = decided.map(
          (d) => (Date.parse(String(d.decidedAt)) - Date.parse(String(d.submittedAt))) / 3_600_000,
        );
        return { byStatus, byKind, overdue, decisionHours };
      },
    },

    audit: {
      async append(entry: AuditRecord) {
        await insertDoc(scope, 'audit', entry.id, body(entry), 'audit entry');
      },
      async list(targetId) {
        return (await findAll(scope, 'audit', { targetId }, [['at', 'asc'], ['_id', 'asc']])).map((d) => record<AuditRecord>(d));
      },
    },

    messages: {
      async add(message: MessageRecord) {
        await insertDoc(scope, 'messages', message.id, body(message), 'message');
      },
      list(userId, cursor, limit) {
        return newestFirst('messages', { userId }, '_id', (m: MessageRecord) => m.id, cursor, limit, (d) => record<MessageRecord>(d));
      },
      unread(userId) {
        return count(scope, 'messages', { userId, read: false });
      },
      async markRead(userId, ids) {
        const unique = [...new Set(ids)];
        if (scope.inTx) {
          // Query.update() does not carry the transaction id (database 1.4.3), so inside one: document by document.
          for (const messageId of unique) {
            const doc = await getDoc(scope, 'messages', messageId);
            if (doc && doc.userId === userId && !doc.read) await patchDoc(scope, 'messages', messageId, { read: true });
          }
          return;
        }
        for (const part of chunks(unique, 100)) {
          checked(await scope.db.collection('messages').where({ userId, _id: _.in(part) }).update({ read: true }));
        }
      },
    },

    ledger: {
      append(entry: LedgerRecord) {
        return atomic(scope, async (tx) => {
          if (await getDoc(tx, 'ledger', entry.key)) return false;
          try {
            await insertDoc(tx, 'ledger', entry.key, body(entry), 'ledger key');
          } catch (error) {
            // Another transaction committed this key after ours began: start over, and the read above answers false.
            if (error instanceof StoreConflict) throw new TransactionConflict('ledger key taken meanwhile');
            throw error;
          }
          const held = await getDoc(tx, 'balances', entry.userId);
          const balance = Number(held?.balance ?? 0) + entry.delta;
          if (balance < 0) throw new Error('ledger entry would make the balance negative');
          await replaceDoc(tx, 'balances', entry.userId, { userId: entry.userId, balance });
          return true;
        });
      },
      async byKey(key) {
        const doc = await getDoc(scope, 'ledger', key);
        return doc ? record<LedgerRecord>(doc) : null;
      },
      async balance(userId) {
        const doc = await getDoc(scope, 'balances', userId);
        return Number(doc?.balance ?? 0);
      },
      async sum(userId) {
        const [row] = await aggregate(scope, 'ledger', (a) => a.match({ userId }).group({ _id: null, s: $.sum('$delta') }));
        return Number(row?.s ?? 0);
      },
      list(userId, cursor, limit) {
        // `_id` is the idempotency key; pages run over (at, id) like the embedded store's.
        return newestFirst('ledger', { userId }, 'id', (e: LedgerRecord) => e.id, cursor, limit, (d) => record<LedgerRecord>(d));
      },
      async board(orgIds, category, from, to, limit) {
        const rows = await aggregate(scope, 'ledger', (a) =>
          a
            .match({ orgId: _.in(orgIds), category, at: _.gte(from).and(_.lt(to)), delta: _.gt(0) })
            .group({ _id: '$userId', count: $.sum(1), first: $.min('$at') })
            .sort({ count: -1, first: 1 })
            .limit(limit),
        );
        return rows.map((r) => ({ userId: String(r._id), count: Number(r.count) }));
      },
    },

    codes: {
      async insert(code: IssuedCodeRecord) {
        await insertDoc(scope, 'codes', code.nonce, body(code), 'code');
      },
      async get(nonce) {
        const doc = await getDoc(scope, 'codes', nonce);
        return doc ? record<IssuedCodeRecord>(doc) : null;
      },
      async byShortCode(shortCode, now) {
        const [doc] = await find(scope, 'codes', { shortCode, expiresAt: _.gt(now) }, [['expiresAt', 'desc']], 1);
        return doc ? record<IssuedCodeRecord>(doc) : null;
      },
      markUsed(nonce, usedAt, checkinId) {
        return atomic(scope, async (tx) => {
          const stored = await getDoc(tx, 'codes', nonce);
          if (!stored || stored.usedAt) return false;
          await patchDoc(tx, 'codes', nonce, { usedAt, checkinId });
          return true;
        });
      },
    },

    checkins: {
      async insert(checkin: CheckinRecord) {
        await insertDoc(scope, 'checkins', checkin.id, body(checkin), 'checkin');
      },
      async get(id) {
        const doc = await getDoc(scope, 'checkins', id);
        return doc ? record<CheckinRecord>(doc) : null;
      },
      async atStation(stationId, day) {
        return (await findAll(scope, 'checkins', { stationId, day }, [['at', 'desc']])).map((d) => record<CheckinRecord>(d));
      },
      async creditedOn(riderId, day, stationId) {
        const credited = { riderId, day, pointsAwarded: _.gt(0) };
        const [total, atStation] = await Promise.all([
          count(scope, 'checkins', credited),
          count(scope, 'checkins', { ...credited, stationId }),
        ]);
        return { total, atStation };
      },
    },

    rewards: {
      async get(id) {
        const doc = await getDoc(scope, 'rewards', id);
        return doc ? record<RewardRecord>(doc) : null;
      },
      async all() {
        return (await findAll(scope, 'rewards', {}, [['createdAt', 'asc'], ['_id', 'asc']])).map((d) => record<RewardRecord>(d));
      },
      async insert(reward: RewardRecord) {
        await insertDoc(scope, 'rewards', reward.id, body(reward), 'reward');
      },
      takeOne(id) {
        return atomic(scope, async (tx) => {
          const stored = await getDoc(tx, 'rewards', id);
          const stock = Number(stored?.stock ?? 0);
          if (!stored || stock <= 0) return false;
          await patchDoc(tx, 'rewards', id, { stock: stock - 1 });
          return true;
        });
      },
    },

    redemptions: {
      async insert(r: RedemptionRecord) {
        await insertDoc(scope, 'redemptions', redemptionKey(r.userId, r.requestId), body(r), 'redemption');
      },
      async byRequest(userId, requestId) {
        const doc = await getDoc(scope, 'redemptions', redemptionKey(userId, requestId));
        return doc ? record<RedemptionRecord>(doc) : null;
      },
      async byPickupCode(pickupCode) {
        // 'ready' sorts after 'collected': descending puts the uncollected holder first.
        const [doc] = await find(scope, 'redemptions', { pickupCode }, [['status', 'desc'], ['at', 'desc']], 1);
        return doc ? record<RedemptionRecord>(doc) : null;
      },
      async ofUser(userId) {
        return (await findAll(scope, 'redemptions', { userId }, [['at', 'desc']])).map((d) => record<RedemptionRecord>(d));
      },
      async update(r) {
        await replaceDoc(scope, 'redemptions', redemptionKey(r.userId, r.requestId), body(r));
      },
    },

    stars: {
      async insert(star: StarRecord) {
        await insertDoc(scope, 'stars', star.id, body(star), 'star');
      },
      async find(orgId, month, category) {
        return (await findAll(scope, 'stars', { orgId, month, category }, [['_id', 'asc']])).map((d) => record<StarRecord>(d));
      },
      async ofUser(userId) {
        return (await findAll(scope, 'stars', { userId }, [['month', 'desc']])).map((d) => record<StarRecord>(d));
      },
    },
  };
}

function stationBody(db: Db, s: StationRecord): Doc {
  // GeoJSON point (longitude first) for the 2dsphere index; read back as { lat, lng }.
  return { ...body(s), location: new db.Geo.Point(s.location.lng, s.location.lat) };
}

function redemptionKey(userId: string, requestId: string): string {
  return `${userId}:${requestId}`;
}

/** The store on a CloudBase app (`tcb.init(...)`); collections and indexes must exist (docs/cloudbase-setup.md). */
export function openCloudbaseStore(app: CloudBase): Store {
  const db = app.database();
  return {
    ...repos(plainScope(db)),
    transaction(fn) {
      return runTx(db, (scope) => fn(repos(scope)));
    },
    async close() {
      // Nothing to release: the SDK holds no connection between calls.
    },
  };
}
