/**
 * Rebuilds every roll-up the committee's reports read, from the raw records:
 *
 *   npm run rollups:rebuild        # local mode's data directory (RIDER_HUB_DATA, default .data/); stop the server first
 *
 * The raw records are replayed, in a transaction held in memory, through the very functions the domains call in their
 * own transactions (cloudfunctions/reports/rollups.ts), so a rebuilt document is what the live writes would have made;
 * then the roll-up collections are emptied and written anew. Check-ins count for their station's committee as it is
 * now (the live roll-up keeps the committee of the day's first check-in; they differ only for a station that moved).
 */
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { checkins, stationDays, type StationDayDoc } from '../cloudfunctions/checkin/collections';
import { programmes, attendance, type ProgrammeDoc } from '../cloudfunctions/childcare/collections';
import { sessionOn } from '../cloudfunctions/childcare/programmes';
import { bookings, cases } from '../cloudfunctions/consult/collections';
import { users } from '../cloudfunctions/core/identity';
import type { Collection, Doc, DocReader, DocStore, Tx, Where } from '../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS } from '../cloudfunctions/functions';
import { ledger } from '../cloudfunctions/points/collections';
import { orgDays, registries, riderVisits, sessionsHeld, stationBuckets } from '../cloudfunctions/reports/collections';
import {
  countCaseClosed,
  countCaseOpened,
  countCheckin,
  countChildSignIn,
  countClaimApproved,
  countConsultation,
  countPoints,
  countRider,
  countVolunteerHours,
} from '../cloudfunctions/reports/rollups';
import { reviews } from '../cloudfunctions/review/collections';
import { stations } from '../cloudfunctions/stations/collections';
import { hoursEntries } from '../cloudfunctions/volunteers/collections';
import { readConfig } from '../server/local-deps';
import { join } from 'node:path';

/** Every roll-up collection the reports read; the rebuild owns their whole content. */
export const ROLLUP_COLLECTIONS: readonly Collection<Doc>[] = [stationDays, stationBuckets, riderVisits, orgDays, sessionsHeld, registries];

/** A transaction over documents in memory: what the roll-up functions write during a replay. */
function memoryTx(): { tx: Tx; docs: Map<string, Map<string, Doc>> } {
  const docs = new Map<string, Map<string, Doc>>();
  const of = (coll: Collection<Doc>) => docs.get(coll.name) ?? docs.set(coll.name, new Map()).get(coll.name)!;
  const copy = <T>(doc: T): T => structuredClone(doc);
  const tx: Tx = {
    async get(coll, id) {
      const doc = of(coll).get(id);
      return doc ? (copy(doc) as never) : null;
    },
    async insert(coll, doc) {
      if (of(coll).has(doc._id)) throw new Error(`${coll.name} ${doc._id} twice`);
      of(coll).set(doc._id, copy(doc));
    },
    async set(coll, doc) {
      of(coll).set(doc._id, copy(doc));
    },
    async update(coll, id, fields) {
      const doc = of(coll).get(id);
      if (!doc) return false;
      of(coll).set(id, { ...doc, ...copy(fields), _id: id });
      return true;
    },
    async increment(coll, init, by) {
      const doc: Record<string, unknown> = { ...(of(coll).get(init._id) ?? copy(init)) };
      for (const [field, n] of Object.entries(by as Record<string, number>)) doc[field] = (typeof doc[field] === 'number' ? (doc[field] as number) : 0) + n;
      of(coll).set(init._id, doc as unknown as Doc);
    },
    async remove(coll, id) {
      of(coll).delete(id);
    },
  };
  return { tx, docs };
}

