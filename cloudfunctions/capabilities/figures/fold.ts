/**
 * Folding the facts into the roll-ups the reports read, in the order the facts were written, by one folder at a time.
 *
 * Each step takes the next facts after the fold mark, works out what they add to the station days, months and years,
 * the committee days and the riders' visit buckets, and in one transaction adds it (increments and inserts, no reads)
 * and moves the mark. The mark's version makes a second folder running at the same time stop instead of counting twice, and tells a
 * report that read the mark, the roll-ups and the facts after it whether a fold moved between its reads.
 *
 * Only facts written at least FOLD_LAG_MS ago are folded: a fact is stamped with its event's `now` and may commit a
 * little later (a transaction's retries, a slow request), and a fact committed behind the mark would never be folded.
 */
import type { DocReader, DocStore } from '../../core/store/docstore.port';
import {
  ORG_DAY_COUNTS,
  facts,
  foldMarks,
  orgDays,
  riderVisits,
  stationBuckets,
  stationDays,
  type FactDoc,
  type FoldMarkDoc,
  type OrgDayDoc,
  type RiderVisitDoc,
} from './collections';

/** Longer than any call takes to commit what it stamped with its `now` (the functions' timeouts are well under it). */
export const FOLD_LAG_MS = 2 * 60_000;
/** Facts read a step. */
const PAGE = 400;
/** Writes in one step's transaction: about 4 s at 25 ms a request, well inside CloudBase's 10 s. */
const STEP_WRITES = 150;
const MARK_ID = 'facts';

export const NO_MARK: FoldMarkDoc = { _id: MARK_ID, at: '', factId: '', version: 0 };

export function foldMark(store: Pick<DocReader, 'get'>): Promise<FoldMarkDoc> {
  return store.get(foldMarks, MARK_ID).then((mark) => mark ?? NO_MARK);
}

/** Whether a fact is after the mark (not folded yet). */
export const afterMark = (mark: FoldMarkDoc, f: Pick<FactDoc, 'at' | '_id'>) => f.at > mark.at || (f.at === mark.at && f._id > mark.factId);

/** The next facts after the mark written before `before`, oldest first. */
async function nextFacts(store: DocReader, mark: FoldMarkDoc, before: string): Promise<FactDoc[]> {
  // Facts sharing the mark's instant come first; the index on `at` serves both queries.
  const tied = await store.find(facts, { where: { at: mark.at, _id: { $gt: mark.factId } }, orderBy: [['at', 'asc']], limit: PAGE });
  if (tied.items.length > 0) return tied.items;
  return (await store.find(facts, { where: { at: { $gt: mark.at, $lt: before } }, orderBy: [['at', 'asc']], limit: PAGE })).items;
}

const riderVisitId = (bucket: string, stationId: string, riderId: string) => `${bucket}:${stationId}:${riderId}`;

type RollupColl = typeof stationDays | typeof stationBuckets | typeof orgDays;

interface Increment {
  coll: RollupColl;
  init: { _id: string };
  by: Record<string, number>;
}

/** What one step writes: increments of roll-up documents (created from `init` when new) and new rider visits. */
class Step {
  readonly increments = new Map<string, Increment>();
  readonly visits = new Map<string, RiderVisitDoc>();

  constructor(private readonly known: ReadonlySet<string>) {}

  get writes(): number {
    return this.increments.size + this.visits.size;
  }

  /** The increments and the new rider visits one fact makes, given what the step holds already. */
  private parts(f: FactDoc): { increments: Increment[]; visits: RiderVisitDoc[] } {
    const increments: Increment[] = [];
    const visits: RiderVisitDoc[] = [];
    if (f.stationId && f.riderId && f.visits) {
      const { stationId, riderId, orgId } = f;
      const points = f.visitPoints ?? 0;
      for (const bucket of visitBuckets(f.day)) {
        const id = riderVisitId(bucket, stationId, riderId);
        const isNew = !this.known.has(id) && !this.visits.has(id);
        if (isNew) visits.push({ _id: id, bucket, orgId, stationId, riderId });
        if (bucket === f.day) {
          increments.push({
            coll: stationDays,
            init: { _id: `${stationId}:${bucket}`, stationId, orgId, day: bucket, visits: 0, points: 0 } as { _id: string },
            by: { visits: f.visits, points },
          });
        } else {
          // The station's month and year; a rider new to it there is one more of its riders.
          const init = { _id: `${stationId}:${bucket}`, stationId, orgId, bucket, visits: 0, points: 0, riders: 0 };
          increments.push({ coll: stationBuckets, init, by: { visits: f.visits, points, riders: isNew ? 1 : 0 } });
        }
      }
    }
    const counts = Object.fromEntries(ORG_DAY_COUNTS.flatMap((field) => (f[field] ? [[field, f[field]!]] : [])));
    if (Object.keys(counts).length > 0) {
      increments.push({
        coll: orgDays,
        init: { _id: `${f.orgId}:${f.day}`, orgId: f.orgId, day: f.day, month: f.day.slice(0, 7) } as { _id: string },
        by: counts,
      });
    }
    return { increments, visits };
  }

