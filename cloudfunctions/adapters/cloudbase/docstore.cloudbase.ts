/**
 * The document-store port on CloudBase's document database (`@cloudbase/node-sdk` 3.18, MongoDB underneath).
 *
 * Documents are stored as given, with `_id`; the collection's geo field is written as `db.Geo.Point` and read back
 * as GeoJSON. Queries become the SDK's commands; a transaction is `db.runTransaction` with the SDK's own retries off
 * and ours on (jittered backoff, bounded by TX_ATTEMPTS and TX_BUDGET_MS), and it only ever touches single documents
 * by `_id`, the one thing CloudBase transactions carry.
 */
import type { CloudBase } from '@cloudbase/node-sdk';
import { AppError } from '../../core/errors';
import { distanceM } from '../../core/geo';
import { dbErrorCode as errorCode, isDuplicateId as isDuplicate, isWriteConflict as isConflict, missingDeployedPart } from './db-errors';
import {
  checkLimit,
  checkQueryFields,
  latLngOf,
  MAX_LIMIT,
  InvalidCursor,
  retryPauseMs,
  StoreConflict,
  TX_ATTEMPTS,
  TX_BUDGET_MS,
  TxConflict,
  UndeclaredQuery,
  type Change,
  type Collection,
  type CollectionSpec,
  type Condition,
  type Direction,
  type Doc,
  type DocStore,
  type Fields,
  type GeoPoint,
  type Group,
  type FindQuery,
  type Json,
  type NearQuery,
  type Scalar,
  type Tx,
  type Where,
} from '../../core/store/docstore.port';

/** MongoDB's earth radius over ours (geo.ts), rounded up. */
const GEO_SPHERE_MARGIN = 1.002;

type Db = ReturnType<CloudBase['database']>;
type Coll = ReturnType<Db['collection']>;
type Command = Db['command'];
type Query = Record<string, unknown> | ReturnType<Command['and']>;
type Stored = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** Thrown inside a transaction for an insert whose `_id` exists: run the transaction again, like a write conflict. */
class DuplicateInTx extends Error {}

const reportedUndeployed = new Set<string>();

/**
 * A collection or the geo index that `npm run deploy` creates is missing: said once per container in the log, and
 * answered as a typed error with a Chinese message rather than INTERNAL.
 */
function undeployed(error: unknown): AppError | null {
  const message = error instanceof Error ? error.message : String(error);
  const what = missingDeployedPart(error);
  if (!what) return null;
  if (!reportedUndeployed.has(message)) {
    reportedUndeployed.add(message);
    console.error(JSON.stringify({ at: new Date().toISOString(), level: 'error', what: `${what} is missing: run npm run deploy`, error: message }));
  }
  return new AppError('NOT_FOUND', '该功能尚未部署完成，请联系管理员');
}

