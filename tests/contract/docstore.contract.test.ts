/**
 * The document-store contract: what every adapter of docstore.port must do alike, run on every store kind; then
 * what only the SQLite adapter has to do (its file, reopening it, creating tables on first use).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { distanceM } from '../../cloudfunctions/core/geo';
import {
  StoreConflict,
  TxConflict,
  UndeclaredQuery,
  defineCollection,
  geoPoint,
  latLngOf,
  type Collection,
  type Doc,
  type DocStore,
  type FindQuery,
  type GeoPoint,
  type DistinctGroup,
  type Group,
  type Tx,
  type Where,
} from '../../cloudfunctions/core/store/docstore.port';
import type { LatLng } from '../../types/common';
import { STORE_KINDS, openTestStore, type TestStore } from '../support/stores';

interface Thing extends Doc {
  kind: string;
  at: string;
  n?: number | string | null;
  tags?: string[];
  flag?: boolean;
  note?: string;
}
const things = defineCollection<Thing>({
  name: 'things',
  indexes: [{ fields: ['kind', 'at'] }, { fields: ['kind', 'flag', 'n'] }, { fields: ['tags'] }],
});

interface Place extends Doc {
  location: GeoPoint;
  open: boolean;
  name?: string;
}
const places = defineCollection<Place>({ name: 'places', indexes: [{ fields: ['open'] }], geo: 'location' });

interface Counter extends Doc {
  value: number;
}
const counters = defineCollection<Counter>({ name: 'counters', indexes: [] });

const SPECS = [things, places, counters];

/** a…g cover every kind of value the operators meet: numbers, a numeric string, null, missing, booleans, arrays. */
const THING_A: Thing = { _id: 'a', kind: 'x', at: '2026-01-01', n: 1, tags: ['red', 'blue'], flag: true, note: 'first' };
const THING_B: Thing = { _id: 'b', kind: 'x', at: '2026-01-02', n: 2, tags: ['red'], flag: false };
const THINGS: Thing[] = [
  THING_A,
  THING_B,
  { _id: 'c', kind: 'y', at: '2026-01-03', n: 3, tags: [], flag: true },
  { _id: 'd', kind: 'y', at: '2026-01-04' },
  { _id: 'e', kind: 'z', at: '2026-01-05', n: 10, flag: false },
  { _id: 'f', kind: 'w', at: '2026-01-06', n: '2' },
  { _id: 'g', kind: 'y', at: '2026-01-07', n: null },
];

const CENTER: LatLng = { lat: 30.274, lng: 120.155 };
const M_PER_DEG_LAT = 111_195;
/** A point metresNorth and metresEast of CENTER. */
function offset(metresNorth: number, metresEast: number): LatLng {
  const lngScale = M_PER_DEG_LAT * Math.cos((CENTER.lat * Math.PI) / 180);
  return { lat: CENTER.lat + metresNorth / M_PER_DEG_LAT, lng: CENTER.lng + metresEast / lngScale };
}
const PLACE_100: Place = { _id: 'p100', location: geoPoint(offset(100, 0)), open: true };
const PLACES: Place[] = [
  PLACE_100,
  { _id: 'p500', location: geoPoint(offset(0, -500)), open: false },
  { _id: 'p1500', location: geoPoint(offset(-1000, 1100)), open: true },
  { _id: 'p2800', location: geoPoint(offset(2800, 0)), open: true },
  { _id: 'p3200', location: geoPoint(offset(0, 3200)), open: true },
  { _id: 'far', location: geoPoint({ lat: 31.23, lng: 121.47 }), open: true },
];

jest.setTimeout(30_000);

const idsOf = (docs: Doc[]) => docs.map((doc) => doc._id);
const sortedIds = (docs: Doc[]) => idsOf(docs).sort();

