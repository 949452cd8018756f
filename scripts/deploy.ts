/**
 * From a checkout to a running CloudBase environment, in one command, and proof on the spot that it works:
 *
 *   npm run deploy -- --dry-run                      # the plan; no credentials, no network
 *   npm run deploy                                   # build, database, permissions, functions, rules, then --check
 *   npm run deploy -- --check                        # only the check of what is deployed
 *   npm run deploy -- --data committee.json          # …and load the committee tree and stations
 *   npm run deploy -- --orgs orgs.csv --stations stations.csv
 *
 * Settings come from the process environment, or from `.env` in the repository (never committed); see
 * scripts/deploy-plan.ts for the list. The plan is worked out in scripts/deploy-plan.ts; this file carries it out with
 * `@cloudbase/manager-node` (pinned in devDependencies; every call's request shape is checked against it in
 * tests/contract/deploy-manager.test.ts). The API key stays in this process: it is never on a command line, and no
 * stored login of a command-line tool is read or written. `@cloudbase/node-sdk` loads the reference data, through
 * the same document-store adapter the functions use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import * as tcbSdk from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import type { SelfCheckReport } from '../cloudfunctions/adapters/cloudbase/self-check';
import { sealField } from '../cloudfunctions/core/crypto';
import { StoreConflict, geoPoint } from '../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTION_NAMES, TASK_NAMES } from '../cloudfunctions/functions';
import { orgs } from '../cloudfunctions/capabilities/orgs/collections';
import { stations } from '../cloudfunctions/capabilities/orgs/station-directory';
import { OUT, ROOT, buildFunctions, plannedOpenApis } from './build-functions';
import { generatedRc } from './cloudbaserc';
import {
  FORGED_CALLER_EVENT,
  envelopeOf,
  formatVerdicts,
  routerVerdict,
  schedulerVerdict,
  selfCheckVerdicts,
  type Invocation,
  type Verdict,
} from './deploy-check';
import {
  COLLECTION_PERMISSION,
  DEPLOY_ENV,
  deployPlan,
  formatPlan,
  geoIndexSteps,
  indexChanges,
  readReferenceData,
  renderVariables,
  resolveFunction,
  type CloudbaseRc,
  type DeployPlan,
  type OrgRow,
  type PlannedIndex,
  type ReferenceData,
} from './deploy-plan';

export type Manager = CloudBase;

/** Where progress goes: the console, or a test's lines. */
export type Out = (line: string) => void;

