import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps, Secrets } from '../cloudfunctions/core/runtime';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { COLLECTIONS } from '../cloudfunctions/functions';
import { rebuildRollups } from '../scripts/rebuild-rollups';
import type { LocalConfig } from './local-config';
import { silentProgress, type Progress } from './progress';
import { seedDemoActivity } from './seed/activity';
import { seedDemo } from './seed/seed';

/** Local mode keeps its keys in the data directory, created on first start (the cloud reads them from the env). */
function loadSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    const fresh = { tokenKey: randomBytes(32).toString('base64'), fieldKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { tokenKey: string; fieldKey: string };
  return { tokenKey: Buffer.from(stored.tokenKey, 'base64'), fieldKey: Buffer.from(stored.fieldKey, 'base64') };
}

export async function openLocalDeps(config: LocalConfig, progress: Progress = silentProgress): Promise<Deps> {
  const file = join(config.dataDir, 'store.db');
  const shown = file.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), file) : file;
  const prepared = progress.step(`preparing the database (${shown})`);
  // Keys, the database and photos hold personal data: the directory is its owner's alone.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const store = openSqliteDocStore({ path: file });
  await store.ensureCollections(COLLECTIONS);
  const deps: Deps = {
    store,
    secrets: loadSecrets(config.dataDir),
    now: () => new Date(),
    newId,
    adminOpenid: config.adminOpenid,
    log: (line) => {
      if (line.level) process.stderr.write(`${JSON.stringify(line)}\n`);
    },
  };
  prepared();
  if (config.seed === 'demo') {
    const seeded = progress.step('seeding the demo');
    if (await seedDemo(deps)) {
      await seedDemoActivity(deps);
      // The demo's past activity is written as records: the reports' roll-ups are made from them.
      await rebuildRollups(store);
      seeded();
    } else seeded('already there');
  }
  return deps;
}
