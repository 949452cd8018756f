import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../cloudfunctions/core/store/sqlite/migrations';
import { migrate } from '../../cloudfunctions/core/store/sqlite/store.sqlite';

describe('SQLite migrations', () => {
  it('bring a database made by the first schema up to date, keeping its redemptions', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]);
    db.pragma('user_version = 1');
    const doc = (status: string) => JSON.stringify({ id: `r-${status}`, status, pickupCode: '123456' });
    db.prepare("INSERT INTO redemptions VALUES ('r-ready', 'u1', 'q1', '123456', '2026-11-01T00:00:00Z', ?)").run(doc('ready'));
    db.prepare("INSERT INTO redemptions VALUES ('r-collected', 'u2', 'q2', '654321', '2026-11-02T00:00:00Z', ?)").run(doc('collected'));

    migrate(db);

    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT id, ready FROM redemptions ORDER BY id').all()).toEqual([
      { id: 'r-collected', ready: 0 },
      { id: 'r-ready', ready: 1 },
    ]);
    // A second uncollected holder of one code is refused; a collected one may share it.
    const insert = db.prepare("INSERT INTO redemptions VALUES (?, 'u3', ?, ?, ?, '2026-11-03T00:00:00Z', '{}')");
    expect(() => insert.run('r-dup', 'q3', '123456', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('r-reuse', 'q4', '654321', 1)).not.toThrow();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });
});
