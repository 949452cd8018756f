/**
 * Rebuilds every roll-up the committee's reports read, from the facts the domains write with their events:
 *
 *   npm run rollups:rebuild        # local mode's data directory (RIDER_HUB_DATA, default .data/); stop the server first
 *
 * The roll-up collections and the fold mark are emptied, then every fact is folded again the way the scheduler folds
 * them (each module's `rollups`, cloudfunctions/capabilities/figures/fold.ts), so a rebuilt document is what the live
 * fold would have made.
 */
import { join } from 'node:path';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import type { Collection, Doc, DocStore } from '../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, MODULES } from '../cloudfunctions/functions';
import { readConfig } from '../server/local-config';

export interface RebuildSummary {
  /** Documents removed per roll-up collection. */
  removed: Record<string, number>;
  /** Facts folded. */
  folded: number;
}

async function empty(store: DocStore, coll: Collection<Doc>): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await store.find(coll, { limit: 1000 });
    for (const doc of page.items) await store.remove(coll, doc._id);
    removed += page.items.length;
    if (!page.cursor) return removed;
  }
}

/** Empties the roll-ups and folds every fact written until now. Run it while nothing else writes. */
export async function rebuildRollups(store: DocStore, now = new Date()): Promise<RebuildSummary> {
  const removed: Record<string, number> = {};
  let folded = 0;
  for (const { rollups } of MODULES) {
    if (!rollups) continue;
    for (const coll of rollups.collections) removed[coll.name] = await empty(store, coll as Collection<Doc>);
    folded += await rollups.refold(store, now, new Date(now.getTime() + 1));
  }
  return { removed, folded };
}

if (require.main === module) {
  (async () => {
    const { dataDir } = readConfig();
    const store = openSqliteDocStore({ path: join(dataDir, 'store.db') });
    await store.ensureCollections(COLLECTIONS);
    try {
      const { folded } = await rebuildRollups(store);
      process.stdout.write(`rebuilt the report roll-ups in ${dataDir}: ${folded} facts folded\n`);
    } finally {
      await store.close();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
