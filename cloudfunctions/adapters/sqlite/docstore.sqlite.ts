/**
 * The document store on SQLite (better-sqlite3): one table per collection holding JSON documents, expression indexes
 * for the declared indexes, an R*Tree for the geo field, and transactions with CloudBase's semantics (snapshot
 * isolation, first committer wins) by optimistic concurrency: writes are buffered and validated at commit.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { boundingBox, distanceM } from '../../core/geo';
import {
  StoreConflict,
  TX_ATTEMPTS,
  TX_BUDGET_MS,
  TxConflict,
  InvalidCursor,
  UndeclaredQuery,
  checkLimit,
  checkQueryFields,
  queryableFields,
  retryPauseMs,
  type Change,
  type Collection,
  type CollectionSpec,
  type Doc,
  type DocStore,
  type Group,
  type NearQuery,
  type Scalar,
  type Tx,
} from '../../core/store/docstore.port';
import { checkFieldName, coveredWhereSql, fieldSql, whereSql, type Clause, type SqlValue } from './sql-where';

/** A transaction attempt met a document written after it started: it is run again. */
class Conflict extends Error {}

type SortKey = readonly [sql: string, direction: 'ASC' | 'DESC'];

function parse<T>(doc: string | null | undefined): T | null {
  return doc == null ? null : (JSON.parse(doc) as T);
}

/** The document with the given fields set; undefined fields are left as they are. */
function withFields(doc: string, id: string, fields: object): string {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  return JSON.stringify({ ...JSON.parse(doc), ...Object.fromEntries(given), _id: id });
}

/** The document after a change: fields set, then numeric fields moved (a missing or non-numeric one counts as 0). */
function changed(doc: string, id: string, change: Change<Doc>): string {
  const next = JSON.parse(withFields(doc, id, change.set ?? {})) as Record<string, unknown>;
  for (const [field, by] of Object.entries(change.inc ?? {}) as [string, number | undefined][]) {
    if (by === undefined) continue;
    const current = next[field];
    next[field] = (typeof current === 'number' ? current : 0) + by;
  }
  return JSON.stringify(next);
}

function encodeCursor(values: SqlValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(spec: CollectionSpec, cursor: string, length: number): SqlValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const isValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
    if (Array.isArray(values) && values.length === length && values.every(isValue)) return values as SqlValue[];
  } catch {
    // not one of ours
  }
  throw new InvalidCursor(spec.name);
}

