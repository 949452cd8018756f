/**
 * One in-memory CloudBase document database, on mingo: what the service enforces, as the stand-in answers it.
 *
 * Transactions follow MongoDB's snapshot isolation as CloudBase exposes it: single documents by `_id` only, reads from
 * the snapshot taken at start (plus own writes), a write to a document that changed after the start or that another
 * transaction holds answers a write conflict (and aborts the transaction), writes outside transactions wait for a
 * transaction's lock, commit applies everything at once, and a transaction lives at most 10 s.
 */
import { aggregate, find, update } from 'mingo';
import { distanceM } from '../../../cloudfunctions/core/geo';

export type StoredDoc = Record<string, unknown> & { _id: string };
type Criteria = Record<string, unknown>;

export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
const TX_LIFETIME_MS = 10_000;
const MAX_DOC_BYTES = 512 * 1024;
/** What reportedly comes back from a pipeline that has no `$limit` stage. */
const AGGREGATE_DEFAULT_LIMIT = 20;

interface Tx {
  id: string;
  startedAt: number;
  /** Snapshot values of documents written by others after this transaction started (null: absent). */
  before: Map<string, StoredDoc | null>;
  /** This transaction's own writes (null: removed). */
  writes: Map<string, StoredDoc | null>;
  ended: Promise<void>;
  end(): void;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface Modification {
  /** true: `data` holds update operators; false: `data` replaces the document. */
  merge: boolean;
  upsert: boolean;
  multi: boolean;
  data: Record<string, unknown>;
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`;

function collAndIdOf(key: string): [coll: string, id: string] {
  const at = key.indexOf('\u0000');
  if (at < 0) throw new Error(`not a document key: ${key}`);
  return [key.slice(0, at), key.slice(at + 1)];
}

const clone = <T>(value: T): T => structuredClone(value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
let nextId = 0;

function newDocId(): string {
  return `${Date.now().toString(16)}${(nextId++).toString(16).padStart(8, '0')}${Math.random().toString(16).slice(2, 10)}`;
}

function checkSize(doc: StoredDoc): void {
  if (Buffer.byteLength(JSON.stringify(doc)) > MAX_DOC_BYTES) throw new DbError('DATABASE_REQUEST_FAILED', 'document exceeds 512 KB');
}

/** A `{ field: { $nearSphere } }` condition taken out of a query (mingo has no geo operators). */
interface Near {
  field: string;
  center: { lng: number; lat: number };
  maxDistance?: number;
  minDistance?: number;
}

function takeNear(query: Criteria): { rest: Criteria; near?: Near } {
  const rest: Criteria = {};
  let near: Near | undefined;
  for (const [field, cond] of Object.entries(query)) {
    const op = cond && typeof cond === 'object' ? (cond as Record<string, unknown>).$nearSphere : undefined;
    if (!op) {
      rest[field] = cond;
      continue;
    }
    const { $geometry, $maxDistance, $minDistance } = op as { $geometry: { coordinates: [number, number] }; $maxDistance?: number; $minDistance?: number };
    near = { field, center: { lng: $geometry.coordinates[0], lat: $geometry.coordinates[1] }, maxDistance: $maxDistance, minDistance: $minDistance };
  }
  return { rest, near };
}

export class Database {
  private readonly collections = new Map<string, Map<string, StoredDoc>>();
  private readonly txs = new Map<string, Tx>();
  private readonly locks = new Map<string, Tx>();

  constructor(private readonly geoIndexes: ReadonlySet<string>) {}

  createCollection(name: string): void {
    if (this.collections.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    this.collections.set(name, new Map());
  }

  private coll(name: string): Map<string, StoredDoc> {
    const coll = this.collections.get(name);
    if (!coll) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`);
    return coll;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Outside transactions

  getById(coll: string, id: string): StoredDoc[] {
    const doc = this.coll(coll).get(id);
    return doc ? [clone(doc)] : [];
  }

  query(coll: string, query: Criteria, options: FindOptions): StoredDoc[] {
    const { rest, near } = takeNear(query);
    let docs = find<StoredDoc>([...this.coll(coll).values()], rest).all();
    if (near) {
      if (!this.geoIndexes.has(`${coll}.${near.field}`)) {
        throw new DbError('DATABASE_REQUEST_FAILED', `unable to find index for $geoNear query on ${coll}.${near.field}`);
      }
      docs = docs
        .map((doc) => ({ doc, d: this.distance(doc, near) }))
        .filter(({ d }) => d !== null && d <= (near.maxDistance ?? Infinity) && d >= (near.minDistance ?? 0))
        .sort((a, b) => (a.d as number) - (b.d as number))
        .map(({ doc }) => doc);
    }
    let cursor = find<StoredDoc>(docs, {}, options.projection);
    if (options.order) cursor = cursor.sort(options.order);
    const limit = Math.min(options.limit || 100, 1000);
    return clone(
      cursor
        .skip(options.offset ?? 0)
        .limit(limit)
        .all(),
    );
  }

