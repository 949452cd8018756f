/**
 * The document-store port: exactly the powers CloudBase's document database has, so that code which works on the
 * embedded adapter (SQLite) works in the cloud too.
 *
 * - Outside a transaction (`DocStore`): get, insert (an existing `_id` is a conflict), update fields, remove, find by
 *   declared indexes with order, limit and a keyset cursor, count, geo near, grouped sums and grouped distinct counts;
 *   and the two single-document atomic writes CloudBase documents outside transactions: a conditional update by `_id`
 *   (`where({ _id, …conditions }).update(…)`, answering `updated: 0 | 1`) and an increment (`_.inc`). A quota, a stock
 *   or a counter that a crowd takes is taken with these, never inside every caller's transaction.
 * - Inside a transaction (`Tx`): get, insert, set, update and remove — by `_id` only. The type offers nothing else,
 *   so code that queries inside a transaction does not compile.
 * - Isolation is snapshot isolation: a transaction that touches a document another transaction wrote after it
 *   started meets a write conflict and is run again from the start (bounded; then `TxConflict`). So a uniqueness or
 *   a count that must hold under concurrency lives on a document, by `_id`, that every competing writer touches.
 *
 * Each domain declares its collections with `defineCollection`, naming the fields it queries by; adapters refuse a
 * query on an undeclared field, so what runs in tests is what the cloud's indexes serve.
 */
import type { LatLng } from '../../../types/common';

/** A JSON value as the database stores it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** Every stored document has a string `_id`; the rest is JSON. */
export interface Doc {
  _id: string;
}

/** GeoJSON point as stored (longitude first); adapters turn it into what their engine's geo index wants. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [lng: number, lat: number];
}

export function geoPoint(at: LatLng): GeoPoint {
  return { type: 'Point', coordinates: [at.lng, at.lat] };
}

export function latLngOf(point: GeoPoint): LatLng {
  return { lat: point.coordinates[1], lng: point.coordinates[0] };
}

/** A compound index over top-level fields; a query may filter and sort only by fields some index names. */
export interface IndexSpec {
  fields: readonly string[];
}

export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
  /** A field holding a GeoPoint with a geo index (`near` queries it). */
  geo?: string;
}

/** A declared collection; `T` is the document type (a phantom, for typed reads and writes). */
export interface Collection<T extends Doc> extends CollectionSpec {
  readonly __doc?: T;
}

export function defineCollection<T extends Doc>(spec: CollectionSpec): Collection<T> {
  return spec as Collection<T>;
}

/** Every field a collection may be queried by: `_id`, the indexed fields and the geo field. */
export function queryableFields(spec: CollectionSpec): Set<string> {
  const fields = new Set(['_id', ...spec.indexes.flatMap((i) => i.fields)]);
  if (spec.geo) fields.add(spec.geo);
  return fields;
}

export type Scalar = string | number | boolean;

/**
 * A condition on one field. A bare scalar is equality (on a scalar field). `$all` is for array fields: every value
 * must be an element. Several operators on one field all apply.
 */
export type Condition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $in?: readonly Scalar[];
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
      $all?: readonly Scalar[];
      /** true: the field is present (not missing, not null); false: it is missing or null. */
      $exists?: boolean;
    };

/** Conditions on fields, all of which must hold. */
export type Where = Readonly<Record<string, Condition>>;

export type Direction = 'asc' | 'desc';

export interface FindQuery {
  where?: Where;
  /** Sort keys; `_id` ascending is always the last tie-break. Defaults to `_id` ascending. */
  orderBy?: readonly (readonly [field: string, direction: Direction])[];
  /** 1…1000 (CloudBase answers at most 1,000 documents a call). */
  limit: number;
  /** From a previous page of the same query. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more documents may follow. */
  cursor?: string;
}

export interface NearQuery {
  center: LatLng;
  maxDistanceM: number;
  where?: Where;
  /** 1…1000. */
  limit: number;
}