/** Every match of a query, a page at a time. */
async function* each<T extends Doc>(store: DocReader, coll: Collection<T>, where?: Where): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await store.find(coll, { ...(where ? { where } : {}), limit: 1000, ...(cursor ? { cursor } : {}) });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** The station days, and the riders' visit buckets, from the check-ins. */
async function replayCheckins(store: DocReader, tx: Tx, out: Map<string, StationDayDoc>): Promise<number> {
  const stationOrg = new Map<string, string>();
  for await (const s of each(store, stations)) stationOrg.set(s._id, s.orgId);
  const seen = new Set<string>();
  let skipped = 0;
  for await (const c of each(store, checkins)) {
    const orgId = stationOrg.get(c.stationId);
    if (!orgId) {
      skipped++;
      continue;
    }
    const id = `${c.stationId}:${c.day}`;
    const day = out.get(id) ?? { _id: id, stationId: c.stationId, orgId, day: c.day, visits: 0, uniqueRiders: 0, points: 0 };
    const firstVisitToday = !seen.has(`${id}:${c.riderId}`);
    seen.add(`${id}:${c.riderId}`);
    out.set(id, { ...day, visits: day.visits + 1, uniqueRiders: day.uniqueRiders + (firstVisitToday ? 1 : 0), points: day.points + c.pointsAwarded });
    await countCheckin(tx, { stationId: c.stationId, orgId, riderId: c.riderId, day: c.day, points: c.pointsAwarded, firstVisitToday });
  }
  return skipped;
}

async function replayEvents(store: DocReader, tx: Tx): Promise<void> {
  for await (const entry of each(store, ledger)) await countPoints(tx, entry);
  for await (const item of each(store, reviews, { status: 'approved', kind: 'claim' })) {
    if (item.decidedAt) await countClaimApproved(tx, item.orgId, new Date(item.decidedAt));
  }
  for await (const b of each(store, bookings, { status: 'completed' })) {
    if (b.completedAt) await countConsultation(tx, b, new Date(b.completedAt));
  }
  for await (const c of each(store, cases)) {
    await countCaseOpened(tx, c.orgId, new Date(c.openedAt));
    if (c.status === 'closed' && c.closedAt) await countCaseClosed(tx, c.orgId, new Date(c.closedAt));
  }
  const programmeOf = new Map<string, ProgrammeDoc | null>();
  for await (const a of each(store, attendance)) {
    if (a.event !== 'in') continue;
    if (!programmeOf.has(a.programmeId)) programmeOf.set(a.programmeId, await store.get(programmes, a.programmeId));
    const p = programmeOf.get(a.programmeId);
    const session = p && sessionOn(p, a.date);
    if (p && session) await countChildSignIn(tx, { programmeId: p._id, orgId: p.orgId, ...session });
  }
  for await (const h of each(store, hoursEntries)) await countVolunteerHours(tx, h.orgId, h.date, h.hours);
  for await (const u of each(store, users)) await countRider(tx, null, u);
}

export interface RebuildSummary {
  /** Documents written per roll-up collection. */
  written: Record<string, number>;
  /** Check-ins at stations that no longer exist (counted nowhere). */
  skippedCheckins: number;
}

/** Replays the raw records, then replaces the roll-up collections' content. Run it while nothing else writes. */
export async function rebuildRollups(store: DocStore): Promise<RebuildSummary> {
  const { tx, docs } = memoryTx();
  const days = new Map<string, StationDayDoc>();
  const skippedCheckins = await replayCheckins(store, tx, days);
  docs.set(stationDays.name, days);
  await replayEvents(store, tx);
  const written: Record<string, number> = {};
  for (const coll of ROLLUP_COLLECTIONS) {
    const ids: string[] = [];
    for await (const doc of each(store, coll)) ids.push(doc._id);
    for (const id of ids) await store.remove(coll, id);
    const rebuilt = [...(docs.get(coll.name)?.values() ?? [])];
    for (const doc of rebuilt) await store.insert(coll, doc);
    written[coll.name] = rebuilt.length;
  }
  return { written, skippedCheckins };
}

if (require.main === module) {
  (async () => {
    const { dataDir } = readConfig();
    const store = openSqliteDocStore({ path: join(dataDir, 'store.db') });
    await store.ensureCollections(COLLECTIONS);
    try {
      const { written, skippedCheckins } = await rebuildRollups(store);
      const lines = Object.entries(written).map(([name, n]) => `  ${name}: ${n}`);
      process.stdout.write(`rebuilt the report roll-ups in ${dataDir}:\n${lines.join('\n')}\n`);
      if (skippedCheckins) process.stdout.write(`  ${skippedCheckins} check-in(s) at stations that no longer exist were left out\n`);
    } finally {
      await store.close();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