/** The SDK throws on an error answer unless `setThrowOnCode(false)` was called somewhere in the process. */
async function checked<T>(call: Promise<T>): Promise<T> {
  let res: T;
  try {
    res = await call;
  } catch (error) {
    throw undeployed(error) ?? error;
  }
  if (res && typeof res === 'object' && 'code' in res && res.code) {
    const error = Object.assign(new Error(String((res as { message?: unknown }).message ?? res.code)), { code: res.code });
    throw undeployed(error) ?? error;
  }
  return res;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Queries

type QueryCommand = ReturnType<Command['eq']>;
type Operator = Exclude<keyof Exclude<Condition, Scalar>, undefined>;

const OPERATORS: Record<Operator, (_: Command, value: never) => QueryCommand> = {
  $eq: (_, value: Scalar) => _.eq(value),
  $ne: (_, value: Scalar) => _.neq(value),
  $in: (_, values: Scalar[]) => _.in([...values]),
  $gt: (_, value: Scalar) => _.gt(value),
  $gte: (_, value: Scalar) => _.gte(value),
  $lt: (_, value: Scalar) => _.lt(value),
  $lte: (_, value: Scalar) => _.lte(value),
  $all: (_, values: Scalar[]) => _.all([...values]),
  // The port's "present" excludes null, which MongoDB's $exists does not; `$ne: null` / `$eq: null` say it exactly.
  $exists: (_, present: boolean) => (present ? _.neq(null) : _.eq(null)),
};

/** One field's condition as an SDK command (several operators: all of them), or undefined for none. */
function condition(_: Command, cond: Condition): unknown {
  if (typeof cond !== 'object') return cond;
  const commands = Object.entries(cond)
    .filter(([, value]) => value !== undefined)
    .map(([op, value]) => OPERATORS[op as Operator](_, value as never));
  const [first, ...rest] = commands;
  return first && rest.length ? first.and(...rest) : first;
}

function whereQuery(_: Command, where: Where | undefined): Stored {
  const query: Stored = {};
  for (const [field, cond] of Object.entries(where ?? {})) {
    const command = condition(_, cond);
    if (command !== undefined) query[field] = command;
  }
  return query;
}

type Key = readonly [field: string, direction: Direction];

/** The sort keys of a find: the requested ones up to `_id`, which always ends them. */
function sortKeys(orderBy: readonly Key[] | undefined): Key[] {
  const keys: Key[] = [];
  for (const key of orderBy ?? []) {
    keys.push(key);
    if (key[0] === '_id') return keys;
  }
  return [...keys, ['_id', 'asc']];
}

/** Documents after the one whose sort values are `after`: MongoDB sorts missing and null first, ascending. */
function afterCondition(_: Command, keys: Key[], after: Json[]): Query {
  const same = (value: Json) => (value === null ? _.eq(null) : value);
  const disjuncts: Stored[] = [];
  keys.forEach(([field, direction], i) => {
    const value = after[i] ?? null;
    const prefix = Object.fromEntries(keys.slice(0, i).map(([f], j) => [f, same(after[j] ?? null)]));
    if (direction === 'asc') disjuncts.push({ ...prefix, [field]: value === null ? _.neq(null) : _.gt(value) });
    else if (value !== null) disjuncts.push({ ...prefix, [field]: _.lt(value).or(_.eq(null)) });
  });
  return _.or(disjuncts);
}

function encodeCursor(values: Json[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(spec: CollectionSpec, cursor: string, length: number): Json[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length) return values as Json[];
  } catch {
    // an unreadable cursor is refused below
  }
  throw new InvalidCursor(spec.name);
}

// ---------------------------------------------------------------------------------------------------------------
// The store

/** The store on a CloudBase app (`tcb.init(...)`). Collections come from `ensureCollections`; indexes from the deploy. */
export function openCloudbaseDocStore(app: CloudBase): DocStore {
  const db = app.database();
  const _ = db.command;

  /** Document → what the SDK writes: the geo field as a Geo.Point, and no `_id` (the SDK refuses it in set/update). */
  function stored(spec: CollectionSpec, fields: object): Stored {
    const out: Stored = { ...fields };
    delete out._id;
    const point = spec.geo ? (out[spec.geo] as GeoPoint | undefined) : undefined;
    if (spec.geo && point) out[spec.geo] = new db.Geo.Point(point.coordinates[0], point.coordinates[1]);
    return out;
  }

  /** What the SDK read → document: it turns every GeoJSON point into a Geo.Point, whose toJSON is GeoJSON again. */
  const plain = <T>(raw: unknown): T => JSON.parse(JSON.stringify(raw)) as T;

  async function getDoc<T extends Doc>(coll: Coll, id: string): Promise<T | null> {
    const res = await checked(coll.doc(id).get());
    // In a transaction `data` is the document or null; outside it is a list.
    const raw = Array.isArray(res.data) ? res.data[0] : res.data;
    return raw ? plain<T>(raw) : null;
  }

  /** Fields to set as the SDK's update data: a plain object is set whole, not merged path by path (`a.b`). */
  function updateData(spec: CollectionSpec, fields: object): Stored {
    const data = stored(spec, fields);
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined) delete data[field];
      else if (value && typeof value === 'object' && !Array.isArray(value) && field !== spec.geo) data[field] = _.set(value);
    }
    return data;
  }

  /** A new document: `init` with the amounts added to its numeric fields (a missing one counts as 0). */
  function withIncrements(init: Doc, by: object): Doc {
    const created: Stored = { ...init };
    for (const [field, n] of Object.entries(by as Record<string, number | undefined>)) {
      if (n !== undefined) created[field] = (typeof created[field] === 'number' ? created[field] : 0) + n;
    }
    return { ...created, _id: init._id };
  }

  const increments = (by: object): Stored =>
    Object.fromEntries(Object.entries(by as Record<string, number | undefined>).flatMap(([field, n]) => (n === undefined ? [] : [[field, _.inc(n)]])));

  async function updateDoc<T extends Doc>(coll: Coll, spec: CollectionSpec, id: string, fields: Fields<T>): Promise<boolean> {
    const data = updateData(spec, fields);
    if (Object.keys(data).length > 0 && (await checked(coll.doc(id).update(data))).updated > 0) return true;
    // `updated` counts documents that changed (MongoDB's nModified): 0 also answers an update to the same values.
    return (await getDoc(coll, id)) !== null;
  }

  async function insertDoc(coll: Coll, spec: CollectionSpec, doc: Doc): Promise<void> {
    await checked(coll.add({ ...stored(spec, doc), _id: doc._id }));
  }

  function txOf(t: { collection(name: string): Coll }): Tx {
    return {
      get: (coll, id) => getDoc(t.collection(coll.name), id),
      async insert(coll, doc) {
        try {
          await insertDoc(t.collection(coll.name), coll, doc);
        } catch (error) {
          throw isDuplicate(error) ? new DuplicateInTx(`${coll.name}/${doc._id}`) : error;
        }
      },
      async set(coll, doc) {
        await checked(t.collection(coll.name).doc(doc._id).set(stored(coll, doc)));
      },
      update: (coll, id, fields) => updateDoc(t.collection(coll.name), coll, id, fields),
      async increment(coll, init, by) {
        if ((await checked(t.collection(coll.name).doc(init._id).update(increments(by)))).updated > 0) return;
        try {
          await insertDoc(t.collection(coll.name), coll, withIncrements(init, by));
        } catch (error) {
          throw isDuplicate(error) ? new DuplicateInTx(`${coll.name}/${init._id}`) : error;
        }
      },
      async remove(coll, id) {
        await checked(t.collection(coll.name).doc(id).remove());
      },
    };
  }

  return {
    get: (coll, id) => getDoc(db.collection(coll.name), id),

    async find<T extends Doc>(coll: Collection<T>, q: FindQuery) {
      const keys = sortKeys(q.orderBy);
      checkQueryFields(coll, [...Object.keys(q.where ?? {}), ...keys.map(([field]) => field)]);
      checkLimit(coll, q.limit);
      const where = whereQuery(_, q.where);
      const after = q.cursor ? afterCondition(_, keys, decodeCursor(coll, q.cursor, keys.length)) : undefined;
      let query = db.collection(coll.name).where(after ? _.and([where, after]) : where);
      for (const [field, direction] of keys) query = query.orderBy(field, direction);
      // One more than asked tells whether more follow; at the 1,000 cap a full page says only that more may.
      const fetch = Math.min(q.limit + 1, MAX_LIMIT);
      const docs = (await checked(query.limit(fetch).get())).data.map((raw: unknown) => plain<T>(raw));
      const items = docs.slice(0, q.limit);
      const last = items[items.length - 1] as unknown as Record<string, Json> | undefined;
      return docs.length === fetch && last ? { items, cursor: encodeCursor(keys.map(([field]) => last[field] ?? null)) } : { items };
    },

    async count(coll, where) {
      checkQueryFields(coll, Object.keys(where ?? {}));
      return (await checked(db.collection(coll.name).where(whereQuery(_, where)).count())).total;
    },

    async near<T extends Doc>(coll: Collection<T>, q: NearQuery) {
      const geo = coll.geo;
      if (!geo) throw new UndeclaredQuery(coll.name, 'no geo field is declared');
      checkQueryFields(coll, [geo, ...Object.keys(q.where ?? {})]);
      checkLimit(coll, q.limit);
      const geometry = new db.Geo.Point(q.center.lng, q.center.lat);
      // MongoDB measures on a 6,378.1 km sphere, we on 6,371 km: ask a little wider, then keep what is within ours.
      const maxDistance = q.maxDistanceM * GEO_SPHERE_MARGIN;
      const query = { ...whereQuery(_, q.where), [geo]: _.geoNear({ geometry, maxDistance }) };
      const res = await checked(db.collection(coll.name).where(query).limit(q.limit).get());
      // The service answers nearest first; distances are ours, on the same sphere as the embedded adapter's.
      return res.data
        .map((raw: unknown) => {
          const doc = plain<T>(raw);
          const point = (doc as unknown as Record<string, GeoPoint | undefined>)[geo];
          return { doc, distanceM: point ? distanceM(q.center, latLngOf(point)) : Number.POSITIVE_INFINITY };
        })
        .filter((hit: { distanceM: number }) => hit.distanceM <= q.maxDistanceM);
    },

    async group(coll, q) {
      const sums = q.sum ?? [];
      checkQueryFields(coll, [...Object.keys(q.where ?? {}), ...q.groupBy]);
      checkLimit(coll, q.limit);
      const $ = _.aggregate;
      // $ifNull puts missing and null in one group, as one key value null.
      const id = q.groupBy.length ? Object.fromEntries(q.groupBy.map((f) => [f, $.ifNull([`$${f}`, null])])) : null;
      const accumulators = Object.fromEntries(sums.map((f, i) => [`s${i}`, $.sum(`$${f}`)]));
      // Always end with $limit: without one the service answers at most 20 groups.
      const res = await checked(
        db
          .collection(coll.name)
          .aggregate()
          .match(whereQuery(_, q.where))
          .group({ _id: id, count: $.sum(1), ...accumulators })
          .sort(q.orderByCount ? { count: -1, _id: 1 } : { _id: 1 })
          .limit(q.limit)
          .end(),
      );
      return (res.data as Stored[]).map((row): Group => ({
        key: Object.fromEntries(q.groupBy.map((f) => [f, ((row._id as Stored | null)?.[f] ?? null) as Group['key'][string]])),
        count: Number(row.count),
        sums: Object.fromEntries(sums.map((f, i) => [f, Number(row[`s${i}`] ?? 0)])),
      }));
    },

    async countDistinct(coll, q) {
      const groupBy = q.groupBy ?? [];
      checkQueryFields(coll, [...Object.keys(q.where ?? {}), ...groupBy, q.field]);
      checkLimit(coll, q.limit);
      const $ = _.aggregate;
      const keys = Object.fromEntries(groupBy.map((f) => [f, $.ifNull([`$${f}`, null])]));
      // One group per (key, value), then one per key counting them; a missing or null value makes no group.
      const own = q.where?.[q.field];
      const present: Condition = { ...(own === undefined ? {} : typeof own === 'object' ? own : { $eq: own }), $exists: true };
      const res = await checked(
        db
          .collection(coll.name)
          .aggregate()
          .match(whereQuery(_, { ...q.where, [q.field]: present }))
          .group({ _id: { ...keys, v: `$${q.field}` } })
          .group({ _id: groupBy.length ? Object.fromEntries(groupBy.map((f) => [f, `$_id.${f}`])) : null, distinct: $.sum(1) })
          .sort({ _id: 1 })
          .limit(q.limit)
          .end(),
      );
      return (res.data as Stored[]).map((row) => ({
        key: Object.fromEntries(groupBy.map((f) => [f, ((row._id as Stored | null)?.[f] ?? null) as Scalar | null])),
        distinct: Number(row.distinct),
      }));
    },

    async insert(coll, doc) {
      try {
        await insertDoc(db.collection(coll.name), coll, doc);
      } catch (error) {
        throw isDuplicate(error) ? new StoreConflict(`${coll.name}/${doc._id}`) : error;
      }
    },

    update: (coll, id, fields) => updateDoc(db.collection(coll.name), coll, id, fields),

    async updateIf<T extends Doc>(coll: Collection<T>, id: string, where: Where, change: Change<T>) {
      const data = { ...updateData(coll, change.set ?? {}), ...increments(change.inc ?? {}) };
      if (Object.keys(data).length === 0) return false;
      // MongoDB applies an update to one document atomically: the conditions and the change are one step.
      const res = await checked(
        db
          .collection(coll.name)
          .where({ ...whereQuery(_, where), _id: id })
          .update(data),
      );
      return res.updated > 0;
    },

    async increment(coll, init, by) {
      const data = increments(by);
      for (;;) {
        if ((await checked(db.collection(coll.name).doc(init._id).update(data))).updated > 0) return;
        try {
          await insertDoc(db.collection(coll.name), coll, withIncrements(init, by));
          return;
        } catch (error) {
          // Created by someone else since: increment theirs.
          if (!isDuplicate(error)) throw error;
        }
      }
    },

    async remove(coll, id) {
      await checked(db.collection(coll.name).doc(id).remove());
    },

    async transaction(fn) {
      const started = Date.now();
      let duplicate: string | undefined;
      for (let attempt = 1; ; attempt++) {
        const attemptStarted = Date.now();
        try {
          // times 0: the SDK runs fn once, rolls back on any error and rethrows it; the retrying is ours.
          return await db.runTransaction((t: { collection(name: string): Coll }) => fn(txOf(t)), 0);
        } catch (error) {
          // A duplicate may be a document committed after this attempt's snapshot (run again: fn may now see it);
          // the same duplicate twice is one the snapshot already held, which no retry changes.
          if (error instanceof DuplicateInTx) {
            if (duplicate === error.message) throw new StoreConflict(error.message);
            duplicate = error.message;
          } else if (!isConflict(error)) throw error;
          const left = TX_BUDGET_MS - (Date.now() - started);
          if (attempt >= TX_ATTEMPTS || left <= 0) throw new TxConflict(attempt);
          await sleep(retryPauseMs(attempt, Date.now() - attemptStarted, left));
        }
      }
    },

    async ensureCollections(specs) {
      // Indexes (the declared compound ones and the geo index) cannot be made with this SDK: the deploy script
      // creates them with @cloudbase/manager-node. Collections can.
      for (const spec of specs) {
        try {
          await checked(db.createCollection(spec.name));
        } catch (error) {
          if (errorCode(error) !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw error;
        }
      }
    },

    async close() {
      // Nothing to release: the SDK holds no connection between calls.
    },
  };
}
