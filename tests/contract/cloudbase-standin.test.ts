/**
 * The CloudBase stand-in, driven by the unmodified @cloudbase/node-sdk: what the SDK sends is understood, and the
 * stand-in enforces what the real service does (single-document transactions, snapshot conflicts, `_id` uniqueness,
 * a geo index for geo queries, the default and largest page).
 */
import * as tcb from '@cloudbase/node-sdk';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;
/** What `runTransaction` hands its callback (the SDK types it as any). */
interface TxHandle {
  collection(name: string): ReturnType<Db['collection']>;
}

let standin: Standin;
let db: Db;

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env);
  db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  standin.declareGeoIndex('places', 'at');
  for (const name of ['things', 'places', 'counters']) await db.createCollection(name);
});

afterAll(() => standin.stop());

const errorCode = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: { code?: string }) => error.code,
  );

test('collections must exist, and exist once', async () => {
  expect(await errorCode(db.collection('nowhere').add({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(await errorCode(db.createCollection('things'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
});

test('add, get, where, orderBy, skip, limit, count, update, set, remove', async () => {
  const things = db.collection('things');
  const _ = db.command;
  for (let i = 0; i < 5; i++) await things.add({ _id: `t${i}`, n: i, kind: i % 2 ? 'odd' : 'even', tags: ['a', `n${i}`] });
  const { id } = await things.add({ n: 99, kind: 'auto' });
  expect(id).toEqual(expect.any(String));
  expect(await errorCode(things.add({ _id: 't1', n: 1 }))).toBe('DATABASE_DUPLICATE_WRITE');

  expect((await things.doc('t3').get()).data).toEqual([{ _id: 't3', n: 3, kind: 'odd', tags: ['a', 'n3'] }]);
  expect((await things.doc('missing').get()).data).toEqual([]);

  const odd = await things.where({ kind: 'odd' }).orderBy('n', 'desc').get();
  expect(odd.data.map((d: { _id: string }) => d._id)).toEqual(['t3', 't1']);
  const page = await things
    .where({ n: _.gte(1).and(_.lt(10)) })
    .orderBy('n', 'asc')
    .skip(1)
    .limit(2)
    .get();
  expect(page.data.map((d: { n: number }) => d.n)).toEqual([2, 3]);
  expect((await things.where({ tags: _.all(['a', 'n4']) }).get()).data).toHaveLength(1);
  expect((await things.where({ kind: _.neq('odd'), missing: _.exists(false) }).count()).total).toBe(4);
  expect(
    (
      await things
        .where({ _id: _.in(['t0', 't4']) })
        .field({ n: true })
        .get()
    ).data,
  ).toEqual([
    { _id: 't0', n: 0 },
    { _id: 't4', n: 4 },
  ]);

  expect((await things.doc('t0').update({ n: 10, nested: { a: 1 } })).updated).toBe(1);
  expect((await things.doc('t0').update({ n: 10 })).updated).toBe(0); // nothing changed, as MongoDB's nModified
  expect((await things.doc('t0').update({ n: _.inc(5), tags: _.push('b'), kind: _.remove() })).updated).toBe(1);
  expect((await things.doc('t0').get()).data[0]).toEqual({ _id: 't0', n: 15, nested: { a: 1 }, tags: ['a', 'n0', 'b'] });
  expect((await things.doc('nope').update({ n: 1 })).updated).toBe(0);

  await things.doc('t0').set({ only: true });
  expect((await things.doc('t0').get()).data).toEqual([{ _id: 't0', only: true }]);
  expect((await things.doc('t9').set({ made: true })).upsertedId).toBe('t9');

  expect((await things.doc('t9').remove()).deleted).toBe(1);
  expect((await things.where({ kind: 'odd' }).remove()).deleted).toBe(2);
  expect((await things.count()).total).toBe(4);
});

test('get() answers 100 documents unless told, and at most 1,000', async () => {
  const many = db.collection('counters');
  await many.add(Array.from({ length: 1100 }, (_, i) => ({ _id: `c${String(i).padStart(4, '0')}`, i })));
  expect((await many.get()).data).toHaveLength(100);
  expect((await many.limit(1000).get()).data).toHaveLength(1000);
  expect((await many.where({}).skip(1000).limit(1000).get()).data).toHaveLength(100);
  await many.where({}).remove();
});

test('aggregate: match, group, sort, limit; without $limit only 20 come back', async () => {
  const things = db.collection('counters');
  const $ = db.command.aggregate;
  await things.add(Array.from({ length: 30 }, (_, i) => ({ g: `g${i % 25}`, v: i })));
  const top = await things
    .aggregate()
    .match({ v: db.command.gte(0) })
    .group({ _id: '$g', count: $.sum(1), total: $.sum('$v') })
    .sort({ count: -1, _id: 1 })
    .limit(2)
    .end();
  expect(top.data).toEqual([
    { _id: 'g0', count: 2, total: 25 },
    { _id: 'g1', count: 2, total: 27 },
  ]);
  const unlimited = await things.aggregate().group({ _id: '$g' }).end();
  expect(unlimited.data).toHaveLength(20);
});

test('geoNear: nearest first within the distance, and only on a field with a geo index', async () => {
  const places = db.collection('places');
  const _ = db.command;
  await places.add({ _id: 'far', at: new db.Geo.Point(116.5, 39.9), open: true });
  await places.add({ _id: 'near', at: new db.Geo.Point(116.401, 39.9), open: true });
  await places.add({ _id: 'closed', at: new db.Geo.Point(116.4005, 39.9), open: false });
  const center = new db.Geo.Point(116.4, 39.9);
  const res = await places.where({ at: _.geoNear({ geometry: center, maxDistance: 2000 }), open: true }).get();
  expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['near']);
  expect(res.data[0].at).toBeInstanceOf(db.Geo.Point); // the SDK turns GeoJSON points into Geo.Point on read
  const all = await places.where({ at: _.geoNear({ geometry: center, maxDistance: 20000 }) }).get();
  expect(all.data.map((d: { _id: string }) => d._id)).toEqual(['closed', 'near', 'far']);
  await db.collection('things').add({ _id: 'geo', at: center });
  expect(
    await errorCode(
      db
        .collection('things')
        .where({ at: _.geoNear({ geometry: center, maxDistance: 10 }) })
        .get(),
    ),
  ).toBe('DATABASE_REQUEST_FAILED');
});

test('a transaction reads and writes single documents by _id and commits them together', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 'a', n: 1 });
  const result = await db.runTransaction(async (t: TxHandle) => {
    const a = (await t.collection('counters').doc('a').get()).data;
    await t
      .collection('counters')
      .doc('a')
      .update({ n: a.n + 1 });
    await t.collection('counters').doc('b').set({ n: 10 });
    await t.collection('counters').add({ _id: 'c', n: 0 });
    expect((await t.collection('counters').doc('b').get()).data).toEqual({ _id: 'b', n: 10 }); // own writes
    expect((await counters.doc('b').get()).data).toEqual([]); // not visible outside before commit
    return 'done';
  }, 0);
  expect(result).toBe('done');
  expect(
    (
      await counters
        .where({ _id: db.command.in(['a', 'b', 'c']) })
        .orderBy('_id', 'asc')
        .get()
    ).data,
  ).toEqual([
    { _id: 'a', n: 2 },
    { _id: 'b', n: 10 },
    { _id: 'c', n: 0 },
  ]);
});

test('a query, count or batch inside a transaction is refused, and an error rolls everything back', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 'q', n: 1 });
  const refused = db.runTransaction(async (t: TxHandle) => {
    await t.collection('counters').doc('q').update({ n: 2 });
    await t.collection('counters').where({ n: 1 }).get();
  }, 0);
  expect(await errorCode(refused)).toBe('DATABASE_INVALID_OPERRATOR');
  expect((await counters.doc('q').get()).data).toEqual([{ _id: 'q', n: 1 }]);

  const thrown = db.runTransaction(async (t: TxHandle) => {
    await t.collection('counters').doc('q').update({ n: 3 });
    throw Object.assign(new Error('mine'), { code: 'MINE' });
  }, 0);
  expect(await errorCode(thrown)).toBe('MINE');
  expect((await counters.doc('q').get()).data).toEqual([{ _id: 'q', n: 1 }]);
});

