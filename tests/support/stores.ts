/**
 * The document stores the contract and handler suites run on. `RIDER_HUB_TEST_STORE` (sqlite, the default, or
 * cloudbase) picks the adapter of the handler suites; the contract suite runs on every kind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tcb from '@cloudbase/node-sdk';
import type { CollectionSpec, DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { startCloudbaseStandin, type Latency, type Standin, type StandinStats } from './cloudbase-standin';

export type StoreKind = 'sqlite' | 'cloudbase';

export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'cloudbase'];

export interface TestStore {
  kind: StoreKind;
  store: DocStore;
  /** The bytes of every file the store keeps (SQLite: the database and its WAL); none for CloudBase. */
  files(): Buffer[];
  close(): Promise<void>;
}

export function testStoreKind(env: NodeJS.ProcessEnv = process.env): StoreKind {
  const kind = env.RIDER_HUB_TEST_STORE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'cloudbase') throw new Error(`RIDER_HUB_TEST_STORE must be sqlite or cloudbase, got ${kind}`);
  return kind;
}

/** The round trip of a database request in the cloud, as the crowd tests run it (STACK-NOTES: plan for 10–25 ms). */
export const CLOUD_LATENCY: Latency = { ms: 25, jitter: 0.4 };

export interface TestStoreOptions {
  /** CloudBase only: each request takes this round trip (SQLite is in-process and has none). */
  latency?: Latency;
}

/** A fresh, empty store of the given kind with the collections created. */
export async function openTestStore(kind: StoreKind, specs: readonly CollectionSpec[], options: TestStoreOptions = {}): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rider-hub-store-'));
    const store = openSqliteDocStore({ path: join(dir, 'store.db') });
    await store.ensureCollections(specs);
    return {
      kind,
      store,
      files: () => readdirSync(dir).map((file) => readFileSync(join(dir, file))),
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // CloudBase: the unmodified SDK against the local stand-in of its HTTP API, one stand-in per test file and one
  // CloudBase environment (an empty database) per store.
  const server = await (standin ??= startCloudbaseStandin());
  Object.assign(process.env, server.env);
  const envName = `test-${++cloudbaseStores}`;
  const store = openCloudbaseDocStore(tcb.init({ env: envName }));
  for (const spec of specs) if (spec.geo) server.declareGeoIndex(spec.name, spec.geo);
  await store.ensureCollections(specs);
  if (options.latency) server.setLatency(envName, options.latency);
  const testStore: TestStore = {
    kind,
    store,
    files: () => [],
    async close() {
      await store.close();
      server.dropDatabase(envName);
    },
  };
  cloudbaseEnvs.set(testStore, envName);
  return testStore;
}

let standin: Promise<Standin> | undefined;
let cloudbaseStores = 0;
const cloudbaseEnvs = new WeakMap<TestStore, string>();

/**
 * The database requests a CloudBase test store has made since it opened, per action (`database.getDocument`, …),
 * with the write conflicts the stand-in answered; null for other kinds. For benches: read it before and after the
 * work and subtract.
 */
export async function standinStats(testStore: TestStore): Promise<StandinStats | null> {
  const envName = cloudbaseEnvs.get(testStore);
  return envName && standin ? (await standin).stats(envName) : null;
}