/** Rows after the one whose sort values are given, in the order of keys (missing values sort first, as null). */
function afterSql(keys: readonly SortKey[], values: SqlValue[]): Clause {
  const params: SqlValue[] = [];
  const alternatives = keys.map(([key, direction], i) => {
    const tied = keys.slice(0, i).map(([earlier], j) => {
      params.push(values[j] ?? null);
      return `${earlier} IS ?`;
    });
    const value = values[i] ?? null;
    if (value === null) return [...tied, direction === 'ASC' ? `${key} IS NOT NULL` : '0'].join(' AND ');
    params.push(value);
    return [...tied, direction === 'ASC' ? `${key} > ?` : `(${key} < ? OR ${key} IS NULL)`].join(' AND ');
  });
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

export function openSqliteDocStore({ path }: { path: string }): DocStore {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // SQLite creates the -wal and -shm files with the database file's mode, so the file is made private first.
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  for (const file of [`${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);

  const statements = new Map<string, Database.Statement>();
  function sql(text: string): Database.Statement {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  }

  /**
   * Commit numbers live in memory only, so that no row on disk says when, or together with what, it was written: a
   * copy of the database must not link an anonymous opinion to the notice its author got by commit order. An
   * attempt only needs to know whether a document it read was written after it started, so the numbers of writes
   * made while attempts run are kept until every attempt that could care has ended. (Databases from before this
   * kept a number in each row's `seq`; it is cleared once, below, and stays 0.)
   */
  let counter = 0;
  /** The start of every running transaction attempt. */
  const running = new Set<{ start: number }>();
  /** Commit numbers of writes and removals that a running attempt may have yet to notice. */
  const writtenAt = new Map<string, number>();
  const keyOf = (table: string, id: string) => `${table}\n${id}`;
  if ((db.pragma('user_version', { simple: true }) as number) < 1) {
    const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`);
    db.transaction(() => {
      for (const name of existing.pluck().all() as string[]) db.exec(`UPDATE "${name}" SET seq = 0 WHERE seq <> 0`);
      db.pragma('user_version = 1');
    })();
  }

  const tables = new Map<CollectionSpec, string>();
  function table(spec: CollectionSpec): string {
    return tables.get(spec) ?? create(spec);
  }

  function create(spec: CollectionSpec): string {
    checkFieldName(spec, spec.name);
    for (const field of queryableFields(spec)) checkFieldName(spec, field);
    const name = `c_${spec.name}`;
    db.exec(`CREATE TABLE IF NOT EXISTS "${name}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL)`);
    for (const { fields } of spec.indexes) {
      db.exec(`CREATE INDEX IF NOT EXISTS "${name}__${fields.join('__')}" ON "${name}" (${fields.map(fieldSql).join(', ')})`);
    }
    if (spec.geo) createGeo(spec.name, name, spec.geo);
    tables.set(spec, name);
    return name;
  }

  /** An R*Tree of the geo field's points (rowid → lat, lng), kept in step with the table by triggers. */
  function createGeo(collection: string, name: string, geo: string): void {
    const rtree = `g_${collection}`;
    if (sql(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(rtree)) return;
    const fill = (rowid: string, doc: string, from = '') =>
      `INSERT INTO "${rtree}" SELECT r, lat, lat, lng, lng, lat, lng FROM (SELECT ${rowid} AS r, ` +
      `json_extract(${doc}, '$.${geo}.coordinates[1]') AS lat, json_extract(${doc}, '$.${geo}.coordinates[0]') AS lng${from}) ` +
      `WHERE lat IS NOT NULL AND lng IS NOT NULL;`;
    db.transaction(() =>
      db.exec(`
        CREATE VIRTUAL TABLE "${rtree}" USING rtree(rid, minLat, maxLat, minLng, maxLng, +lat, +lng);
        CREATE TRIGGER "${rtree}_insert" AFTER INSERT ON "${name}" BEGIN ${fill('new.rowid', 'new.doc')} END;
        CREATE TRIGGER "${rtree}_update" AFTER UPDATE OF doc ON "${name}"
        WHEN json_extract(old.doc, '$.${geo}') IS NOT json_extract(new.doc, '$.${geo}') BEGIN
          DELETE FROM "${rtree}" WHERE rid = old.rowid; ${fill('new.rowid', 'new.doc')}
        END;
        CREATE TRIGGER "${rtree}_delete" AFTER DELETE ON "${name}" BEGIN DELETE FROM "${rtree}" WHERE rid = old.rowid; END;
        ${fill('rowid', 'doc', ` FROM "${name}"`)}
      `),
    )();
  }

  function read(name: string, id: string): string | undefined {
    return sql(`SELECT doc FROM "${name}" WHERE id = ?`).pluck().get(id) as string | undefined;
  }

  /** Notes a write for the attempts running now (one that starts later sees it in its snapshot). */
  function written(name: string, id: string, seq: number): void {
    if (running.size > 0) writtenAt.set(keyOf(name, id), seq);
  }

  function put(name: string, id: string, doc: string, seq: number): void {
    sql(`INSERT INTO "${name}" (id, doc, seq) VALUES (?, ?, 0) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`).run(id, doc);
    written(name, id, seq);
  }

  function remove(name: string, id: string, seq: number): void {
    const { changes } = sql(`DELETE FROM "${name}" WHERE id = ?`).run(id);
    if (changes > 0) written(name, id, seq);
  }

  /** Forgets writes that every running attempt started after. */
  function forgetWrites(): void {
    if (running.size === 0) return writtenAt.clear();
    const oldest = Math.min(...[...running].map((attempt) => attempt.start));
    for (const [key, seq] of writtenAt) if (seq <= oldest) writtenAt.delete(key);
  }

  /** One run of fn: reads see the snapshot at its start (or meet a Conflict); writes are buffered until commit. */
  async function attempt<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const self = { start: counter };
    running.add(self);
    let over = false;
    let conflicted = false;
    const touched = new Map<string, readonly [name: string, id: string]>();
    const writes = new Map<string, readonly [name: string, id: string, doc: string | null]>();

    const conflict = () => {
      conflicted = true;
      return new Conflict();
    };
    /** The committed document, provided nobody wrote it since the attempt started. */
    const validated = (name: string, id: string): string | null => {
      if ((writtenAt.get(keyOf(name, id)) ?? 0) > self.start) throw conflict();
      return read(name, id) ?? null;
    };
    /** The document as this attempt sees it (its own writes included). */
    const current = (name: string, id: string): string | null => {
      if (over) throw new Error('the transaction is over; await every call on tx inside the transaction');
      const key = keyOf(name, id);
      const written = writes.get(key);
      if (written) return written[2];
      touched.set(key, [name, id]);
      return validated(name, id);
    };
    const write = (name: string, id: string, doc: string | null) => writes.set(keyOf(name, id), [name, id, doc]);

    const tx: Tx = {
      async get(coll, id) {
        return parse(current(table(coll), id));
      },
      async insert(coll, doc) {
        const name = table(coll);
        // In the snapshot already: no retry would change that. Written since the snapshot: `current` meets the conflict.
        if (current(name, doc._id) !== null) throw new StoreConflict(`${coll.name} ${doc._id}`);
        write(name, doc._id, JSON.stringify(doc));
      },
      async set(coll, doc) {
        const name = table(coll);
        current(name, doc._id);
        write(name, doc._id, JSON.stringify(doc));
      },
      async update(coll, id, fields) {
        const name = table(coll);
        const doc = current(name, id);
        if (doc === null) return false;
        write(name, id, withFields(doc, id, fields));
        return true;
      },
      async increment(coll, init, by) {
        const name = table(coll);
        write(name, init._id, changed(current(name, init._id) ?? JSON.stringify(init), init._id, { inc: by }));
      },
      async remove(coll, id) {
        const name = table(coll);
        current(name, id);
        write(name, id, null);
      },
    };

    try {
      const result = await fn(tx);
      if (writes.size > 0) {
        db.transaction(() => {
          for (const [name, id] of touched.values()) validated(name, id);
          const seq = ++counter;
          for (const [name, id, doc] of writes.values()) {
            if (doc === null) remove(name, id, seq);
            else put(name, id, doc, seq);
          }
        })();
      }
      return result;
    } catch (error) {
      // fn may have caught a conflict and thrown something else: the attempt is still run again.
      throw conflicted ? new Conflict() : error;
    } finally {
      over = true;
      running.delete(self);
      forgetWrites();
    }
  }

  return {
    async get(coll, id) {
      return parse(read(table(coll), id));
    },

    async find(coll, query) {
      const order = query.orderBy ?? [];
      checkQueryFields(coll, [...Object.keys(query.where ?? {}), ...order.map(([field]) => field)]);
      checkLimit(coll, query.limit);
      const name = table(coll);
      const keys: SortKey[] = [...order.map(([field, direction]) => [fieldSql(field), direction === 'desc' ? 'DESC' : 'ASC'] as const), ['id', 'ASC']];
      const where = whereSql(coll, query.where);
      const after = query.cursor ? afterSql(keys, decodeCursor(coll, query.cursor, keys.length)) : { sql: '1', params: [] };
      const rows = sql(
        `SELECT doc, ${keys.map(([key]) => key).join(', ')} FROM "${name}" WHERE ${where.sql} AND ${after.sql} ` +
          `ORDER BY ${keys.map(([key, direction]) => `${key} ${direction}`).join(', ')} LIMIT ?`,
      )
        .raw(true)
        .all(...where.params, ...after.params, query.limit + 1) as [string, ...SqlValue[]][];
      const items = rows.slice(0, query.limit).map(([doc]) => JSON.parse(doc));
      const last = rows[query.limit - 1];
      return rows.length > query.limit && last ? { items, cursor: encodeCursor(last.slice(1)) } : { items };
    },

    async count(coll, where) {
      checkQueryFields(coll, Object.keys(where ?? {}));
      const clause = whereSql(coll, where);
      return sql(`SELECT COUNT(*) FROM "${table(coll)}" WHERE ${clause.sql}`)
        .pluck()
        .get(...clause.params) as number;
    },

    async near<T extends Doc>(coll: Collection<T>, { center, maxDistanceM, where, limit }: NearQuery) {
      if (!coll.geo) throw new UndeclaredQuery(coll.name, 'no geo field is declared');
      checkQueryFields(coll, Object.keys(where ?? {}));
      checkLimit(coll, limit);
      const name = table(coll);
      const box = boundingBox(center, maxDistanceM);
      const points = sql(`SELECT rid, lat, lng FROM "g_${coll.name}" WHERE maxLat >= ? AND minLat <= ? AND maxLng >= ? AND minLng <= ?`).all(
        box.minLat,
        box.maxLat,
        box.minLng,
        box.maxLng,
      ) as { rid: number; lat: number; lng: number }[];
      const candidates = points
        .map((point) => ({ rowid: point.rid, distanceM: distanceM(center, point) }))
        .filter((candidate) => candidate.distanceM <= maxDistanceM)
        .sort((a, b) => a.distanceM - b.distanceM || a.rowid - b.rowid);
      // Only the nearest candidates' documents are read and matched, in growing batches, until the limit is reached.
      const clause = whereSql(coll, where);
      // CROSS JOIN makes SQLite look the candidates up by rowid rather than scan an index the where could use.
      const matching = sql(
        `SELECT c.rowid, c.doc FROM json_each(?) AS candidate CROSS JOIN "${name}" AS c ON c.rowid = candidate.value WHERE ${clause.sql}`,
      ).raw(true);
      const hits: { doc: T; distanceM: number }[] = [];
      for (let from = 0, size = limit; from < candidates.length && hits.length < limit; from += size, size *= 2) {
        const batch = candidates.slice(from, from + size);
        const docs = new Map(matching.all(JSON.stringify(batch.map((c) => c.rowid)), ...clause.params) as [number, string][]);
        for (const { rowid, distanceM } of batch) {
          const doc = docs.get(rowid);
          if (doc !== undefined && hits.length < limit) hits.push({ doc: JSON.parse(doc), distanceM });
        }
      }
      return hits;
    },

    async group(coll, { where, groupBy, sum = [], orderByCount, limit }) {
      checkQueryFields(coll, [...Object.keys(where ?? {}), ...groupBy]);
      checkLimit(coll, limit);
      const clause = whereSql(coll, where);
      // Keys as JSON text keep true apart from 1; a missing field groups with null.
      const keys = groupBy.map((field) => `IFNULL(doc -> '$.${field}', 'null')`);
      const sums = sum.map((field) => `TOTAL(CASE WHEN json_type(doc, '$.${field}') IN ('integer', 'real') THEN ${fieldSql(field)} END)`);
      const rows = sql(
        `SELECT ${[...keys, 'COUNT(*)', ...sums].join(', ')} FROM "${table(coll)}" WHERE ${clause.sql}` +
          (keys.length ? ` GROUP BY ${keys.join(', ')}` : '') +
          (orderByCount ? ' ORDER BY COUNT(*) DESC' : '') +
          ' LIMIT ?',
      )
        .raw(true)
        .all(...clause.params, limit) as [...string[], number][];
      return rows
        .map((row): Group => ({
          key: Object.fromEntries(groupBy.map((field, i) => [field, JSON.parse(row[i] as string) as Scalar | null])),
          count: row[keys.length] as number,
          sums: Object.fromEntries(sum.map((field, i) => [field, row[keys.length + 1 + i] as number])),
        }))
        .filter((group) => group.count > 0);
    },

    async countDistinct(coll, { where, field, groupBy = [], limit }) {
      checkQueryFields(coll, [...Object.keys(where ?? {}), ...groupBy, field]);
      checkLimit(coll, limit);
      // Written so that one declared index answers it without reading documents: it counts many index entries.
      const clause = coveredWhereSql(coll, where);
      const keys = groupBy.map(fieldSql);
      // COUNT(DISTINCT …) leaves out NULL, which json_extract answers for a missing field and for null alike.
      const rows = sql(
        `SELECT ${[...keys, `COUNT(DISTINCT ${fieldSql(field)})`].join(', ')} FROM "${table(coll)}" WHERE ${clause.sql}` +
          (keys.length ? ` GROUP BY ${keys.join(', ')}` : '') +
          ' LIMIT ?',
      )
        .raw(true)
        .all(...clause.params, limit) as [...(string | number | null)[], number][];
      return rows
        .map((row) => ({
          key: Object.fromEntries(groupBy.map((f, i) => [f, row[i] ?? null])),
          distinct: row[keys.length] as number,
        }))
        .filter((group) => group.distinct > 0);
    },

    async insert(coll, doc) {
      const name = table(coll);
      const inserted = sql(`INSERT INTO "${name}" (id, doc, seq) VALUES (?, ?, 0) ON CONFLICT (id) DO NOTHING`);
      if (inserted.run(doc._id, JSON.stringify(doc)).changes === 0) throw new StoreConflict(`${coll.name} ${doc._id}`);
      written(name, doc._id, ++counter);
    },

    async update(coll, id, fields) {
      const name = table(coll);
      return db.transaction(() => {
        const doc = read(name, id);
        if (doc === undefined) return false;
        put(name, id, withFields(doc, id, fields), ++counter);
        return true;
      })();
    },

    async updateIf(coll, id, where, change) {
      const name = table(coll);
      const clause = whereSql(coll, where);
      return db.transaction(() => {
        const doc = sql(`SELECT doc FROM "${name}" WHERE id = ? AND ${clause.sql}`)
          .pluck()
          .get(id, ...clause.params) as string | undefined;
        if (doc === undefined) return false;
        const next = changed(doc, id, change as Change<Doc>);
        if (next === doc) return false;
        put(name, id, next, ++counter);
        return true;
      })();
    },

    async increment(coll, init, by) {
      const name = table(coll);
      db.transaction(() => {
        const doc = read(name, init._id) ?? JSON.stringify(init);
        put(name, init._id, changed(doc, init._id, { inc: by }), ++counter);
      })();
    },

    async remove(coll, id) {
      remove(table(coll), id, ++counter);
    },

    async transaction(fn) {
      const started = Date.now();
      for (let attempts = 1; ; attempts++) {
        const attemptStarted = Date.now();
        try {
          return await attempt(fn);
        } catch (error) {
          if (!(error instanceof Conflict)) throw error;
          if (attempts >= TX_ATTEMPTS || Date.now() - started >= TX_BUDGET_MS) throw new TxConflict(attempts);
        }
        const pause = retryPauseMs(attempts, Date.now() - attemptStarted, TX_BUDGET_MS - (Date.now() - started));
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    },

    async ensureCollections(specs) {
      for (const spec of specs) table(spec);
    },

    async close() {
      db.close();
    },
  };
}