test('a duplicate insert inside a transaction fails it and releases what it locked', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 'dup', n: 1 });
  const dup = db.runTransaction(async (t: TxHandle) => {
    await t.collection('counters').add({ _id: 'dup', n: 2 });
  }, 0);
  expect(await errorCode(dup)).toBe('DATABASE_DUPLICATE_WRITE');
  const started = Date.now();
  await counters.doc('dup').update({ n: 3 }); // would wait for a lock the failed transaction kept
  expect(Date.now() - started).toBeLessThan(1000);
});

test('two transactions writing one document: one conflict, and the winner’s write stands', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 'hot', n: 0 });
  standin.resetStats();
  let release!: () => void;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  let reads = 0;
  const increment = () =>
    db.runTransaction(async (t: TxHandle) => {
      const { n } = (await t.collection('counters').doc('hot').get()).data;
      if (++reads === 2) release();
      await bothRead; // both read the same snapshot before either writes
      await t
        .collection('counters')
        .doc('hot')
        .update({ n: n + 1 });
    }, 0);
  const outcomes = await Promise.allSettled([increment(), increment()]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(failure?.reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await counters.doc('hot').get()).data).toEqual([{ _id: 'hot', n: 1 }]);
  expect(standin.stats().conflicts).toBe(1);
  expect(standin.stats().requests['database.startTransaction']).toBe(2);
});

test('a snapshot does not see later commits, and writing a document changed since is a conflict', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 's', n: 0 });
  const late = db.runTransaction(async (t: TxHandle) => {
    await counters.doc('s').update({ n: 5 }); // a plain write after the transaction began
    expect((await t.collection('counters').doc('s').get()).data).toEqual({ _id: 's', n: 0 });
    await t.collection('counters').doc('s').update({ n: 1 });
  }, 0);
  expect(await errorCode(late)).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await counters.doc('s').get()).data).toEqual([{ _id: 's', n: 5 }]);
});

test('a write outside transactions waits for the transaction holding the document', async () => {
  const counters = db.collection('counters');
  await counters.add({ _id: 'w', n: 0 });
  const order: string[] = [];
  let plain: Promise<unknown> | undefined;
  await db.runTransaction(async (t: TxHandle) => {
    await t.collection('counters').doc('w').update({ n: 1 });
    plain = counters
      .doc('w')
      .update({ n: db.command.inc(10) })
      .then(() => order.push('plain'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push('commit');
  }, 0);
  await plain;
  expect(order).toEqual(['commit', 'plain']);
  expect((await counters.doc('w').get()).data).toEqual([{ _id: 'w', n: 11 }]);
});

test('a transaction older than 10 s is refused', async () => {
  const now = Date.now();
  const clock = jest.spyOn(Date, 'now');
  const late = db.runTransaction(async (t: TxHandle) => {
    clock.mockReturnValue(now + 11_000);
    await t.collection('counters').doc('late').set({ n: 1 });
  }, 0);
  expect(await errorCode(late)).toBe('DATABASE_TRANSACTION_FAIL');
  clock.mockRestore();
  expect((await db.collection('counters').doc('late').get()).data).toEqual([]);
});
