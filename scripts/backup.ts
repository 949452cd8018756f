/**
 * A consistent copy of local mode's data, taken while the server runs:
 *
 *   npm run backup                 # → backups/rider-hub-<time>/
 *   npm run backup -- <folder>     # → <folder>/ (must not exist yet)
 *
 * The copy is itself a data directory: `RIDER_HUB_DATA=<folder> npm start` runs on it. It holds the database
 * (`VACUUM INTO` from a read-only connection: one read transaction, so a snapshot that has every write committed
 * before it began and none half-done, while the server goes on writing through WAL), the keys (`secrets.json`,
 * without which sealed personal fields and user ids mean nothing) and the uploaded photos. It is written beside the
 * destination and renamed into place at the end, so a folder that exists is a whole backup.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readConfig } from '../server/local-config';

export interface BackupSummary {
  dest: string;
  bytes: number;
  /** Documents per collection in the copy. */
  documents: Record<string, number>;
  photos: number;
}

/** Copies the data directory's database, keys and photos to dest (a new folder). */
export function backupDataDir(dataDir: string, dest: string): BackupSummary {
  const source = join(dataDir, 'store.db');
  if (!existsSync(source)) throw new Error(`no database at ${source}: start the server once, or set RIDER_HUB_DATA`);
  if (existsSync(dest)) throw new Error(`${dest} exists already: name a new folder`);
  const partial = `${dest}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // The keys and the database hold personal data: the copy is its owner's alone, as the data directory is.
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  chmodSync(partial, 0o700);

  const copy = join(partial, 'store.db');
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
  chmodSync(copy, 0o600);

  const check = new Database(copy, { readonly: true });
  let documents: Record<string, number>;
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the copy fails SQLite's integrity check: ${String(integrity)}`);
    const tables = check
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`)
      .pluck()
      .all() as string[];
    documents = Object.fromEntries(tables.map((t) => [t.slice(2), check.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
  } finally {
    check.close();
  }

  const secrets = join(dataDir, 'secrets.json');
  if (existsSync(secrets)) {
    copyFileSync(secrets, join(partial, 'secrets.json'));
    chmodSync(join(partial, 'secrets.json'), 0o600);
  }
  const files = join(dataDir, 'files');
  let photos = 0;
  if (existsSync(files)) {
    cpSync(files, join(partial, 'files'), { recursive: true });
    photos = readdirSync(join(partial, 'files')).length;
  }
  mkdirSync(dirname(dest), { recursive: true });
  renameSync(partial, dest);
  return { dest, bytes: statSync(join(dest, 'store.db')).size, documents, photos };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}

if (require.main === module) {
  try {
    const { dataDir } = readConfig();
    const dest = resolve(process.argv[2] ?? join('backups', `rider-hub-${stamp(new Date())}`));
    const summary = backupDataDir(dataDir, dest);
    const total = Object.values(summary.documents).reduce((a, b) => a + b, 0);
    const shown = relative(process.cwd(), summary.dest) || summary.dest;
    process.stdout.write(
      `backed up ${relative(process.cwd(), dataDir) || dataDir} to ${shown}: ${total} documents in ` +
        `${Object.keys(summary.documents).length} collections (${(summary.bytes / 1024 / 1024).toFixed(1)} MB), keys, ${summary.photos} photo(s)\n` +
        `restore: stop the server, then RIDER_HUB_DATA=${shown} npm start (or copy the folder's contents over the data directory)\n`,
    );
  } catch (error) {
    process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