  /** Adds the fact, unless that would take the step past `maxWrites`; answers whether it did. */
  take(f: FactDoc, maxWrites: number): boolean {
    const { increments, visits } = this.parts(f);
    const key = (i: Increment) => `${i.coll.name}/${i.init._id}`;
    const added = increments.filter((i) => !this.increments.has(key(i))).length + visits.length;
    if (this.writes > 0 && this.writes + added > maxWrites) return false;
    for (const i of increments) {
      const seen = this.increments.get(key(i));
      if (!seen) this.increments.set(key(i), { ...i, by: { ...i.by } });
      else for (const [field, n] of Object.entries(i.by)) seen.by[field] = (seen.by[field] ?? 0) + n;
    }
    for (const v of visits) this.visits.set(v._id, v);
    return true;
  }
}

/** The rider visits among the facts' that exist already. */
async function knownVisits(store: DocReader, batch: readonly FactDoc[]): Promise<Set<string>> {
  const ids = [...new Set(batch.flatMap((f) => (f.stationId && f.riderId ? visitBuckets(f.day).map((b) => riderVisitId(b, f.stationId!, f.riderId!)) : [])))];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    const page = await store.find(riderVisits, { where: { _id: { $in: ids.slice(i, i + 100) } }, limit: 100 });
    for (const v of page.items) known.add(v._id);
  }
  return known;
}

/** The longest run of facts, from the first, whose writes fit one step (at least one fact). */
function stepOf(batch: readonly FactDoc[], known: ReadonlySet<string>): { step: Step; taken: number } {
  const step = new Step(known);
  let taken = 0;
  while (taken < batch.length && step.take(batch[taken]!, STEP_WRITES)) taken++;
  return { step, taken };
}

/** Another folder moved the mark while this one worked: this one stops, having written nothing. */
class FoldRaced extends Error {}

/**
 * Folds every fact written before `now − FOLD_LAG_MS` that is not folded yet (or, with `upTo`, every fact written
 * before that instant); answers how many it folded. Safe to run while others fold: at most one of them moves the mark.
 */
export async function foldFacts(store: DocStore, now: Date, upTo = new Date(now.getTime() - FOLD_LAG_MS)): Promise<number> {
  const before = upTo.toISOString();
  let folded = 0;
  for (;;) {
    const mark = await foldMark(store);
    const batch = await nextFacts(store, mark, before);
    if (batch.length === 0) return folded;
    const { step, taken } = stepOf(batch, await knownVisits(store, batch));
    const last = batch[taken - 1]!;
    try {
      await store.transaction(async (tx) => {
        const current = (await tx.get(foldMarks, MARK_ID)) ?? NO_MARK;
        if (current.version !== mark.version) throw new FoldRaced();
        for (const { coll, init, by } of step.increments.values()) await tx.increment(coll as typeof orgDays, init as OrgDayDoc, by as never);
        for (const visit of step.visits.values()) await tx.insert(riderVisits, visit);
        await tx.set(foldMarks, { _id: MARK_ID, at: last.at, factId: last._id, version: mark.version + 1 });
      });
    } catch (error) {
      if (error instanceof FoldRaced) return folded;
      throw error;
    }
    folded += taken;
  }
}

/** The facts after the mark (not folded yet) of the given committees, written before `before` or at any time. */
export async function unfoldedFacts(store: DocReader, mark: FoldMarkDoc, orgIds: readonly string[]): Promise<FactDoc[]> {
  const found: FactDoc[] = [];
  for (let i = 0; i < orgIds.length; i += 100) {
    const orgId = { $in: orgIds.slice(i, i + 100) };
    let cursor: string | undefined;
    do {
      const page = await store.find(facts, { where: { orgId, at: { $gte: mark.at } }, orderBy: [['at', 'asc']], limit: 1000, ...(cursor ? { cursor } : {}) });
      found.push(...page.items.filter((f) => afterMark(mark, f)));
      cursor = page.cursor;
    } while (cursor);
  }
  return found;
}

/** The buckets a rider's visit on a day falls in: the day, its month and its year. */
export function visitBuckets(day: string): [string, string, string] {
  return [day, day.slice(0, 7), day.slice(0, 4)];
}
