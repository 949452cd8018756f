/**
 * From a checkout to a running CloudBase environment, in one command:
 *
 *   npm run deploy -- --dry-run                      # the plan; no credentials, no network
 *   npm run deploy                                   # build, database, functions, environment
 *   npm run deploy -- --data committee.json          # …and load the committee tree and stations
 *   npm run deploy -- --orgs orgs.csv --stations stations.csv
 *
 * Settings come from the process environment, or from `.env` in the repository (never committed); see
 * scripts/deploy-plan.ts for the list. The plan is worked out in scripts/deploy-plan.ts; this file carries it out
 * with `@cloudbase/manager-node` (collections, indexes, function status and environment), the CloudBase CLI (`tcb fn
 * deploy`, which exits 0 even when a deploy fails: its output and then the function's status are checked) and
 * `@cloudbase/node-sdk` (reference data, through the same document-store adapter the functions use).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tcbSdk from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { sealField } from '../cloudfunctions/core/crypto';
import { StoreConflict, geoPoint } from '../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTION_NAMES, TASK_NAMES } from '../cloudfunctions/functions';
import { orgs } from '../cloudfunctions/orgs/collections';
import { stations } from '../cloudfunctions/stations/collections';
import { buildFunctions, ROOT } from './build-functions';
import {
  DEPLOY_ENV,
  FUNCTION_ENV,
  deployPlan,
  formatPlan,
  indexChanges,
  readReferenceData,
  tcbFailure,
  type CloudbaseRc,
  type DeployPlan,
  type ExistingIndex,
  type OrgRow,
  type ReferenceData,
} from './deploy-plan';

/** Not a dependency of the project: only a real deploy needs it (`npm install --no-save @cloudbase/manager-node@5`). */
const MANAGER_PACKAGE = '@cloudbase/manager-node';

/** The part of manager-node 5 this script uses. */
interface Manager {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>;
    updateCollection(
      name: string,
      changes: {
        CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[];
        DropIndexes?: { IndexName: string }[];
      },
    ): Promise<unknown>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<{ Status?: string; ModTime?: string; Environment?: { Variables?: { Key: string; Value: string }[] } }>;
    updateFunctionConfig(config: { name: string; envVariables: Record<string, string> }): Promise<unknown>;
  };
}