export interface GroupQuery {
  where?: Where;
  /** Fields whose values make a group; none for one group over every match. */
  groupBy: readonly string[];
  /** Numeric fields summed per group. */
  sum?: readonly string[];
  /** Largest counts first when set; otherwise in no particular order. */
  orderByCount?: boolean;
  /** 1…1000 groups. */
  limit: number;
}

export interface Group {
  key: Record<string, Scalar | null>;
  count: number;
  sums: Record<string, number>;
}

export interface DistinctQuery {
  where?: Where;
  /** The field whose distinct values are counted; documents where it is missing or null count for nothing. */
  field: string;
  /** Fields (holding strings or numbers) whose values make a group; none for one group over every match. */
  groupBy?: readonly string[];
  /** 1…1000 groups. */
  limit: number;
}

/** Distinct values of the counted field in one group; groups with none are left out. */
export interface DistinctGroup {
  key: Record<string, Scalar | null>;
  distinct: number;
}

/** Partial fields of a document, set as given (top-level fields; `_id` cannot change; an undefined value leaves the field as it is). */
export type Fields<T extends Doc> = Partial<Omit<T, '_id'>>;

/** The top-level fields of a document that hold numbers. */
export type NumericFields<T extends Doc> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T] & string;

/** One atomic change to one document: fields set, and numeric fields moved by the given amounts (a missing one counts as 0). */
export interface Change<T extends Doc> {
  set?: Fields<T>;
  inc?: Partial<Record<NumericFields<T>, number>>;
}

/** What a transaction can do: single documents by `_id`. */
export interface Tx {
  get<T extends Doc>(coll: Collection<T>, id: string): Promise<T | null>;
  /**
   * Adds a document. An `_id` that exists in the transaction's snapshot aborts it with StoreConflict; one committed
   * by another writer since the snapshot is a write conflict (the transaction runs again).
   */
  insert<T extends Doc>(coll: Collection<T>, doc: T): Promise<void>;
  /** Creates or replaces the whole document. */
  set<T extends Doc>(coll: Collection<T>, doc: T): Promise<void>;
  /** Sets the given fields of an existing document; false when there is none. */
  update<T extends Doc>(coll: Collection<T>, id: string, fields: Fields<T>): Promise<boolean>;
  /**
   * Adds to numeric fields of the document without reading it first (CloudBase: `doc(id).update({ f: _.inc(n) })`, as
   * its documented transfer example does); a document not there yet is created as `init` with the amounts added.
   */
  increment<T extends Doc>(coll: Collection<T>, init: T, by: Partial<Record<NumericFields<T>, number>>): Promise<void>;
  remove<T extends Doc>(coll: Collection<T>, id: string): Promise<void>;
}

/** What the store does outside transactions. */
export interface DocReader {
  get<T extends Doc>(coll: Collection<T>, id: string): Promise<T | null>;
  find<T extends Doc>(coll: Collection<T>, query: FindQuery): Promise<Page<T>>;
  count<T extends Doc>(coll: Collection<T>, where?: Where): Promise<number>;
  /** Documents whose geo field lies within maxDistanceM of center, nearest first, with the distance in metres. */
  near<T extends Doc>(coll: Collection<T>, query: NearQuery): Promise<{ doc: T; distanceM: number }[]>;
  group<T extends Doc>(coll: Collection<T>, query: GroupQuery): Promise<Group[]>;
  /** How many distinct values a field takes among the matches, per group (e.g. riders among visits). */
  countDistinct<T extends Doc>(coll: Collection<T>, query: DistinctQuery): Promise<DistinctGroup[]>;
}

