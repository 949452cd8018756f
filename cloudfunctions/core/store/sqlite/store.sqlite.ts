import Database from 'better-sqlite3';
import { boundingBox, distanceM } from '../../geo';
import {
  StoreConflict,
  type AuditRecord,
  type CheckinRecord,
  type IssuedCodeRecord,
  type LedgerRecord,
  type MessageRecord,
  type OrgRecord,
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
import { MIGRATIONS } from './migrations';

type Row = { doc: string };
type Db = Database.Database;

function parse<T>(row: Row | undefined): T | null {
  return row ? (JSON.parse(row.doc) as T) : null;
}

function parseAll<T>(rows: Row[]): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T);
}

/** Duck-typed: better-sqlite3's native side may raise errors from another realm (jest), where instanceof fails. */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function runUnique(what: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflict(what);
    throw error;
  }
}

export function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

function repos(database: Db): Repos {
  // Statements are prepared once per distinct SQL text (the few dynamic queries have a handful of shapes).
  const statements = new Map<string, Database.Statement>();
  const db = {
    prepare(sql: string): Database.Statement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    transaction: database.transaction.bind(database),
  };
  const pageOf = <T extends { id: string; at: string }>(items: T[], limit: number) => ({
    items: items.slice(0, limit),
    cursor: items.length > limit ? encodeCursor(items[limit - 1].at, items[limit - 1].id) : undefined,
  });

  return {
    users: {
      async get(id) {
        return parse<UserRecord>(db.prepare('SELECT doc FROM users WHERE id = ?').get(id) as Row | undefined);
      },
      async byOpenid(openid) {
        return parse<UserRecord>(db.prepare('SELECT doc FROM users WHERE openid = ?').get(openid) as Row | undefined);
      },
      async getMany(ids) {
        if (ids.length === 0) return [];
        const rows = db.prepare(`SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids));
        return parseAll<UserRecord>(rows as Row[]);
      },
      async insert(user) {
        runUnique('user', () =>
          db.prepare('INSERT INTO users (id, openid, doc) VALUES (?, ?, ?)').run(user.id, user.openid, JSON.stringify(user)),
        );
      },
      async update(user) {
        db.prepare('UPDATE users SET doc = ? WHERE id = ?').run(JSON.stringify(user), user.id);
      },
    },
    orgs: {
      async get(id) {
        return parse<OrgRecord>(db.prepare('SELECT doc FROM orgs WHERE id = ?').get(id) as Row | undefined);
      },
      async all() {
        return parseAll<OrgRecord>(db.prepare('SELECT doc FROM orgs ORDER BY rowid').all() as Row[]);
      },
      async insert(org) {
        runUnique('org', () => db.prepare('INSERT INTO orgs (id, doc) VALUES (?, ?)').run(org.id, JSON.stringify(org)));
      },
    },
    stations: {
      async get(id) {
        return parse<StationRecord>(db.prepare('SELECT doc FROM stations WHERE id = ?').get(id) as Row | undefined);
      },
      async insert(s) {
        runUnique('station', () =>
          db
            .prepare('INSERT INTO stations (id, lat, lng, published, services, doc) VALUES (?, ?, ?, ?, ?, ?)')
            .run(s.id, s.location.lat, s.location.lng, s.published ? 1 : 0, `,${s.services.join(',')},`, JSON.stringify(s)),
        );
      },
      async update(s) {
        db.prepare('UPDATE stations SET lat = ?, lng = ?, published = ?, services = ?, doc = ? WHERE id = ?').run(
          s.location.lat,
          s.location.lng,
          s.published ? 1 : 0,
          `,${s.services.join(',')},`,
          JSON.stringify(s),
          s.id,
        );
      },
      async near(q) {
        const box = boundingBox(q.center, q.radiusM);
        const serviceClauses = (q.services ?? []).map(() => ' AND instr(services, ?) > 0').join('');
        // Pass one reads the covering index only; documents are read for the nearest candidates alone.
        const candidates = (
          db
            .prepare(
              `SELECT rowid, lat, lng FROM stations INDEXED BY stations_lat_lng
               WHERE published = 1 AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?${serviceClauses}`,
            )
            .all(box.minLat, box.maxLat, box.minLng, box.maxLng, ...(q.services ?? []).map((s) => `,${s},`)) as {
            rowid: number;
            lat: number;
            lng: number;
          }[]
        )
          .map((c) => ({ rowid: c.rowid, distanceM: distanceM(q.center, { lat: c.lat, lng: c.lng }) }))
          .filter((c) => c.distanceM <= q.radiusM)
          .sort((a, b) => a.distanceM - b.distanceM);
        const docOf = db.prepare('SELECT doc FROM stations WHERE rowid = ?');
        const result: { station: StationRecord; distanceM: number }[] = [];
        for (const c of candidates) {
          const station = JSON.parse((docOf.get(c.rowid) as Row).doc) as StationRecord;
          if (q.accept && !q.accept(station)) continue;
          result.push({ station, distanceM: c.distanceM });
          if (result.length >= q.limit) break;
        }
        return result;
      },
    },
    reviews: {
      async get(id) {
        return parse<ReviewRecord>(db.prepare('SELECT doc FROM reviews WHERE id = ?').get(id) as Row | undefined);
      },
      async insert(r) {
        runUnique('review', () =>
          db
            .prepare(
              `INSERT INTO reviews (id, kind, status, org_id, submitter_id, submitted_at, due_at, decided_at, has_location, doc)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(r.id, r.kind, r.status, r.orgId, r.submitterId, r.submittedAt, r.dueAt, r.decidedAt ?? null, r.location ? 1 : 0, JSON.stringify(r)),
        );
      },
      async update(r, expected) {
        const info = db
          .prepare('UPDATE reviews SET status = ?, decided_at = ?, due_at = ?, doc = ? WHERE id = ? AND status = ?')
          .run(r.status, r.decidedAt ?? null, r.dueAt, JSON.stringify(r), r.id, expected);
        return info.changes === 1;
      },
      async list(q) {
        const where: string[] = [];
        const args: unknown[] = [];
        if (q.orgIds) {
          where.push('org_id IN (SELECT value FROM json_each(?))');
          args.push(JSON.stringify(q.orgIds));
        }
        if (q.submitterId) {
          where.push('submitter_id = ?');
          args.push(q.submitterId);
        }
        const statuses = q.status ? [q.status] : q.statuses;
        if (statuses) {
          where.push('status IN (SELECT value FROM json_each(?))');
          args.push(JSON.stringify(statuses));
        }
        if (q.kind) {
          where.push('kind = ?');
          args.push(q.kind);
        }
        // Sort key: overdue (open and due before now) first, then oldest submitted, then id. `:now` is named so the
        // expression can appear in both the select list and the cursor clause.
        const overdue = `(CASE WHEN due_at < :now AND status IN ('pending', 'needs-info') THEN 0 ELSE 1 END)`;
        const after = decodeCursor(q.cursor);
        if (after) {
          const [key, id] = after;
          const [group, submittedAt] = key.split('|');
          where.push(`(${overdue} > ? OR (${overdue} = ? AND (submitted_at > ? OR (submitted_at = ? AND id > ?))))`);
          args.push(Number(group), Number(group), submittedAt, submittedAt, id);
        }
        const sql = `SELECT doc, ${overdue} AS grp FROM reviews
          WHERE ${where.length ? where.join(' AND ') : '1'}
          ORDER BY grp, submitted_at, id LIMIT ?`;
        const rows = db.prepare(sql).all({ now: q.now }, ...args, q.limit + 1) as (Row & { grp: number })[];
        const items = rows.map((r) => ({ item: JSON.parse(r.doc) as ReviewRecord, grp: r.grp }));
        const page = items.slice(0, q.limit);
        const last = page[page.length - 1];
        return {
          items: page.map((p) => p.item),
          cursor: items.length > q.limit && last ? encodeCursor(`${last.grp}|${last.item.submittedAt}`, last.item.id) : undefined,
        };
      },
      async recentWithLocation(kind, since) {
        const rows = db
          .prepare('SELECT doc FROM reviews WHERE kind = ? AND has_location = 1 AND submitted_at >= ? ORDER BY submitted_at')
          .all(kind, since);
        return parseAll<ReviewRecord>(rows as Row[]);
      },
      async stats(orgIds, now, monthStart) {
        const scope = orgIds ? 'org_id IN (SELECT value FROM json_each(?))' : '1';
        const scopeArgs = orgIds ? [JSON.stringify(orgIds)] : [];
        const byStatus: Record<string, number> = {};
        const byKind: Record<string, number> = {};
        for (const r of db.prepare(`SELECT status, count(*) AS n FROM reviews WHERE ${scope} GROUP BY status`).all(...scopeArgs) as {
          status: string;
          n: number;
        }[]) {
          byStatus[r.status] = r.n;
        }
        for (const r of db
          .prepare(`SELECT kind, count(*) AS n FROM reviews WHERE ${scope} AND status IN ('pending', 'needs-info') GROUP BY kind`)
          .all(...scopeArgs) as { kind: string; n: number }[]) {
          byKind[r.kind] = r.n;
        }
        const overdue = (
          db
            .prepare(`SELECT count(*) AS n FROM reviews WHERE ${scope} AND status IN ('pending', 'needs-info') AND due_at < ?`)
            .get(...scopeArgs, now) as { n: number }
        ).n;
        const decisionHours = (
          db
            .prepare(
              `SELECT (julianday(decided_at) - julianday(submitted_at)) * 24 AS h FROM reviews
               WHERE ${scope} AND decided_at >= ? AND status IN ('approved', 'rejected')`,
            )
            .all(...scopeArgs, monthStart) as { h: number }[]
        ).map((r) => r.h);
        return { byStatus, byKind, overdue, decisionHours };
      },
    },
    audit: {
      async append(e: AuditRecord) {
        db.prepare('INSERT INTO audit (id, target_id, at, doc) VALUES (?, ?, ?, ?)').run(e.id, e.targetId, e.at, JSON.stringify(e));
      },
      async list(targetId) {
        return parseAll<AuditRecord>(db.prepare('SELECT doc FROM audit WHERE target_id = ? ORDER BY at, id').all(targetId) as Row[]);
      },
    },
    messages: {
      async add(m: MessageRecord) {
        db.prepare('INSERT INTO messages (id, user_id, at, read, doc) VALUES (?, ?, ?, ?, ?)').run(
          m.id,
          m.userId,
          m.at,
          m.read ? 1 : 0,
          JSON.stringify(m),
        );
      },
      async list(userId, cursor, limit) {
        const after = decodeCursor(cursor);
        const rows = after
          ? db
              .prepare('SELECT doc FROM messages WHERE user_id = ? AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?')
              .all(userId, after[0], after[0], after[1], limit + 1)
          : db.prepare('SELECT doc FROM messages WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(userId, limit + 1);
        return pageOf(parseAll<MessageRecord>(rows as Row[]), limit);
      },
      async unread(userId) {
        return (db.prepare('SELECT count(*) AS n FROM messages WHERE user_id = ? AND read = 0').get(userId) as { n: number }).n;
      },
      async markRead(userId, ids) {
        db.prepare(
          `UPDATE messages SET read = 1, doc = json_set(doc, '$.read', json('true'))
           WHERE user_id = ? AND id IN (SELECT value FROM json_each(?))`,
        ).run(userId, JSON.stringify(ids));
      },
    },
    ledger: {
      async append(e: LedgerRecord) {
        // One savepoint: the entry and the balance move together, or neither does (the balance CHECK refuses < 0).
        return db.transaction(() => {
          if (db.prepare('SELECT 1 FROM ledger WHERE key = ?').get(e.key)) return false;
          db.prepare(
            'INSERT INTO ledger (id, key, user_id, delta, at, category, org_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          ).run(e.id, e.key, e.userId, e.delta, e.at, e.category ?? null, e.orgId ?? null, JSON.stringify(e));
          db.prepare('INSERT OR IGNORE INTO balances (user_id, balance) VALUES (?, 0)').run(e.userId);
          db.prepare('UPDATE balances SET balance = balance + ? WHERE user_id = ?').run(e.delta, e.userId);
          return true;
        })();
      },
      async byKey(key) {
        return parse<LedgerRecord>(db.prepare('SELECT doc FROM ledger WHERE key = ?').get(key) as Row | undefined);
      },
      async balance(userId) {
        const row = db.prepare('SELECT balance FROM balances WHERE user_id = ?').get(userId) as { balance: number } | undefined;
        return row?.balance ?? 0;
      },
      async sum(userId) {
        return (db.prepare('SELECT coalesce(sum(delta), 0) AS s FROM ledger WHERE user_id = ?').get(userId) as { s: number }).s;
      },
      async list(userId, cursor, limit) {
        const after = decodeCursor(cursor);
        const rows = after
          ? db
              .prepare('SELECT doc FROM ledger WHERE user_id = ? AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?')
              .all(userId, after[0], after[0], after[1], limit + 1)
          : db.prepare('SELECT doc FROM ledger WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(userId, limit + 1);
        return pageOf(parseAll<LedgerRecord>(rows as Row[]), limit);
      },
      async board(orgIds, category, from, to, limit) {
        return db
          .prepare(
            `SELECT user_id AS userId, count(*) AS count FROM ledger
             WHERE org_id IN (SELECT value FROM json_each(?)) AND category = ? AND at >= ? AND at < ? AND delta > 0
             GROUP BY user_id ORDER BY count DESC, min(at) LIMIT ?`,
          )
          .all(JSON.stringify(orgIds), category, from, to, limit) as { userId: string; count: number }[];
      },
    },
    codes: {
      async insert(c: IssuedCodeRecord) {
        runUnique('code', () =>
          db
            .prepare('INSERT INTO codes (nonce, short_code, expires_at, used_at, doc) VALUES (?, ?, ?, ?, ?)')
            .run(c.nonce, c.shortCode, c.expiresAt, c.usedAt ?? null, JSON.stringify(c)),
        );
      },
      async get(nonce) {
        return parse<IssuedCodeRecord>(db.prepare('SELECT doc FROM codes WHERE nonce = ?').get(nonce) as Row | undefined);
      },
      async byShortCode(shortCode, now) {
        return parse<IssuedCodeRecord>(
          db
            .prepare('SELECT doc FROM codes WHERE short_code = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1')
            .get(shortCode, now) as Row | undefined,
        );
      },
      async markUsed(nonce, usedAt, checkinId) {
        const info = db
          .prepare(
            `UPDATE codes SET used_at = ?, doc = json_set(doc, '$.usedAt', ?, '$.checkinId', ?)
             WHERE nonce = ? AND used_at IS NULL`,
          )
          .run(usedAt, usedAt, checkinId, nonce);
        return info.changes === 1;
      },
    },
    checkins: {
      async insert(c: CheckinRecord) {
        runUnique('checkin', () =>
          db
            .prepare('INSERT INTO checkins (id, nonce, station_id, rider_id, day, points, at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(c.id, c.nonce, c.stationId, c.riderId, c.day, c.pointsAwarded, c.at, JSON.stringify(c)),
        );
      },
      async get(id) {
        return parse<CheckinRecord>(db.prepare('SELECT doc FROM checkins WHERE id = ?').get(id) as Row | undefined);
      },
      async atStation(stationId, day) {
        return parseAll<CheckinRecord>(
          db.prepare('SELECT doc FROM checkins WHERE station_id = ? AND day = ? ORDER BY at DESC').all(stationId, day) as Row[],
        );
      },
      async creditedOn(riderId, day, stationId) {
        const row = db
          .prepare(
            `SELECT count(*) AS total, coalesce(sum(station_id = ?), 0) AS atStation FROM checkins
             WHERE rider_id = ? AND day = ? AND points > 0`,
          )
          .get(stationId, riderId, day) as { total: number; atStation: number };
        return { total: row.total, atStation: row.atStation };
      },
    },
    rewards: {
      async get(id) {
        const row = db.prepare('SELECT doc, stock FROM rewards WHERE id = ?').get(id) as (Row & { stock: number }) | undefined;
        return row ? { ...(JSON.parse(row.doc) as RewardRecord), stock: row.stock } : null;
      },
      async all() {
        const rows = db.prepare('SELECT doc, stock FROM rewards ORDER BY created_at, id').all() as (Row & { stock: number })[];
        return rows.map((r) => ({ ...(JSON.parse(r.doc) as RewardRecord), stock: r.stock }));
      },
      async insert(r: RewardRecord) {
        db.prepare('INSERT INTO rewards (id, stock, created_at, doc) VALUES (?, ?, ?, ?)').run(r.id, r.stock, r.createdAt, JSON.stringify(r));
      },
      async takeOne(id) {
        return db.prepare('UPDATE rewards SET stock = stock - 1 WHERE id = ? AND stock > 0').run(id).changes === 1;
      },
    },
    redemptions: {
      async insert(r: RedemptionRecord) {
        runUnique('redemption', () =>
          db
            .prepare('INSERT INTO redemptions (id, user_id, request_id, pickup_code, ready, at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(r.id, r.userId, r.requestId, r.pickupCode, r.status === 'ready' ? 1 : 0, r.at, JSON.stringify(r)),
        );
      },
      async byRequest(userId, requestId) {
        return parse<RedemptionRecord>(
          db.prepare('SELECT doc FROM redemptions WHERE user_id = ? AND request_id = ?').get(userId, requestId) as Row | undefined,
        );
      },
      async byPickupCode(code) {
        return parse<RedemptionRecord>(
          db.prepare('SELECT doc FROM redemptions WHERE pickup_code = ? ORDER BY ready DESC, at DESC LIMIT 1').get(code) as Row | undefined,
        );
      },
      async ofUser(userId) {
        return parseAll<RedemptionRecord>(
          db.prepare('SELECT doc FROM redemptions WHERE user_id = ? ORDER BY at DESC').all(userId) as Row[],
        );
      },
      async update(r) {
        db.prepare('UPDATE redemptions SET ready = ?, doc = ? WHERE id = ?').run(r.status === 'ready' ? 1 : 0, JSON.stringify(r), r.id);
      },
    },
    stars: {
      async insert(s: StarRecord) {
        runUnique('star', () =>
          db
            .prepare('INSERT INTO stars (id, org_id, month, category, user_id, doc) VALUES (?, ?, ?, ?, ?, ?)')
            .run(s.id, s.orgId, s.month, s.category, s.userId, JSON.stringify(s)),
        );
      },
      async find(orgId, month, category) {
        return parseAll<StarRecord>(
          db.prepare('SELECT doc FROM stars WHERE org_id = ? AND month = ? AND category = ?').all(orgId, month, category) as Row[],
        );
      },
      async ofUser(userId) {
        return parseAll<StarRecord>(db.prepare('SELECT doc FROM stars WHERE user_id = ? ORDER BY month DESC').all(userId) as Row[]);
      },
    },
  };
}

/**
 * One connection serves every call. Transactions may await between statements, so a mutex keeps any other call
 * from running inside an open transaction: calls run one at a time while a transaction is open.
 */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

function guarded(target: Repos, mutex: Mutex): Repos {
  const wrapped = {} as Record<string, Record<string, unknown>>;
  for (const [name, repo] of Object.entries(target)) {
    wrapped[name] = {};
    for (const [method, fn] of Object.entries(repo as Record<string, (...a: unknown[]) => Promise<unknown>>)) {
      wrapped[name][method] = (...args: unknown[]) => mutex.run(() => fn(...args));
    }
  }
  return wrapped as unknown as Repos;
}

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
}

export function openSqliteStore({ path }: SqliteOptions): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const mutex = new Mutex();
  const direct = repos(db);
  return {
    ...guarded(direct, mutex),
    transaction(fn) {
      return mutex.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async close() {
      await mutex.run(async () => {
        if (db.open) db.close();
      });
    },
  };
}