describe.each(STORE_KINDS)('document store: %s', (kind) => {
  let opened: TestStore | undefined;
  let store: DocStore;

  beforeEach(async () => {
    opened = await openTestStore(kind, SPECS);
    store = opened.store;
  });

  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  async function insertAll<T extends Doc>(coll: Collection<T>, docs: readonly T[]) {
    for (const doc of docs) await store.insert(coll, doc);
  }

  /** Every document a query finds, page by page. */
  async function findAll(query: FindQuery): Promise<{ pages: Thing[][]; cursors: (string | undefined)[] }> {
    const pages: Thing[][] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.find(things, { ...query, cursor });
      pages.push(page.items);
      cursors.push(page.cursor);
      cursor = page.cursor;
    } while (cursor);
    return { pages, cursors };
  }

  describe('single documents', () => {
    it('gets what was inserted, and nothing for an unknown id', async () => {
      expect(await store.get(things, 'a')).toBeNull();
      await store.insert(things, THING_A);
      expect(await store.get(things, 'a')).toEqual(THING_A);
    });

    it('refuses a second insert of the same id and keeps the first', async () => {
      await store.insert(things, THING_A);
      await expect(store.insert(things, { ...THING_B, _id: 'a' })).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.get(things, 'a')).toEqual(THING_A);
    });

    it('drops undefined fields on insert', async () => {
      await store.insert(things, { _id: 'u', kind: 'x', at: '2026-01-01', note: undefined });
      expect(await store.get(things, 'u')).not.toHaveProperty('note');
    });

    it('updates the given fields only, leaving undefined ones as they are', async () => {
      await store.insert(things, THING_A);
      expect(await store.update(things, 'a', { n: 5, flag: false, note: undefined })).toBe(true);
      expect(await store.get(things, 'a')).toEqual({ ...THING_A, n: 5, flag: false });
    });

    it('answers false when updating a missing document, and creates nothing', async () => {
      expect(await store.update(things, 'nope', { n: 1 })).toBe(false);
      expect(await store.get(things, 'nope')).toBeNull();
    });

    it('removes a document; removing a missing one is no error', async () => {
      await insertAll(things, THINGS);
      await store.remove(things, 'a');
      await store.remove(things, 'nope');
      expect(await store.get(things, 'a')).toBeNull();
      expect(await store.count(things)).toBe(THINGS.length - 1);
    });
  });

  describe('single-document atomic writes', () => {
    it('applies a conditional change only when every condition holds, answering whether it did', async () => {
      await store.insert(counters, { _id: 'stock', value: 2 });
      expect(await store.updateIf(counters, 'stock', { value: { $gt: 0 } }, { inc: { value: -1 } })).toBe(true);
      expect(await store.updateIf(counters, 'stock', { value: { $gt: 1 } }, { inc: { value: -1 } })).toBe(false);
      expect((await store.get(counters, 'stock'))?.value).toBe(1);
    });

    it('sets and increments in one change, with conditions on fields no index names', async () => {
      await store.insert(things, THING_A);
      expect(await store.updateIf(things, 'a', { note: 'first', flag: true }, { set: { note: 'second', tags: ['green'] }, inc: { n: 2 } })).toBe(true);
      expect(await store.get(things, 'a')).toEqual({ ...THING_A, note: 'second', tags: ['green'], n: 3 });
      expect(await store.updateIf(things, 'a', { note: 'first' }, { set: { note: 'third' } })).toBe(false);
      expect((await store.get(things, 'a'))?.note).toBe('second');
    });

    it('answers false for a missing document and creates nothing', async () => {
      expect(await store.updateIf(counters, 'nope', {}, { inc: { value: 1 } })).toBe(false);
      expect(await store.get(counters, 'nope')).toBeNull();
    });

    it('answers false for a change that leaves the document as it is', async () => {
      await store.insert(things, THING_A);
      expect(await store.updateIf(things, 'a', {}, { set: { note: 'first' } })).toBe(false);
      expect(await store.updateIf(things, 'a', { n: { $exists: true } }, { set: { note: 'other' } })).toBe(true);
    });

    it('gives a stock of 10 to exactly 10 of 40 concurrent takers, none waiting on another', async () => {
      await store.insert(counters, { _id: 'stock', value: 10 });
      const taken = await Promise.all(Array.from({ length: 40 }, () => store.updateIf(counters, 'stock', { value: { $gt: 0 } }, { inc: { value: -1 } })));
      expect(taken.filter(Boolean)).toHaveLength(10);
      expect((await store.get(counters, 'stock'))?.value).toBe(0);
    });

    it('increments a document, creating it from init the first time, losing nothing among 50 at once', async () => {
      await Promise.all(Array.from({ length: 50 }, () => store.increment(things, { _id: 'tally', kind: 'tally', at: '2026-01-01' }, { n: 2 })));
      expect(await store.get(things, 'tally')).toEqual({ _id: 'tally', kind: 'tally', at: '2026-01-01', n: 100 });
      await store.increment(things, { _id: 'tally', kind: 'ignored', at: 'ignored' }, { n: -1 });
      expect(await store.get(things, 'tally')).toEqual({ _id: 'tally', kind: 'tally', at: '2026-01-01', n: 99 });
    });

    it('makes a transaction that read the document run again', async () => {
      await store.insert(counters, { _id: 'c', value: 0 });
      let runs = 0;
      let read!: () => void;
      const hasRead = new Promise<void>((resolve) => (read = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const running = store.transaction(async (tx) => {
        runs++;
        const counter = await tx.get(counters, 'c');
        if (runs === 1) {
          read();
          await released;
        }
        await tx.update(counters, 'c', { value: counter!.value + 10 });
      });
      await hasRead;
      expect(await store.updateIf(counters, 'c', { value: 0 }, { inc: { value: 1 } })).toBe(true);
      release();
      await running;
      expect(runs).toBe(2);
      expect((await store.get(counters, 'c'))?.value).toBe(11);
    });
  });

  describe('where', () => {
    beforeEach(() => insertAll(things, THINGS));

    const cases: [string, Where, string[]][] = [
      ['a bare scalar', { kind: 'x' }, ['a', 'b']],
      ['$eq', { kind: { $eq: 'y' } }, ['c', 'd', 'g']],
      ['_id', { _id: 'b' }, ['b']],
      ['_id $in', { _id: { $in: ['a', 'c', 'zz'] } }, ['a', 'c']],
      ['several fields', { kind: 'x', flag: true }, ['a']],
      ['$ne, matching documents without the field', { n: { $ne: 1 } }, ['b', 'c', 'd', 'e', 'f', 'g']],
      ['$ne on a string', { kind: { $ne: 'y' } }, ['a', 'b', 'e', 'f']],
      ['$in of strings', { kind: { $in: ['x', 'z'] } }, ['a', 'b', 'e']],
      ['$in of numbers, never a numeric string', { n: { $in: [2, 3] } }, ['b', 'c']],
      ['$in of a string', { n: { $in: ['2'] } }, ['f']],
      ['an empty $in', { kind: { $in: [] } }, []],
      ['numbers compare with numbers only', { n: { $gt: 1, $lte: 10 } }, ['b', 'c', 'e']],
      ['a number equals no string', { n: 2 }, ['b']],
      ['a string equals no number', { n: '2' }, ['f']],
      ['strings compare with strings only', { n: { $lt: 'z' } }, ['f']],
      ['a string range', { at: { $gte: '2026-01-02', $lt: '2026-01-04' }, kind: { $in: ['x', 'y'] } }, ['b', 'c']],
      ['$gt and $lt', { n: { $gt: 1, $lt: 3 } }, ['b']],
      ['$gte and $lte', { n: { $gte: 1, $lte: 3 } }, ['a', 'b', 'c']],
      ['$exists: true (present, not null)', { n: { $exists: true } }, ['a', 'b', 'c', 'e', 'f']],
      ['$exists: false (missing or null)', { n: { $exists: false } }, ['d', 'g']],
      ['true', { flag: true }, ['a', 'c']],
      ['false', { flag: false }, ['b', 'e']],
      ['a boolean is not a number', { flag: 1 }, []],
      ['a number is not a boolean', { n: true }, []],
      ['$ne on a boolean, matching documents without the field', { flag: { $ne: false } }, ['a', 'c', 'd', 'f', 'g']],
      ['$in of booleans', { flag: { $in: [false] } }, ['b', 'e']],
      ['$all of one element', { tags: { $all: ['red'] } }, ['a', 'b']],
      ['$all of two elements', { tags: { $all: ['red', 'blue'] } }, ['a']],
      ['$all of an absent element', { tags: { $all: ['green'] } }, []],
    ];

    it.each(cases)('%s', async (_name, where, expected) => {
      expect(sortedIds((await store.find(things, { where, limit: 100 })).items)).toEqual(expected);
      expect(await store.count(things, where)).toBe(expected.length);
    });

    it('counts every document without a where', async () => {
      expect(await store.count(things)).toBe(THINGS.length);
    });
  });

  describe('find order and paging', () => {
    const xyz: Where = { kind: { $in: ['x', 'y', 'z'] } };

    it('orders by _id ascending by default', async () => {
      await insertAll(things, [...THINGS].reverse());
      expect(idsOf((await store.find(things, { limit: 100 })).items)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    });

    it('breaks ties by _id ascending, in either direction', async () => {
      await insertAll(things, [...THINGS].reverse());
      const asc = await store.find(things, { where: xyz, orderBy: [['kind', 'asc']], limit: 100 });
      expect(idsOf(asc.items)).toEqual(['a', 'b', 'c', 'd', 'g', 'e']);
      const desc = await store.find(things, { where: xyz, orderBy: [['kind', 'desc']], limit: 100 });
      expect(idsOf(desc.items)).toEqual(['e', 'c', 'd', 'g', 'a', 'b']);
    });

    it('sorts a missing field as null: first ascending, last descending', async () => {
      await insertAll(things, THINGS);
      const asc = await store.find(things, { where: xyz, orderBy: [['n', 'asc']], limit: 100 });
      expect(idsOf(asc.items)).toEqual(['d', 'g', 'a', 'b', 'c', 'e']);
      const desc = await store.find(things, { where: xyz, orderBy: [['n', 'desc']], limit: 100 });
      expect(idsOf(desc.items)).toEqual(['e', 'c', 'b', 'a', 'd', 'g']);
    });

    it('answers a cursor only when more documents follow', async () => {
      await insertAll(things, THINGS);
      expect((await store.find(things, { limit: 7 })).cursor).toBeUndefined();
      const first = await store.find(things, { limit: 6 });
      expect(first.cursor).toEqual(expect.any(String));
      const second = await store.find(things, { limit: 6, cursor: first.cursor });
      expect(idsOf(second.items)).toEqual(['g']);
      expect(second.cursor).toBeUndefined();
    });

    describe('over 250 documents', () => {
      // Sort values with many ties, and a third of the documents without n.
      const docs: Thing[] = Array.from({ length: 250 }, (_, i) => ({
        _id: `t${String((i * 7919) % 250).padStart(3, '0')}`,
        kind: i % 5 === 0 ? 'other' : 'p',
        at: `2026-02-${String(1 + (i % 9)).padStart(2, '0')}`,
        ...(i % 3 === 0 ? {} : { n: i % 4 }),
      }));
      const byId = (a: Thing, b: Thing) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
      /** Missing n as -1: before every number ascending. */
      const nOf = (doc: Thing) => (typeof doc.n === 'number' ? doc.n : -1);

      beforeEach(() => insertAll(things, docs));

      const queries: [string, FindQuery, (a: Thing, b: Thing) => number, Thing[]][] = [
        ['_id', { limit: 100 }, byId, docs],
        ['at desc', { orderBy: [['at', 'desc']], limit: 100 }, (a, b) => b.at.localeCompare(a.at) || byId(a, b), docs],
        [
          'kind = p, at asc',
          { where: { kind: 'p' }, orderBy: [['at', 'asc']], limit: 30 },
          (a, b) => a.at.localeCompare(b.at) || byId(a, b),
          docs.filter((doc) => doc.kind === 'p'),
        ],
        ['n asc, missing first', { orderBy: [['n', 'asc']], limit: 100 }, (a, b) => nOf(a) - nOf(b) || byId(a, b), docs],
        ['n desc, missing last', { orderBy: [['n', 'desc']], limit: 100 }, (a, b) => nOf(b) - nOf(a) || byId(a, b), docs],
        [
          'kind desc, n asc',
          {
            orderBy: [
              ['kind', 'desc'],
              ['n', 'asc'],
            ],
            limit: 100,
          },
          (a, b) => b.kind.localeCompare(a.kind) || nOf(a) - nOf(b) || byId(a, b),
          docs,
        ],
      ];

      it.each(queries)('pages by %s return every document once, in order', async (_name, query, compare, expected) => {
        const { pages, cursors } = await findAll(query);
        expect(pages.every((page, i) => page.length === (i < pages.length - 1 ? query.limit : page.length))).toBe(true);
        expect(cursors[cursors.length - 1]).toBeUndefined();
        expect(idsOf(pages.flat())).toEqual(idsOf([...expected].sort(compare)));
      });

      it('ends without a cursor when the last page is exactly full', async () => {
        const { pages } = await findAll({ limit: 125 });
        expect(pages.map((page) => page.length)).toEqual([125, 125]);
      });
    });
  });

  describe('near', () => {
    beforeEach(() => insertAll(places, PLACES));

    it('answers the places within the radius, nearest first, with their distances', async () => {
      const hits = await store.near(places, { center: CENTER, maxDistanceM: 3000, limit: 100 });
      expect(hits.map((hit) => hit.doc._id)).toEqual(['p100', 'p500', 'p1500', 'p2800']);
      for (const hit of hits) {
        expect(hit.doc).toEqual(PLACES.find((p) => p._id === hit.doc._id));
        expect(Math.abs(hit.distanceM - distanceM(CENTER, latLngOf(hit.doc.location)))).toBeLessThan(1);
      }
    });

    it('applies the where and the limit', async () => {
      const open = await store.near(places, { center: CENTER, maxDistanceM: 3000, where: { open: true }, limit: 2 });
      expect(open.map((hit) => hit.doc._id)).toEqual(['p100', 'p1500']);
    });

    it('follows moves and removals, in and out of transactions', async () => {
      await store.update(places, 'p3200', { location: geoPoint(offset(0, 50)) });
      await store.remove(places, 'p100');
      await store.transaction(async (tx) => {
        await tx.update(places, 'p500', { location: geoPoint(offset(4000, 0)) });
        await tx.remove(places, 'p1500');
        await tx.insert(places, { _id: 'new', location: geoPoint(offset(0, 200)), open: true });
        await tx.set(places, { _id: 'p2800', location: geoPoint(offset(-300, 0)), open: true, name: 'moved' });
      });
      const hits = await store.near(places, { center: CENTER, maxDistanceM: 3000, limit: 100 });
      expect(hits.map((hit) => hit.doc._id)).toEqual(['p3200', 'new', 'p2800']);
    });
  });

  describe('group', () => {
    beforeEach(() => insertAll(things, THINGS));

    it('counts and sums per group, a missing sum field adding nothing', async () => {
      const groups = await store.group(things, { groupBy: ['kind'], sum: ['n'], limit: 100 });
      expect([...groups].sort((a, b) => String(a.key.kind).localeCompare(String(b.key.kind)))).toEqual([
        { key: { kind: 'w' }, count: 1, sums: { n: 0 } },
        { key: { kind: 'x' }, count: 2, sums: { n: 3 } },
        { key: { kind: 'y' }, count: 3, sums: { n: 3 } },
        { key: { kind: 'z' }, count: 1, sums: { n: 10 } },
      ]);
    });

    it('orders by count and limits the groups', async () => {
      const groups = await store.group(things, { groupBy: ['kind'], orderByCount: true, limit: 2 });
      expect(groups).toEqual([
        { key: { kind: 'y' }, count: 3, sums: {} },
        { key: { kind: 'x' }, count: 2, sums: {} },
      ]);
    });

    it('keeps booleans as booleans and groups a missing field as null', async () => {
      const groups = await store.group(things, { groupBy: ['flag'], orderByCount: true, limit: 100 });
      expect(groups[0]).toEqual({ key: { flag: null }, count: 3, sums: {} });
      expect(groups.slice(1)).toHaveLength(2);
      expect(groups.slice(1)).toEqual(
        expect.arrayContaining([
          { key: { flag: true }, count: 2, sums: {} },
          { key: { flag: false }, count: 2, sums: {} },
        ]),
      );
    });

    it('groups by several fields, after the where', async () => {
      const groups = await store.group(things, { where: { kind: { $in: ['x', 'y'] } }, groupBy: ['kind', 'flag'], sum: ['n'], limit: 100 });
      const key = (g: Group) => `${g.key.kind}/${g.key.flag}`;
      expect([...groups].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
        { key: { kind: 'x', flag: false }, count: 1, sums: { n: 2 } },
        { key: { kind: 'x', flag: true }, count: 1, sums: { n: 1 } },
        { key: { kind: 'y', flag: null }, count: 2, sums: { n: 0 } },
        { key: { kind: 'y', flag: true }, count: 1, sums: { n: 3 } },
      ]);
    });

    it('makes one group of every match without groupBy, and none when nothing matches', async () => {
      expect(await store.group(things, { groupBy: [], sum: ['n'], limit: 1 })).toEqual([{ key: {}, count: 7, sums: { n: 16 } }]);
      expect(await store.group(things, { where: { kind: 'none' }, groupBy: [], sum: ['n'], limit: 1 })).toEqual([]);
    });
  });

  describe('countDistinct', () => {
    beforeEach(() => insertAll(things, THINGS));
    const byKind = (groups: DistinctGroup[]) => [...groups].sort((a, b) => String(a.key.kind).localeCompare(String(b.key.kind)));

    it('counts distinct values over every match, a number apart from the same digits as text', async () => {
      expect(await store.countDistinct(things, { field: 'n', limit: 1 })).toEqual([{ key: {}, distinct: 5 }]);
    });

    it('counts per group, leaving out missing and null values and groups with none', async () => {
      expect(byKind(await store.countDistinct(things, { field: 'n', groupBy: ['kind'], limit: 100 }))).toEqual([
        { key: { kind: 'w' }, distinct: 1 },
        { key: { kind: 'x' }, distinct: 2 },
        { key: { kind: 'y' }, distinct: 1 },
        { key: { kind: 'z' }, distinct: 1 },
      ]);
      expect(await store.countDistinct(things, { where: { _id: { $in: ['d', 'g'] } }, field: 'n', groupBy: ['kind'], limit: 100 })).toEqual([]);
      expect(await store.countDistinct(things, { where: { kind: 'none' }, field: 'n', limit: 1 })).toEqual([]);
    });

    it('applies the where, also on the counted field', async () => {
      expect(await store.countDistinct(things, { where: { kind: { $in: ['x', 'z'] } }, field: 'n', limit: 1 })).toEqual([{ key: {}, distinct: 3 }]);
      expect(await store.countDistinct(things, { where: { kind: 'x', n: { $gte: 2 } }, field: 'n', limit: 1 })).toEqual([{ key: {}, distinct: 1 }]);
    });

    it('counts one value seen many times once, over more documents than a page', async () => {
      await insertAll(
        things,
        Array.from({ length: 1200 }, (_, i): Thing => ({ _id: `many-${String(i).padStart(4, '0')}`, kind: 'many', at: '2026-02-01', n: i % 7 })),
      );
      expect(await store.countDistinct(things, { where: { kind: 'many' }, field: 'n', limit: 1 })).toEqual([{ key: {}, distinct: 7 }]);
    });
  });

  describe('refused queries', () => {
    const refused: [string, () => Promise<unknown>][] = [
      ['find where', () => store.find(things, { where: { note: 'first' }, limit: 10 })],
      ['find orderBy', () => store.find(things, { orderBy: [['note', 'asc']], limit: 10 })],
      ['count', () => store.count(things, { note: 'first' })],
      ['near where', () => store.near(places, { center: CENTER, maxDistanceM: 100, where: { name: 'x' }, limit: 10 })],
      ['near without a geo field', () => store.near(things, { center: CENTER, maxDistanceM: 100, limit: 10 })],
      ['group where', () => store.group(things, { where: { note: 'first' }, groupBy: ['kind'], limit: 10 })],
      ['group groupBy', () => store.group(things, { groupBy: ['note'], limit: 10 })],
      ['fields no one index covers', () => store.find(things, { where: { kind: 'x', tags: 'red' }, limit: 10 })],
      ['a sort another index covers', () => store.find(things, { where: { tags: 'red' }, orderBy: [['at', 'asc']], limit: 10 })],
      ['find limit 0', () => store.find(things, { limit: 0 })],
      ['find limit 1001', () => store.find(things, { limit: 1001 })],
      ['find limit 1.5', () => store.find(things, { limit: 1.5 })],
      ['near limit 0', () => store.near(places, { center: CENTER, maxDistanceM: 100, limit: 0 })],
      ['group limit 1001', () => store.group(things, { groupBy: ['kind'], limit: 1001 })],
      ['countDistinct field', () => store.countDistinct(things, { field: 'note', limit: 10 })],
      ['countDistinct over fields no one index covers', () => store.countDistinct(things, { field: 'tags', groupBy: ['kind'], limit: 10 })],
      ['countDistinct limit 0', () => store.countDistinct(things, { field: 'n', limit: 0 })],
    ];

    it.each(refused)('%s on an undeclared field or out of range', async (_name, query) => {
      await expect(query()).rejects.toBeInstanceOf(UndeclaredQuery);
    });

    it('accepts a limit of 1000', async () => {
      await expect(store.find(things, { limit: 1000 })).resolves.toEqual({ items: [] });
    });
  });

  describe('transactions', () => {
    beforeEach(async () => {
      await insertAll(things, THINGS);
      await store.insert(counters, { _id: 'c', value: 0 });
    });

    it('commits every write together and answers what fn answers', async () => {
      const result = await store.transaction(async (tx) => {
        await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
        await tx.update(things, 'a', { n: 100 });
        await tx.remove(things, 'b');
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.get(things, 'new')).toEqual({ _id: 'new', kind: 'x', at: '2026-03-01' });
      expect((await store.get(things, 'a'))?.n).toBe(100);
      expect(await store.get(things, 'b')).toBeNull();
    });

    it('writes nothing when fn throws, and the error reaches the caller unchanged', async () => {
      const boom = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
          await tx.update(things, 'a', { n: 100 });
          await tx.remove(things, 'b');
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.get(things, 'new')).toBeNull();
      expect(await store.get(things, 'a')).toEqual(THING_A);
      expect(await store.get(things, 'b')).toEqual(THING_B);
    });

    it('reads its own writes', async () => {
      const seen = await store.transaction(async (tx) => {
        await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
        const inserted = await tx.get(things, 'new');
        await tx.update(things, 'a', { n: 100 });
        const updated = await tx.get(things, 'a');
        await tx.remove(things, 'b');
        const removed = await tx.get(things, 'b');
        await tx.set(things, { _id: 'c', kind: 'q', at: '2026-03-02' });
        const replaced = await tx.get(things, 'c');
        return { inserted, updated, removed, replaced };
      });
      expect(seen).toEqual({
        inserted: { _id: 'new', kind: 'x', at: '2026-03-01' },
        updated: { ...THING_A, n: 100 },
        removed: null,
        replaced: { _id: 'c', kind: 'q', at: '2026-03-02' },
      });
      expect(await store.get(things, 'c')).toEqual({ _id: 'c', kind: 'q', at: '2026-03-02' });
    });

    it('answers false when updating a missing document', async () => {
      const updated = await store.transaction((tx) => tx.update(things, 'nope', { n: 1 }));
      expect(updated).toBe(false);
      expect(await store.get(things, 'nope')).toBeNull();
    });

    it('ends an insert of an id already in the snapshot in StoreConflict, soon and writing nothing', async () => {
      let runs = 0;
      await expect(
        store.transaction(async (tx) => {
          runs++;
          await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
          await tx.insert(things, { _id: 'a', kind: 'x', at: '2026-03-01' });
        }),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(runs).toBeLessThanOrEqual(2);
      expect(await store.get(things, 'new')).toBeNull();
      expect(await store.get(things, 'a')).toEqual(THING_A);
    });

    it('ends inserting one id twice in StoreConflict', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
          await tx.insert(things, { _id: 'new', kind: 'y', at: '2026-03-01' });
        }),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.get(things, 'new')).toBeNull();
    });

    it('runs again when another writer inserted the id after the snapshot: a keyed first-writer-wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.transaction(async (tx) => {
            const held = await tx.get(counters, 'claim');
            if (held) return held.value;
            await tx.insert(counters, { _id: 'claim', value: i });
            return i;
          }),
        ),
      );
      const winner = (await store.get(counters, 'claim'))!.value;
      expect(results).toEqual(Array.from({ length: 10 }, () => winner));
    });

    it('increments without reading, creating the document from init the first time, and loses none among 20', async () => {
      await store.transaction((tx) => tx.increment(counters, { _id: 'n', value: 0 }, { value: 5 }));
      expect((await store.get(counters, 'n'))?.value).toBe(5);
      const before = await store.count(counters);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.insert(counters, { _id: `entry-${i}`, value: 1 });
            await tx.increment(counters, { _id: 'n', value: 0 }, { value: 1 });
          }),
        ),
      );
      const succeeded = results.filter((r) => r.status === 'fulfilled').length;
      expect((await store.get(counters, 'n'))?.value).toBe(5 + succeeded);
      expect(await store.count(counters)).toBe(before + succeeded);
    });

    it('loses no update among 50 concurrent increments', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () =>
          store.transaction(async (tx) => {
            const counter = await tx.get(counters, 'c');
            await tx.update(counters, 'c', { value: counter!.value + 1 });
          }),
        ),
      );
      const succeeded = results.filter((r) => r.status === 'fulfilled').length;
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TxConflict);
      expect(succeeded).toBeGreaterThan(25);
      expect((await store.get(counters, 'c'))?.value).toBe(succeeded);
    });

    it('sells a stock of 5 exactly 5 times among 20 concurrent buyers', async () => {
      await store.insert(counters, { _id: 'stock', value: 5 });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (tx) => {
            const stock = await tx.get(counters, 'stock');
            if (stock!.value <= 0) throw new Error('sold out');
            await tx.update(counters, 'stock', { value: stock!.value - 1 });
            await tx.insert(counters, { _id: `order-${i}`, value: 1 });
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toEqual(new Error('sold out'));
      expect((await store.get(counters, 'stock'))?.value).toBe(0);
      expect(await store.count(counters)).toBe(2 + 5);
    });

    it('keeps its writes invisible to others until it commits', async () => {
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const running = store.transaction(async (tx) => {
        await tx.insert(things, { _id: 'new', kind: 'x', at: '2026-03-01' });
        await tx.update(things, 'a', { n: 100 });
        await tx.remove(things, 'b');
        wrote();
        await released;
        return 'committed';
      });
      await written;
      expect(await store.get(things, 'new')).toBeNull();
      expect(await store.get(things, 'a')).toEqual(THING_A);
      expect(await store.get(things, 'b')).toEqual(THING_B);
      expect(sortedIds((await store.find(things, { where: { kind: 'x' }, limit: 10 })).items)).toEqual(['a', 'b']);
      expect(await store.count(things, { n: 100 })).toBe(0);
      release();
      await expect(running).resolves.toBe('committed');
      expect(sortedIds((await store.find(things, { where: { kind: 'x' }, limit: 10 })).items)).toEqual(['a', 'new']);
    });

    it('runs again when a document it read is written outside meanwhile', async () => {
      let runs = 0;
      let read!: () => void;
      const hasRead = new Promise<void>((resolve) => (read = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const running = store.transaction(async (tx) => {
        runs++;
        const counter = await tx.get(counters, 'c');
        if (runs === 1) {
          read();
          await released;
        }
        await tx.update(counters, 'c', { value: counter!.value + 1 });
      });
      await hasRead;
      await store.update(counters, 'c', { value: 10 });
      release();
      await running;
      expect(runs).toBe(2);
      expect((await store.get(counters, 'c'))?.value).toBe(11);
    });
  });
});