interface Args {
  dryRun: boolean;
  data?: string;
  orgsCsv?: string;
  stationsCsv?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a file`);
      return v;
    };
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--data') args.data = value();
    else if (arg === '--orgs') args.orgsCsv = value();
    else if (arg === '--stations') args.stationsCsv = value();
    else throw new Error(`unknown argument ${arg} (--dry-run, --data <file.json>, --orgs <orgs.csv>, --stations <stations.csv>)`);
  }
  return args;
}

/** `.env` (KEY=value lines, # comments): the same file the CloudBase CLI reads; the process environment wins. */
function readEnv(): NodeJS.ProcessEnv {
  const file = join(ROOT, '.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
      if (match?.[1] && match[2] !== undefined) fromFile[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return { ...fromFile, ...process.env };
}

function referenceData(args: Args): { source: string; data: ReferenceData; problems: string[] } | undefined {
  if (!args.data && !args.orgsCsv && !args.stationsCsv) return undefined;
  const read = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
  const source = [args.data, args.orgsCsv, args.stationsCsv].filter(Boolean).join(' + ');
  return { source, ...readReferenceData({ json: read(args.data), orgsCsv: read(args.orgsCsv), stationsCsv: read(args.stationsCsv) }) };
}

export function planFor(args: Args, env: NodeJS.ProcessEnv): DeployPlan {
  const config = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
  return deployPlan({ collections: COLLECTIONS, functionNames: [...FUNCTION_NAMES, ...TASK_NAMES], config, env, data: referenceData(args) });
}

// ---------------------------------------------------------------------------------------------------------------
// Carrying it out

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(env: NodeJS.ProcessEnv): Promise<Manager> {
  let loaded: unknown;
  try {
    loaded = await import(MANAGER_PACKAGE);
  } catch {
    throw new Error(`${MANAGER_PACKAGE} is not installed: npm install --no-save ${MANAGER_PACKAGE}@5`);
  }
  const mod = loaded as { default?: { init(options: object): Manager }; init?(options: object): Manager };
  const CloudBase = mod.default ?? (mod as { init(options: object): Manager });
  return CloudBase.init({ secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY, envId: env.TCB_ENV_ID });
}

async function ensureDatabase(manager: Manager, plan: DeployPlan): Promise<void> {
  for (const collection of plan.collections) {
    await manager.database.createCollectionIfNotExists(collection.name);
    const { create, drop } = indexChanges(collection, (await manager.database.describeCollection(collection.name)).Indexes ?? []);
    if (drop.length) await manager.database.updateCollection(collection.name, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
    if (create.length) {
      await manager.database.updateCollection(collection.name, {
        CreateIndexes: create.map((i) => ({ IndexName: i.name, MgoKeySchema: { MgoIndexKeys: i.keys, MgoIsUnique: false } })),
      });
    }
    const left = indexChanges(collection, (await manager.database.describeCollection(collection.name)).Indexes ?? []).create;
    if (left.length) throw new Error(`${collection.name}: index ${left.map((i) => i.name).join(', ')} missing after creating it`);
    console.log(`  ${collection.name}: ${collection.indexes.length} index(es)${create.length ? `, ${create.length} created` : ', all there'}`);
  }
}

/** Waits until a function is Active again (a deploy or a config change leaves it Updating for a while). */
async function active(manager: Manager, name: string): Promise<{ ModTime?: string }> {
  for (let i = 0; i < 60; i++) {
    const detail = await manager.functions.getFunctionDetail(name);
    if (detail.Status === 'Active') return detail;
    if (detail.Status && /fail/i.test(detail.Status)) throw new Error(`${name}: status ${detail.Status}`);
    await sleep(2000);
  }
  throw new Error(`${name}: not Active after two minutes`);
}

function tcbCli(args: string[], env: NodeJS.ProcessEnv): string {
  const local = join(ROOT, 'node_modules', '.bin', 'tcb');
  const result = spawnSync(existsSync(local) ? local : 'tcb', args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.error) throw new Error(`the CloudBase CLI cannot run (${result.error.message}): npm install --no-save @cloudbase/cli@2.12`);
  const output = `${result.stdout}${result.stderr}`;
  const failure = result.status !== 0 ? `exit ${result.status}` : tcbFailure(output);
  if (failure) throw new Error(`tcb ${args.slice(0, 3).join(' ')} failed: ${failure}\n${output}`);
  return output;
}

async function deployFunctions(manager: Manager, plan: DeployPlan, env: NodeJS.ProcessEnv): Promise<void> {
  tcbCli(['login', '--apiKeyId', env.TCB_SECRET_ID ?? '', '--apiKey', env.TCB_SECRET_KEY ?? ''], env);
  for (const fn of plan.functions) {
    const before = await manager.functions.getFunctionDetail(fn.name).catch(() => ({ ModTime: undefined }));
    tcbCli(['fn', 'deploy', fn.name, '--force', '-e', env.TCB_ENV_ID ?? ''], env);
    const after = await active(manager, fn.name);
    if (before.ModTime && after.ModTime === before.ModTime) throw new Error(`${fn.name}: tcb reported no error, but the function did not change`);
    console.log(`  ${fn.name}: deployed`);
    if (fn.triggers.length) {
      // The CLI refuses to create a trigger that exists; an unchanged trigger from an earlier deploy is fine.
      try {
        tcbCli(['fn', 'trigger', 'create', fn.name, '-e', env.TCB_ENV_ID ?? '', '--yes'], env);
      } catch (error) {
        if (!/exist|已存在/i.test(error instanceof Error ? error.message : String(error))) throw error;
      }
      console.log(`  ${fn.name}: timer triggers ${fn.triggers.map((t) => t.name).join(', ')}`);
    }
  }
}

async function setEnvironment(manager: Manager, plan: DeployPlan, env: NodeJS.ProcessEnv): Promise<void> {
  const wanted = Object.fromEntries(FUNCTION_ENV.flatMap((v) => (env[v.name] ? [[v.name, env[v.name] as string]] : [])));
  const ours = new Set(FUNCTION_ENV.map((v) => v.name));
  for (const fn of plan.functions) {
    // CloudBase replaces the whole environment: variables set by hand (RIDER_HUB_SUBSCRIBE_FIELDS, …) are carried over.
    const current = (await manager.functions.getFunctionDetail(fn.name)).Environment?.Variables ?? [];
    const kept = Object.fromEntries(current.filter((v) => !ours.has(v.Key)).map((v) => [v.Key, v.Value]));
    await manager.functions.updateFunctionConfig({ name: fn.name, envVariables: { ...kept, ...wanted } });
    await active(manager, fn.name);
    const variables = (await manager.functions.getFunctionDetail(fn.name)).Environment?.Variables ?? [];
    const wrong = Object.entries(wanted).filter(([key, value]) => variables.find((v) => v.Key === key)?.Value !== value);
    if (wrong.length) throw new Error(`${fn.name}: ${wrong.map(([key]) => key).join(', ')} did not take`);
    console.log(`  ${fn.name}: ${Object.keys(wanted).join(', ')}`);
  }
}

/** Parents before children, so a partly loaded tree is always a tree. */
function byDepth(rows: OrgRow[]): OrgRow[] {
  const parent = new Map(rows.map((o) => [o.id, o.parentId]));
  const depth = (id: string | undefined, seen = 0): number => (id && parent.has(id) && seen < rows.length ? 1 + depth(parent.get(id), seen + 1) : 0);
  return [...rows].sort((a, b) => depth(a.id) - depth(b.id));
}

async function loadReferenceData(env: NodeJS.ProcessEnv, data: ReferenceData): Promise<void> {
  const app = tcbSdk.init({ env: env.TCB_ENV_ID, secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY });
  const store = openCloudbaseDocStore(app);
  const fieldKey = Buffer.from(env.RIDER_HUB_FIELD_KEY ?? '', 'base64');
  const upsert = async (insert: () => Promise<void>, update: () => Promise<unknown>) => {
    try {
      await insert();
      return 'added';
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
      await update();
      return 'updated';
    }
  };
  const counts = { added: 0, updated: 0 };
  for (const o of byDepth(data.orgs)) {
    const fields = { name: o.name, kind: o.kind, ...(o.parentId ? { parentId: o.parentId } : {}) };
    counts[await upsert(() => store.insert(orgs, { _id: o.id, ...fields }), () => store.update(orgs, o.id, fields))]++;
  }
  const now = new Date().toISOString();
  for (const s of data.stations) {
    const fields = {
      name: s.name,
      orgId: s.orgId,
      location: geoPoint({ lat: s.lat, lng: s.lng }),
      address: s.address,
      services: s.services,
      ...(s.phone ? { phoneEnc: sealField(s.phone, fieldKey) } : {}),
    };
    const doc = { _id: s.id, ...fields, liveStatus: 'open' as const, published: true, createdAt: now };
    counts[await upsert(() => store.insert(stations, doc), () => store.update(stations, s.id, fields))]++;
  }
  console.log(`  ${data.orgs.length} committees and ${data.stations.length} stations: ${counts.added} added, ${counts.updated} updated`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env = readEnv();
  const plan = planFor(args, env);
  if (args.dryRun) {
    process.stdout.write(formatPlan(plan));
    return;
  }
  const unset = DEPLOY_ENV.filter((v) => !env[v.name]).map((v) => `${v.name} (${v.meaning})`);
  const problems = [...plan.problems, ...unset.map((u) => `${u} is not set`)];
  if (problems.length) throw new Error(`cannot deploy:\n  ${problems.join('\n  ')}\n(npm run deploy -- --dry-run shows the plan)`);

  console.log(`1. building ${plan.functions.length} bundles`);
  await buildFunctions();
  const manager = await connect(env);
  console.log(`2. collections and indexes in ${env.TCB_ENV_ID}`);
  await ensureDatabase(manager, plan);
  console.log('3. functions');
  await deployFunctions(manager, plan, env);
  console.log('4. function environment');
  await setEnvironment(manager, plan, env);
  const data = referenceData(args);
  if (data) {
    console.log(`5. reference data from ${data.source}`);
    await loadReferenceData(env, data.data);
  }
  console.log(`deployed ${plan.functions.length} functions to ${env.TCB_ENV_ID}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