export interface DocStore extends DocReader {
  /** Adds a document; an existing `_id` throws StoreConflict. */
  insert<T extends Doc>(coll: Collection<T>, doc: T): Promise<void>;
  /** Sets the given fields of an existing document (never writes back a whole document read earlier). */
  update<T extends Doc>(coll: Collection<T>, id: string, fields: Fields<T>): Promise<boolean>;
  /**
   * Applies the change to the document by `_id` only if it exists and every condition holds, atomically, as one
   * request (CloudBase: `where({ _id, …where }).update(…)`): true when it changed the document. Conditions may name any
   * field (the document is found by `_id`). A change that would leave the document as it is answers false (CloudBase
   * counts only modified documents), so give every change something that moves: an increment or a new value.
   */
  updateIf<T extends Doc>(coll: Collection<T>, id: string, where: Where, change: Change<T>): Promise<boolean>;
  /**
   * Adds to numeric fields of the document by `_id`, atomically; a document that does not exist yet is created as
   * `init` with the amounts added (a concurrent creation is met and the increment applied to it).
   */
  increment<T extends Doc>(coll: Collection<T>, init: T, by: Partial<Record<NumericFields<T>, number>>): Promise<void>;
  remove<T extends Doc>(coll: Collection<T>, id: string): Promise<void>;
  /**
   * Runs fn in a transaction: every write through `tx` commits together or not at all. On a write conflict fn runs
   * again from the start (a bounded number of times, well inside a function's timeout), so fn must not have side
   * effects outside `tx`. Errors thrown by fn abort the transaction and reach the caller unchanged.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Creates the declared collections and indexes where the engine needs that done (idempotent). */
  ensureCollections(specs: readonly CollectionSpec[]): Promise<void>;
  close(): Promise<void>;
}

/** An insert whose `_id` exists already (outside a transaction, or in a transaction's snapshot). */
export class StoreConflict extends Error {
  constructor(what: string) {
    super(`duplicate ${what}`);
    this.name = 'StoreConflict';
  }
}

/** A transaction that kept meeting write conflicts and gave up. */
export class TxConflict extends Error {
  constructor(attempts: number) {
    super(`transaction gave up after ${attempts} write conflicts`);
    this.name = 'TxConflict';
  }
}

/** A paging cursor that no page of this query handed out: malformed, altered, or from another query. */
export class InvalidCursor extends Error {
  constructor(collection: string) {
    super(`${collection}: the cursor does not belong to this query`);
    this.name = 'InvalidCursor';
  }
}

/** A query that names a field no declared index covers, or otherwise asks what the store cannot serve. */
export class UndeclaredQuery extends Error {
  constructor(collection: string, what: string) {
    super(`${collection}: ${what}`);
    this.name = 'UndeclaredQuery';
  }
}

/**
 * Throws UndeclaredQuery unless one declared index covers every field a query filters, sorts or groups by (`_id` and
 * the geo field aside): what runs in tests is what one of the cloud's indexes can serve. Both adapters call it.
 */
export function checkQueryFields(spec: CollectionSpec, fields: Iterable<string>): void {
  const allowed = queryableFields(spec);
  const used = [...new Set(fields)].filter((f) => f !== '_id' && f !== spec.geo);
  for (const field of used) {
    if (!allowed.has(field)) throw new UndeclaredQuery(spec.name, `no declared index covers "${field}"`);
  }
  if (used.length > 1 && !spec.indexes.some((i) => used.every((f) => i.fields.includes(f)))) {
    throw new UndeclaredQuery(spec.name, `no one declared index covers ${used.join(', ')}`);
  }
}

export const MAX_LIMIT = 1000;

/** Both adapters' limit rule: an integer in 1…1000. */
export function checkLimit(spec: CollectionSpec, limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UndeclaredQuery(spec.name, `limit ${limit} is not 1…${MAX_LIMIT}`);
}

/** Transactions run again on write conflicts: this many attempts, and never past this many milliseconds in all. */
export const TX_ATTEMPTS = 12;
export const TX_BUDGET_MS = 5000;

/**
 * The pause before running a transaction again: about as long as the attempt that just lost took (a write conflict
 * means another transaction holds the document for about that long), growing with the attempts and spread at random
 * so that the losers do not meet again. Never shorter than a few milliseconds, never past what the budget leaves.
 */
export function retryPauseMs(attempt: number, lastAttemptMs: number, leftMs: number, random = Math.random): number {
  const base = Math.max(5, lastAttemptMs) * Math.min(2 ** (attempt - 1), 4);
  return Math.max(0, Math.min(leftMs, base * (0.5 + random())));
}