interface Args {
  dryRun: boolean;
  check: boolean;
  data?: string;
  orgsCsv?: string;
  stationsCsv?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dryRun: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a file`);
      return v;
    };
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--check') args.check = true;
    else if (arg === '--data') args.data = value();
    else if (arg === '--orgs') args.orgsCsv = value();
    else if (arg === '--stations') args.stationsCsv = value();
    else throw new Error(`unknown argument ${arg} (--dry-run, --check, --data <file.json>, --orgs <orgs.csv>, --stations <stations.csv>)`);
  }
  return args;
}

/** `.env` (KEY=value lines, # comments), never committed; the process environment wins. */
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

/** cloudbaserc.json with its functions generated from the module list (scripts/cloudbaserc.ts). */
export function readConfig(): CloudbaseRc {
  return generatedRc();
}

export async function planFor(env: NodeJS.ProcessEnv, data?: ReturnType<typeof referenceData>): Promise<DeployPlan> {
  return deployPlan({
    collections: COLLECTIONS,
    functionNames: FUNCTION_NAMES,
    taskNames: TASK_NAMES,
    config: readConfig(),
    env,
    openapi: await plannedOpenApis(),
    data,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Carrying it out

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function connect(env: NodeJS.ProcessEnv): Manager {
  // A new instance, not CloudBase.init (a process-wide singleton): these keys, this environment.
  // The region defaults to ap-shanghai, where mini-program environments are; TCB_REGION names another.
  return new CloudBase({
    secretId: env.TCB_SECRET_ID,
    secretKey: env.TCB_SECRET_KEY,
    envId: env.TCB_ENV_ID,
    ...(env.TCB_REGION ? { region: env.TCB_REGION } : {}),
  });
}

export interface Waiting {
  /** How often to read a geo index back while the administrator makes it in the console. */
  pollMs: number;
  /** How long to wait for that before giving up. */
  maxWaitMs: number;
}

export const GEO_WAIT: Waiting = { pollMs: 15_000, maxWaitMs: 30 * 60_000 };

async function missingIndexes(manager: Manager, collection: DeployPlan['collections'][number]): Promise<PlannedIndex[]> {
  return indexChanges(collection, (await manager.database.describeCollection(collection.name)).Indexes ?? []).create;
}

/** Every collection and index the domains declare, each read back; a geo index the API cannot make waits for the console. */
export async function ensureDatabase(manager: Manager, plan: DeployPlan, envId: string, out: Out, waiting: Waiting = GEO_WAIT): Promise<void> {
  for (const collection of plan.collections) {
    await manager.database.createCollectionIfNotExists(collection.name);
    const { create, drop } = indexChanges(collection, (await manager.database.describeCollection(collection.name)).Indexes ?? []);
    // One request each: the API takes creations and drops separately (manager-node's docs/database.md).
    if (drop.length) await manager.database.updateCollection(collection.name, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
    if (create.length) {
      await manager.database.updateCollection(collection.name, {
        CreateIndexes: create.map((i) => ({ IndexName: i.name, MgoKeySchema: { MgoIndexKeys: i.keys.map((k) => ({ ...k })), MgoIsUnique: false } })),
      });
    }
    let left = await missingIndexes(manager, collection);
    if (left.some((i) => i.keys.some((k) => k.Direction !== '2dsphere'))) {
      throw new Error(`${collection.name}: index ${left.map((i) => i.name).join(', ')} missing after creating it`);
    }
    if (left.length) {
      for (const index of left) out(geoIndexSteps(envId, index));
      out(`  waiting for it (read back every ${waiting.pollMs / 1000} s; Ctrl-C stops, and the next npm run deploy checks again)…`);
      const until = Date.now() + waiting.maxWaitMs;
      while (left.length && Date.now() < until) {
        await sleep(waiting.pollMs);
        left = await missingIndexes(manager, collection);
      }
      if (left.length)
        throw new Error(
          `${collection.name}: ${left.map((i) => i.name).join(', ')} is still not a 2dsphere index; make it in the console and run npm run deploy again`,
        );
    }
    out(`  ${collection.name}: ${collection.indexes.length} index(es)${create.length ? `, ${create.length} made` : ', all there'}`);
  }
}

/** Every collection closed to clients (仅管理端可读写), read back. */
export async function closeCollections(manager: Manager, plan: DeployPlan, out: Out): Promise<void> {
  for (const c of plan.collections)
    await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: COLLECTION_PERMISSION });
  const names = plan.collections.map((c) => c.name);
  const open: string[] = [];
  for (let i = 0; i < names.length; i += 100) {
    const { PermissionList } = (await manager.permission.describeResourcePermission({ resourceType: 'collection', resources: names.slice(i, i + 100) })).Data;
    for (const name of names.slice(i, i + 100)) {
      if (PermissionList.find((p) => p.Resource === name)?.Permission !== COLLECTION_PERMISSION) open.push(name);
    }
  }
  if (open.length)
    throw new Error(`collections not ${COLLECTION_PERMISSION} after setting it: ${open.join(', ')} (console: 数据库 → 集合 → 权限设置 → 仅管理端可读写)`);
  out(`  ${names.length} collections ${COLLECTION_PERMISSION}`);
}

/** Waits until a function is Active (a deploy or a change leaves it Updating for a while). */
async function active(manager: Manager, name: string, waiting: Waiting): Promise<Awaited<ReturnType<Manager['functions']['getFunctionDetail']>>> {
  const until = Date.now() + waiting.maxWaitMs;
  for (;;) {
    const detail = await manager.functions.getFunctionDetail(name);
    if (detail.Status === 'Active') return detail;
    if (/fail/i.test(detail.Status ?? '')) throw new Error(`${name}: status ${detail.Status} ${detail.StatusDesc ?? ''}`);
    if (Date.now() > until) throw new Error(`${name}: not Active after ${waiting.maxWaitMs / 1000} s`);
    await sleep(waiting.pollMs);
  }
}

const isNotFound = (error: unknown) =>
  /ResourceNotFound|not exist|不存在/i.test(`${(error as { code?: unknown }).code ?? ''} ${error instanceof Error ? error.message : ''}`);

/**
 * Every function: code, configuration, its whole environment and its timer triggers, with manager-node's
 * `createFunction` (a function that exists is updated: `force`); then read back. A variable on a deployed function
 * that cloudbaserc.json does not give stops the deploy before anything is changed: a deploy replaces the whole
 * environment, and a value kept only in the console would be lost.
 */
export async function deployFunctions(
  manager: Manager,
  plan: DeployPlan,
  env: NodeJS.ProcessEnv,
  out: Out,
  waiting: Waiting = { pollMs: 2000, maxWaitMs: 120_000 },
): Promise<void> {
  const config = readConfig();
  const before = new Map<string, Awaited<ReturnType<Manager['functions']['getFunctionDetail']>> | null>();
  const strays: string[] = [];
  for (const f of plan.functions) {
    const detail = await manager.functions.getFunctionDetail(f.name).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    before.set(f.name, detail);
    const stray = (detail?.Environment?.Variables ?? []).map((v) => v.Key).filter((key) => !f.variables.some((v) => v.name === key));
    if (stray.length) strays.push(`${f.name}: ${stray.join(', ')}`);
  }
  if (strays.length)
    throw new Error(
      `variables set by hand, which a deploy would remove (add them to cloudbaserc.json and .env, or remove them in the console):\n  ${strays.join('\n  ')}`,
    );

  for (const f of plan.functions) {
    const fn = resolveFunction(config, f.name);
    if (!fn) throw new Error(`${f.name} is not in cloudbaserc.json`);
    const { variables } = renderVariables(fn.envVariables ?? {}, env);
    // A trigger that is there as planned stays (creating it again is refused); any other one goes.
    const existing = before.get(f.name)?.Triggers ?? [];
    const kept = existing.filter((d) => f.triggers.some((t) => t.name === d.TriggerName && d.TriggerDesc?.includes(t.config)));
    for (const d of existing.filter((e) => !kept.includes(e))) await manager.functions.deleteFunctionTrigger(f.name, d.TriggerName);
    const triggers = (fn.triggers ?? []).filter((t) => !kept.some((d) => d.TriggerName === t.name));
    await manager.functions.createFunction({
      func: { ...fn, timeout: f.timeout, envVariables: variables, triggers },
      functionRootPath: OUT,
      force: true,
      // Inline (a bundle zips to well under the 1.5 MB limit): one request, no temporary upload elsewhere.
      deployMode: 'zip',
    });
    const detail = await active(manager, f.name, waiting);
    const deployed = detail.Environment?.Variables ?? [];
    const wrong = Object.entries(variables).filter(([key, value]) => deployed.find((v) => v.Key === key)?.Value !== value);
    if (wrong.length) throw new Error(`${f.name}: ${wrong.map(([key]) => key).join(', ')} did not take`);
    if (detail.Timeout !== f.timeout) throw new Error(`${f.name}: timeout ${detail.Timeout} s, not ${f.timeout} s`);
    const absent = f.triggers.filter((t) => !(detail.Triggers ?? []).some((d) => d.TriggerName === t.name));
    if (absent.length) throw new Error(`${f.name}: timer trigger ${absent.map((t) => t.name).join(', ')} missing after the deploy`);
    out(
      `  ${f.name}: deployed, timeout ${f.timeout} s, ${Object.keys(variables).length} variables${f.triggers.length ? `, trigger ${f.triggers.map((t) => t.name).join(', ')}` : ''}`,
    );
  }
}

/** The function security rules (one JSON for the environment), read back. */
export async function setSecurityRules(manager: Manager, plan: DeployPlan, out: Out): Promise<void> {
  const rule = JSON.stringify(plan.securityRules);
  const fix = `console: 云函数 → 权限控制 → paste ${rule}`;
  try {
    await manager.permission.modifyResourcePermission({ resourceType: 'function', permission: 'CUSTOM', securityRule: rule });
    const { PermissionList } = (await manager.permission.describeResourcePermission({ resourceType: 'function' })).Data;
    const read = PermissionList.find((p) => p.SecurityRule)?.SecurityRule;
    if (!read || JSON.stringify(JSON.parse(read)) !== rule) throw new Error(`read back ${read ?? 'nothing'}`);
  } catch (error) {
    throw new Error(`function security rules not set (${error instanceof Error ? error.message : String(error)}); ${fix}`);
  }
  out(`  ${rule}`);
}

/** Each function invoked through the management API, the selfcheck's report read fact by fact. */
export async function checkEnvironment(manager: Manager, plan: DeployPlan): Promise<Verdict[]> {
  const invoke = async (name: string, event: Record<string, unknown>): Promise<Invocation> => {
    try {
      return await manager.functions.invokeFunction(name, event);
    } catch (error) {
      return { InvokeResult: -1, ErrMsg: error instanceof Error ? error.message : String(error) };
    }
  };
  const verdicts: Verdict[] = [];
  for (const name of FUNCTION_NAMES) verdicts.push(routerVerdict(name, await invoke(name, FORGED_CALLER_EVENT)));
  verdicts.push(schedulerVerdict(await invoke('scheduler', {})));
  const geo = COLLECTIONS.flatMap((c) => (c.geo ? [{ collection: c.name, field: c.geo }] : []));
  const answer = envelopeOf(await invoke('selfcheck', { geo }));
  if (typeof answer === 'string' || !answer.ok) {
    verdicts.push({
      ok: false,
      what: `selfcheck: ${typeof answer === 'string' ? answer : answer.error.message}`,
      fix: 'deploy again (npm run deploy), then check',
    });
  } else verdicts.push(...selfCheckVerdicts(answer.data as SelfCheckReport, new Date()));
  const { PermissionList } = await manager.permission
    .describeResourcePermission({ resourceType: 'function' })
    .then((res) => res.Data)
    .catch(() => ({ PermissionList: [] as { SecurityRule?: string }[] }));
  const rule = PermissionList.find((p) => p.SecurityRule)?.SecurityRule;
  const same = rule !== undefined && JSON.stringify(JSON.parse(rule)) === JSON.stringify(plan.securityRules);
  verdicts.push(
    same
      ? { ok: true, what: `security rules: clients may invoke the routers only (${TASK_NAMES.join(', ')}: never)` }
      : {
          ok: false,
          what: `security rules: ${rule ?? 'none'}`,
          fix: `run npm run deploy, or in the console 云函数 → 权限控制: ${JSON.stringify(plan.securityRules)}`,
        },
  );
  return verdicts;
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
    counts[
      await upsert(
        () => store.insert(orgs, { _id: o.id, ...fields }),
        () => store.update(orgs, o.id, fields),
      )
    ]++;
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
    counts[
      await upsert(
        () => store.insert(stations, doc),
        () => store.update(stations, s.id, fields),
      )
    ]++;
  }
  console.log(`  ${data.orgs.length} committees and ${data.stations.length} stations: ${counts.added} added, ${counts.updated} updated`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env = readEnv();
  const data = referenceData(args);
  const plan = await planFor(env, data);
  if (args.dryRun) {
    process.stdout.write(formatPlan(plan));
    return;
  }
  const unset = DEPLOY_ENV.filter((v) => !env[v.name]).map((v) => `${v.name} (${v.meaning})`);
  const envId = env.TCB_ENV_ID ?? '';
  const out: Out = (line) => console.log(line);
  if (!args.check) {
    const problems = [...plan.problems, ...unset.map((u) => `${u} is not set`)];
    if (problems.length) throw new Error(`cannot deploy:\n  ${problems.join('\n  ')}\n(npm run deploy -- --dry-run shows the plan)`);
    out(`1. building ${plan.functions.length} bundles`);
    await buildFunctions();
    const manager = connect(env);
    out(`2. collections and indexes in ${envId}`);
    await ensureDatabase(manager, plan, envId, out);
    out('3. collection permissions');
    await closeCollections(manager, plan, out);
    out('4. functions');
    await deployFunctions(manager, plan, env, out);
    out('5. function security rules');
    await setSecurityRules(manager, plan, out);
    if (data) {
      out(`6. reference data from ${data.source}`);
      await loadReferenceData(env, data.data);
    }
    out(`deployed ${plan.functions.length} functions to ${envId}; 7. the check:`);
  } else if (unset.length) throw new Error(`cannot check:\n  ${unset.map((u) => `${u} is not set`).join('\n  ')}`);
  const { text, ok } = formatVerdicts(envId, await checkEnvironment(connect(env), plan));
  process.stdout.write(text);
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