  private distance(doc: StoredDoc, near: Near): number | null {
    const point = doc[near.field] as { type?: string; coordinates?: [number, number] } | undefined;
    if (point?.type !== 'Point' || !Array.isArray(point.coordinates)) return null;
    return distanceM(near.center, { lng: point.coordinates[0], lat: point.coordinates[1] });
  }

  count(coll: string, query: Criteria): number {
    if (takeNear(query).near) throw new DbError('DATABASE_REQUEST_FAILED', '$nearSphere is not allowed in count');
    return find([...this.coll(coll).values()], query).all().length;
  }

  aggregate(coll: string, pipeline: Record<string, unknown>[]): unknown[] {
    const out = aggregate([...this.coll(coll).values()], pipeline);
    return clone(pipeline.some((stage) => '$limit' in stage) ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT));
  }

  async insert(coll: string, docs: Record<string, unknown>[]): Promise<string[]> {
    const withIds = docs.map((doc) => ({ ...doc, _id: String(doc._id ?? newDocId()) }) as StoredDoc);
    withIds.forEach(checkSize);
    await this.unlocked(() => withIds.map((doc) => keyOf(coll, doc._id)));
    const target = this.coll(coll);
    const ids = withIds.map((doc) => doc._id);
    if (new Set(ids).size !== ids.length || ids.some((id) => target.has(id))) {
      throw new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_`);
    }
    for (const doc of withIds) this.apply(coll, doc._id, doc);
    return ids;
  }

  /** Updates or replaces the matching documents; `updated` counts documents that changed, as MongoDB's nModified. */
  async modify(coll: string, query: Criteria, m: Modification): Promise<{ updated: number; upsertId?: string }> {
    const matching = () => this.select(coll, query, m.multi);
    await this.unlocked(() => matching().map((doc) => keyOf(coll, doc._id)));
    const docs = matching();
    if (docs.length === 0 && m.upsert && typeof query._id === 'string') {
      const doc = { ...this.changed(undefined, query._id, m).doc, _id: query._id };
      checkSize(doc);
      this.apply(coll, doc._id, doc);
      return { updated: 0, upsertId: doc._id };
    }
    let updated = 0;
    for (const current of docs) {
      const { doc, modified } = this.changed(current, current._id, m);
      if (!modified) continue;
      checkSize(doc);
      this.apply(coll, current._id, doc);
      updated++;
    }
    return { updated };
  }

  async remove(coll: string, query: Criteria, multi: boolean): Promise<number> {
    const matching = () => this.select(coll, query, multi);
    await this.unlocked(() => matching().map((doc) => keyOf(coll, doc._id)));
    const docs = matching();
    for (const doc of docs) this.apply(coll, doc._id, null);
    return docs.length;
  }

  /** The documents a write outside transactions applies to. */
  private select(coll: string, query: Criteria, multi: boolean): StoredDoc[] {
    // A query naming one `_id` (alone, or with conditions on the document's fields) looks at that document only.
    const id = typeof query._id === 'string' ? query._id : null;
    const byId = id === null ? undefined : this.coll(coll).get(id);
    if (id !== null) return byId && find<StoredDoc>([byId], query).all().length > 0 ? [byId] : [];
    const docs = find<StoredDoc>([...this.coll(coll).values()], query).all();
    return multi ? docs : docs.slice(0, 1);
  }

  /** The document after a modification, and whether anything changed (a replacement always counts). */
  private changed(current: StoredDoc | undefined, id: string, m: Modification): { doc: StoredDoc; modified: boolean } {
    if (!m.merge) return { doc: { ...clone(m.data), _id: id }, modified: true };
    const doc = clone(current ?? { _id: id });
    return { doc, modified: update(doc, m.data).length > 0 };
  }

  /** Writes one document (null removes it), keeping the old value for every open transaction's snapshot. */
  private apply(coll: string, id: string, doc: StoredDoc | null, writer?: Tx): void {
    const target = this.coll(coll);
    const key = keyOf(coll, id);
    const old = target.get(id) ?? null;
    for (const tx of this.txs.values()) if (tx !== writer && !tx.before.has(key)) tx.before.set(key, old);
    if (doc) target.set(id, doc);
    else target.delete(id);
  }

  /** Waits while an open transaction holds any of the keys (as MongoDB makes a plain write wait for the lock). */
  private async unlocked(keys: () => string[]): Promise<void> {
    for (;;) {
      const holder = keys()
        .map((key) => this.locks.get(key))
        .find((tx) => tx !== undefined);
      if (!holder) return;
      await Promise.race([holder.ended, sleep(holder.startedAt + TX_LIFETIME_MS - Date.now())]);
      if (this.expired(holder)) this.abort(holder.id);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Transactions

  startTransaction(): string {
    const id = `tx-${newDocId()}`;
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.txs.set(id, { id, startedAt: Date.now(), before: new Map(), writes: new Map(), ended, end });
    return id;
  }

  private expired(tx: Tx): boolean {
    return Date.now() - tx.startedAt > TX_LIFETIME_MS;
  }

  /** Runs one operation of an open transaction; any error aborts it, as MongoDB aborts a transaction on an error. */
  inTx<T>(txId: string, op: (tx: Tx) => T): T {
    const tx = this.txs.get(txId);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${txId} is not open`);
    try {
      if (this.expired(tx)) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${txId} is older than 10 s`);
      return op(tx);
    } catch (error) {
      this.abort(txId);
      throw error;
    }
  }

  private view(tx: Tx, coll: string, id: string): StoredDoc | null {
    const key = keyOf(coll, id);
    if (tx.writes.has(key)) return tx.writes.get(key) ?? null;
    if (tx.before.has(key)) return tx.before.get(key) ?? null;
    return this.coll(coll).get(id) ?? null;
  }

  /** Takes the document's lock for tx: a conflict when another transaction holds it or it changed since tx began. */
  private claim(tx: Tx, coll: string, id: string): string {
    this.coll(coll);
    const key = keyOf(coll, id);
    const holder = this.locks.get(key);
    if ((holder && holder !== tx) || tx.before.has(key)) throw new DbError(CONFLICT, `write conflict on ${coll}/${id}`);
    this.locks.set(key, tx);
    return key;
  }

  private write(tx: Tx, coll: string, id: string, doc: StoredDoc | null): void {
    if (doc) checkSize(doc);
    tx.writes.set(this.claim(tx, coll, id), doc);
  }

  txGet(tx: Tx, coll: string, id: string): StoredDoc[] {
    const doc = this.view(tx, coll, id);
    return doc ? [clone(doc)] : [];
  }

  txInsert(tx: Tx, coll: string, doc: Record<string, unknown>): string {
    const id = String(doc._id ?? newDocId());
    this.claim(tx, coll, id);
    if (this.view(tx, coll, id)) throw new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_`);
    this.write(tx, coll, id, { ...doc, _id: id });
    return id;
  }

  txModify(tx: Tx, coll: string, id: string, m: Modification): { updated: number; upsertId?: string } {
    const current = this.view(tx, coll, id);
    if (!current && !m.upsert) return { updated: 0 };
    const { doc, modified } = this.changed(current ?? undefined, id, m);
    if (modified) this.write(tx, coll, id, doc);
    return current ? { updated: modified ? 1 : 0 } : { updated: 0, upsertId: id };
  }

  txRemove(tx: Tx, coll: string, id: string): number {
    if (!this.view(tx, coll, id)) return 0;
    this.write(tx, coll, id, null);
    return 1;
  }

  commit(txId: string): void {
    this.inTx(txId, (tx) => {
      for (const [key, doc] of tx.writes) {
        const [coll, id] = collAndIdOf(key);
        this.apply(coll, id, doc, tx);
      }
    });
    this.abort(txId);
  }

  /** Ends a transaction without applying its writes and releases its locks (also after a commit). */
  abort(txId: string): void {
    const tx = this.txs.get(txId);
    if (!tx) return;
    this.txs.delete(txId);
    for (const [key, holder] of this.locks) if (holder === tx) this.locks.delete(key);
    tx.end();
  }
}

/** A query that names one document by `_id` and nothing else: all a transaction may carry. */
export function docIdOf(query: Criteria): string | null {
  const keys = Object.keys(query);
  return keys.length === 1 && keys[0] === '_id' && typeof query._id === 'string' ? query._id : null;
}