describe('SQLite adapter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rider-hub-sqlite-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its directory and files private to their owner', async () => {
    const path = join(dir, 'data', 'store.db');
    const store = openSqliteDocStore({ path });
    await store.insert(things, THING_A);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('creates a collection on first use', async () => {
    const store = openSqliteDocStore({ path: join(dir, 'store.db') });
    await store.insert(things, THING_A);
    expect((await store.find(things, { where: { kind: 'x' }, limit: 10 })).items).toEqual([THING_A]);
    expect(await store.near(places, { center: CENTER, maxDistanceM: 100, limit: 10 })).toEqual([]);
    await store.close();
  });

  it('reopens with its documents, and transactions run once as before', async () => {
    const path = join(dir, 'store.db');
    const first = openSqliteDocStore({ path });
    await first.insert(counters, { _id: 'c', value: 0 });
    for (let i = 0; i < 3; i++) await first.transaction(async (tx) => tx.update(counters, 'c', { value: i + 1 }));
    await first.close();

    const store = openSqliteDocStore({ path });
    let runs = 0;
    await store.transaction(async (tx) => {
      runs++;
      const counter = await tx.get(counters, 'c');
      await tx.update(counters, 'c', { value: counter!.value + 1 });
    });
    expect(runs).toBe(1);
    expect(await store.get(counters, 'c')).toEqual({ _id: 'c', value: 4 });
    await store.close();
  });

  it('indexes the points already stored when a collection gains a geo field', async () => {
    const path = join(dir, 'store.db');
    const plain = defineCollection<Place>({ name: 'places', indexes: [] });
    const before = openSqliteDocStore({ path });
    await before.insert(plain, PLACE_100);
    await before.close();

    const store = openSqliteDocStore({ path });
    expect((await store.near(places, { center: CENTER, maxDistanceM: 1000, limit: 10 })).map((hit) => hit.doc)).toEqual([PLACE_100]);
    await store.close();
  });

  it('keeps no commit order in its rows, and clears the one older databases kept', async () => {
    const path = join(dir, 'store.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE "c_counters" (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL)`);
    old.prepare(`INSERT INTO "c_counters" VALUES ('old', '{"_id":"old","value":1}', 41)`).run();
    old.close();
    const store = openSqliteDocStore({ path });
    await store.insert(counters, { _id: 'a', value: 0 });
    await store.update(counters, 'a', { value: 1 });
    await store.transaction(async (tx) => {
      await tx.insert(counters, { _id: 'b', value: 0 });
      await tx.update(counters, 'old', { value: 2 });
    });
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare(`SELECT id, seq FROM "c_counters" ORDER BY id`).all()).toEqual([
      { id: 'a', seq: 0 },
      { id: 'b', seq: 0 },
      { id: 'old', seq: 0 },
    ]);
    db.close();
  });

  it('refuses calls on a transaction that is over', async () => {
    const store = openSqliteDocStore({ path: join(dir, 'store.db') });
    let leaked: Tx | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.get(things, 'a')).rejects.toThrow('the transaction is over');
    await store.close();
  });
});
