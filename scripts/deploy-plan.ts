/**
 * What `npm run deploy` does, worked out without credentials or network: the collections and indexes the domains
 * declare (cloudfunctions/functions.ts) and who may read them, the functions to deploy with their configuration from
 * cloudbaserc.json (timeout, environment, timer triggers) and the open APIs their config.json declares, the function
 * security rules, and the reference data to load. scripts/deploy.ts carries the plan out with
 * `@cloudbase/manager-node`; `npm run deploy -- --dry-run` prints it.
 */
import { z } from 'zod';
import { ORG_KINDS, id, latLng, line, stationService } from '../types/common';
import { PUSH_KINDS, templateVariable } from '../types/push-kinds';
import type { CollectionSpec } from '../cloudfunctions/core/store/docstore.port';
import { functionTimeoutS } from './function-timeouts';

/** One key of a CloudBase index (manager-node's MgoIndexKeys): ascending, or the geo index on a GeoJSON point. */
export interface IndexKey {
  Name: string;
  Direction: '1' | '2dsphere';
}

export interface PlannedIndex {
  collection: string;
  name: string;
  keys: IndexKey[];
}

export interface PlannedCollection {
  name: string;
  indexes: PlannedIndex[];
}

export interface FunctionEnvVar {
  name: string;
  required: boolean;
  /** A 32-byte key in base64: checked, and never printed. */
  key: boolean;
  meaning: string;
}

/** Every variable the functions read (cloudfunctions/adapters/cloudbase/entry.ts), all of them in cloudbaserc.json. */
export const FUNCTION_ENV: readonly FunctionEnvVar[] = [
  { name: 'RIDER_HUB_TOKEN_KEY', required: true, key: true, meaning: 'HMAC key for check-in codes (openssl rand -base64 32)' },
  { name: 'RIDER_HUB_FIELD_KEY', required: true, key: true, meaning: 'AES-256-GCM key for sealed personal fields (openssl rand -base64 32); never change it' },
  { name: 'RIDER_HUB_ADMIN', required: false, key: false, meaning: 'the openid that is admin from its first call' },
  { name: 'RIDER_HUB_MINIPROGRAM_STATE', required: false, key: false, meaning: 'the version a subscribe message opens: formal (default), trial or developer' },
  ...PUSH_KINDS.map((kind) => ({
    name: templateVariable(kind),
    required: false,
    key: false,
    meaning: `subscribe-message template for ${kind} (id, or id:titleKey,bodyKey); unset: not pushed`,
  })),
];

/** What the deploy itself needs to reach the environment (not needed for --dry-run). */
export const DEPLOY_ENV: readonly { name: string; meaning: string }[] = [
  { name: 'TCB_ENV_ID', meaning: 'the CloudBase environment id' },
  { name: 'TCB_SECRET_ID', meaning: 'a Tencent Cloud API key id allowed to manage the environment' },
  { name: 'TCB_SECRET_KEY', meaning: 'its secret' },
];

/** CloudBase index names: the fields joined, as the setup docs and the console show them. */
export function indexName(fields: readonly string[]): string {
  return fields.join('_');
}

export function collectionPlan(spec: CollectionSpec): PlannedCollection {
  const indexes: PlannedIndex[] = spec.indexes.map(({ fields }) => ({
    collection: spec.name,
    name: indexName(fields),
    keys: fields.map((Name) => ({ Name, Direction: '1' as const })),
  }));
  if (spec.geo) indexes.push({ collection: spec.name, name: `${spec.geo}_2dsphere`, keys: [{ Name: spec.geo, Direction: '2dsphere' }] });
  return { name: spec.name, indexes };
}

/** An index as CloudBase describes it (manager-node's `describeCollection(...).Indexes`). */
export interface ExistingIndex {
  Name: string;
  Keys?: { Name?: string; Direction?: string }[];
}

const sameKeys = (a: readonly IndexKey[], b: ExistingIndex['Keys'] = []) =>
  a.length === b.length && a.every((k, i) => k.Name === b[i]?.Name && k.Direction === String(b[i]?.Direction));

/** The changes that bring a collection's indexes to the declared ones: missing ones created, changed ones replaced. */
export function indexChanges(planned: PlannedCollection, existing: readonly ExistingIndex[]): { create: PlannedIndex[]; drop: string[] } {
  const create: PlannedIndex[] = [];
  const drop: string[] = [];
  for (const index of planned.indexes) {
    const found = existing.find((e) => e.Name === index.name);
    if (found && sameKeys(index.keys, found.Keys)) continue;
    if (found) drop.push(index.name);
    create.push(index);
  }
  return { create, drop };
}

/**
 * What an administrator does by hand when the API did not make a geo index a 2dsphere one: the console's clicks,
 * exactly. The deploy prints them and checks again.
 */
export function geoIndexSteps(envId: string, index: PlannedIndex): string {
  const field = index.keys[0]?.Name ?? '';
  return [
    `${index.collection}.${field} has no 2dsphere index, and the API did not make one. In the CloudBase console:`,
    `  1. 云开发控制台 → 环境 ${envId} → 数据库 (文档型) → 集合 ${index.collection} → 索引管理`,
    `  2. if an index named ${index.name} is listed: 删除 it`,
    `  3. 新建索引: 索引名称 ${index.name}, 非唯一, 字段 ${field}, 类型 地理位置 (2dsphere) → 确定`,
  ].join('\n');
}

/** What every collection allows clients: nothing (仅管理端可读写); the mini-program reaches data through the functions. */
export const COLLECTION_PERMISSION = 'ADMINONLY';

/**
 * The function security rules (one JSON for the environment): a signed-in client may call the routers; nobody may
 * call the tasks, which only their timer trigger or the management API run (the rules do not apply to those).
 */
export function functionSecurityRules(tasks: readonly string[]): Record<string, { invoke: string | boolean }> {
  return { '*': { invoke: 'auth != null' }, ...Object.fromEntries(tasks.map((name) => [name, { invoke: false }])) };
}

// ---------------------------------------------------------------------------------------------------------------
// cloudbaserc.json: shared settings in functionDefaultConfig (as the CloudBase CLI reads it too), each function's own.

export interface RcTrigger {
  name: string;
  type: string;
  config: string;
}

export interface RcFunction {
  name: string;
  runtime?: string;
  handler?: string;
  timeout?: number;
  memorySize?: number;
  installDependency?: boolean;
  envVariables?: Record<string, string>;
  triggers?: RcTrigger[];
}

export interface CloudbaseRc {
  envId?: string;
  functionRoot: string;
  functionDefaultConfig?: Omit<RcFunction, 'name'>;
  functions: RcFunction[];
}

/** Each function's configuration with the defaults under it (environment variables merged key by key). */
export function resolveFunction(config: CloudbaseRc, name: string): RcFunction | undefined {
  const own = config.functions.find((f) => f.name === name);
  if (!own) return undefined;
  const defaults = config.functionDefaultConfig ?? {};
  return { ...defaults, ...own, envVariables: { ...defaults.envVariables, ...own.envVariables } };
}

const TEMPLATE = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * The environment a function gets: each `{{env.X}}` filled from the deploy's environment (.env or the process), an
 * unset one left out; a value written in cloudbaserc.json itself is refused (secrets never live in the repository).
 */
export function renderVariables(
  templates: Record<string, string>,
  env: NodeJS.ProcessEnv,
): { variables: Record<string, string>; unset: string[]; literal: string[] } {
  const variables: Record<string, string> = {};
  const unset: string[] = [];
  const literal: string[] = [];
  for (const [name, template] of Object.entries(templates)) {
    const source = TEMPLATE.exec(template)?.[1];
    if (!source) literal.push(name);
    else if (env[source]) variables[name] = env[source];
    else unset.push(name);
  }
  return { variables, unset, literal };
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data a committee already has: its tree and its stations, as JSON or CSV.

const orgRow = z.object({ id, name: line(1, 40), kind: z.enum(ORG_KINDS), parentId: id.optional() });
const stationRow = z.object({
  id,
  name: line(1, 60),
  orgId: id,
  lat: latLng.shape.lat,
  lng: latLng.shape.lng,
  address: line(1, 120),
  services: z.array(stationService).min(1),
  phone: z
    .string()
    .trim()
    .regex(/^[\d-]{5,20}$/, '电话只能是数字和 -')
    .optional(),
});

export type OrgRow = z.infer<typeof orgRow>;
export type StationRow = z.infer<typeof stationRow>;

export interface ReferenceData {
  orgs: OrgRow[];
  stations: StationRow[];
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  const [header, ...records] = rows.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!header) return [];
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()]).filter(([, v]) => v !== '')));
}

/** CSV cells are text: numbers for lat/lng, `|`-separated services. */
function stationFromCsv(record: Record<string, string>): unknown {
  return {
    ...record,
    lat: record.lat === undefined ? undefined : Number(record.lat),
    lng: record.lng === undefined ? undefined : Number(record.lng),
    services: record.services?.split('|').map((s) => s.trim()),
  };
}

/**
 * Reads and checks reference data: JSON `{ "orgs": [...], "stations": [...] }`, or CSV files of orgs
 * (`id,name,kind,parentId`) and stations (`id,name,orgId,lat,lng,address,services,phone`; services `rest|water`).
 * Answers the rows, or every problem found (with the row it is in).
 */
export function readReferenceData(input: { json?: string; orgsCsv?: string; stationsCsv?: string }): { data: ReferenceData; problems: string[] } {
  let rawOrgs: unknown[] = [];
  let rawStations: unknown[] = [];
  const problems: string[] = [];
  if (input.json !== undefined) {
    try {
      const parsed = JSON.parse(input.json) as { orgs?: unknown; stations?: unknown };
      rawOrgs = Array.isArray(parsed.orgs) ? parsed.orgs : [];
      rawStations = Array.isArray(parsed.stations) ? parsed.stations : [];
    } catch (error) {
      problems.push(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (input.orgsCsv !== undefined) rawOrgs.push(...parseCsv(input.orgsCsv));
  if (input.stationsCsv !== undefined) rawStations.push(...parseCsv(input.stationsCsv).map(stationFromCsv));

  const check = <T>(schema: z.ZodType<T>, rows: unknown[], what: string): T[] =>
    rows.flatMap((row, i) => {
      const parsed = schema.safeParse(row);
      if (parsed.success) return [parsed.data];
      problems.push(`${what} ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
      return [];
    });
  const orgs = check(orgRow, rawOrgs, 'org');
  const stations = check(stationRow, rawStations, 'station');

  const orgIds = new Set(orgs.map((o) => o.id));
  const duplicates = (ids: string[]) => ids.filter((value, i) => ids.indexOf(value) !== i);
  for (const dup of new Set(duplicates(orgs.map((o) => o.id)))) problems.push(`org ${dup} appears twice`);
  for (const dup of new Set(duplicates(stations.map((s) => s.id)))) problems.push(`station ${dup} appears twice`);
  for (const o of orgs) if (o.parentId && !orgIds.has(o.parentId)) problems.push(`org ${o.id}: parent ${o.parentId} is not in the file`);
  if (orgs.length) for (const s of stations) if (!orgIds.has(s.orgId)) problems.push(`station ${s.id}: org ${s.orgId} is not in the file`);
  return { data: { orgs, stations }, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// The plan

export interface PlannedFunction {
  name: string;
  runtime: string;
  timeout: number;
  bundle: string;
  /** Its environment: every variable cloudbaserc.json gives it, set (from the deploy's environment) or not. */
  variables: { name: string; set: boolean }[];
  triggers: { name: string; config: string }[];
  /** The open APIs its config.json declares (cloud-call permissions). */
  openapi: string[];
  /** Whether a signed-in client may invoke it (the function security rules). */
  clients: boolean;
}

export interface DeployPlan {
  collections: PlannedCollection[];
  functions: PlannedFunction[];
  env: { name: string; required: boolean; state: 'set' | 'unset' | 'invalid' }[];
  securityRules: Record<string, { invoke: string | boolean }>;
  data?: { source: string; orgs: number; stations: number };
  /** What stops a deploy (the dry run prints them too). */
  problems: string[];
}

/** A 32-byte key in base64, or why not. */
export function keyProblem(name: string, value: string | undefined): string | null {
  if (!value) return `${name} is not set`;
  return Buffer.from(value, 'base64').length === 32 ? null : `${name} must be 32 random bytes in base64 (openssl rand -base64 32)`;
}

export function deployPlan(input: {
  collections: readonly CollectionSpec[];
  functionNames: readonly string[];
  taskNames: readonly string[];
  config: CloudbaseRc;
  env: NodeJS.ProcessEnv;
  /** Each function's config.json permissions (scripts/build-functions.ts). */
  openapi: Readonly<Record<string, readonly string[]>>;
  data?: { source: string; data: ReferenceData; problems: string[] };
}): DeployPlan {
  const problems: string[] = [];
  const deployed = [...input.functionNames, ...input.taskNames];
  const listed = input.config.functions.map((f) => f.name);
  const missing = deployed.filter((n) => !listed.includes(n));
  const extra = listed.filter((n) => !deployed.includes(n));
  if (missing.length) problems.push(`cloudbaserc.json does not list ${missing.join(', ')} (cloudfunctions/functions.ts does)`);
  if (extra.length) problems.push(`cloudbaserc.json lists ${extra.join(', ')}, which cloudfunctions/functions.ts does not`);

  const names = new Set<string>();
  for (const spec of input.collections) {
    if (names.has(spec.name)) problems.push(`collection ${spec.name} is declared twice`);
    names.add(spec.name);
  }

  const env = FUNCTION_ENV.map((v) => {
    const value = input.env[v.name];
    const problem = v.key ? keyProblem(v.name, value) : null;
    if (v.required && problem) problems.push(problem);
    return { name: v.name, required: v.required, state: !value ? ('unset' as const) : problem ? ('invalid' as const) : ('set' as const) };
  });
  if (input.data) problems.push(...input.data.problems.map((p) => `${input.data?.source}: ${p}`));

  const securityRules = functionSecurityRules(input.taskNames);
  const functions = [...deployed].sort().flatMap((name): PlannedFunction[] => {
    const fn = resolveFunction(input.config, name);
    if (!fn) return [];
    const templates = fn.envVariables ?? {};
    const { variables, literal } = renderVariables(templates, input.env);
    if (literal.length) problems.push(`cloudbaserc.json: ${name}'s ${literal.join(', ')} must be {{env.NAME}} (values live in .env, never in the repository)`);
    const notGiven = FUNCTION_ENV.filter((v) => !(v.name in templates)).map((v) => v.name);
    if (notGiven.length) problems.push(`cloudbaserc.json does not give ${name} ${notGiven.join(', ')}`);
    const timeout = functionTimeoutS(name);
    if (fn.timeout !== timeout)
      problems.push(`cloudbaserc.json: ${name}'s timeout is ${fn.timeout ?? 'unset'} s, its budgets say ${timeout} s (scripts/function-timeouts.ts)`);
    return [
      {
        name,
        runtime: fn.runtime ?? '(no runtime in cloudbaserc.json)',
        timeout,
        bundle: `${input.config.functionRoot}/${name}/index.js`,
        variables: Object.keys(templates).map((v) => ({ name: v, set: v in variables })),
        triggers: (fn.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: t.name, config: t.config })),
        openapi: [...(input.openapi[name] ?? [])],
        clients: (securityRules[name] ?? securityRules['*'])?.invoke !== false,
      },
    ];
  });

  return {
    collections: input.collections.map(collectionPlan),
    functions,
    env,
    securityRules,
    ...(input.data ? { data: { source: input.data.source, orgs: input.data.data.orgs.length, stations: input.data.data.stations.length } } : {}),
    problems,
  };
}

/** The plan as the dry run prints it: every step, every collection, function and variable (never a value). */
export function formatPlan(plan: DeployPlan): string {
  const indexCount = plan.collections.reduce((n, c) => n + c.indexes.length, 0);
  const out: string[] = [
    `1. build ${plan.functions.length} bundles, each with its config.json (scripts/build-functions.ts)`,
    `2. collections and indexes (${plan.collections.length} collections, ${indexCount} indexes; created if missing, replaced if changed, read back; a geo index that is not 2dsphere stops the deploy with the console steps, then it checks again):`,
  ];
  for (const c of plan.collections) {
    const indexes = c.indexes.map((i) => `${i.name}(${i.keys.map((k) => (k.Direction === '1' ? k.Name : `${k.Name} ${k.Direction}`)).join(', ')})`);
    out.push(`   ${c.name}${indexes.length ? `: ${indexes.join('; ')}` : ' (by _id only)'}`);
  }
  out.push(
    `3. collection permissions: all ${plan.collections.length} ${COLLECTION_PERMISSION} (仅管理端可读写: clients reach data only through the functions), read back`,
  );
  out.push(`4. deploy ${plan.functions.length} functions (code, configuration, environment and timer triggers in one call each; read back):`);
  for (const f of plan.functions) {
    out.push(`   ${f.name}  ${f.runtime}  timeout ${f.timeout} s  ${f.bundle}`);
    out.push(`     config.json: ${f.openapi.length ? `permissions.openapi ${f.openapi.join(', ')}` : 'no open APIs'}`);
    for (const t of f.triggers) out.push(`     timer trigger ${t.name} (${t.config}): the only invocation it runs for`);
    if (!f.clients) out.push('     clients may not invoke it (security rules)');
  }
  out.push("   environment: every function gets every variable below from cloudbaserc.json, filled from .env or the deploy's");
  out.push('   environment, and the whole environment is replaced on each deploy: a redeploy sets the same values again, and a');
  out.push('   variable set by hand in the console stops the deploy (add it to cloudbaserc.json and .env instead):');
  for (const v of plan.env) out.push(`     ${v.name}  ${v.required ? 'required' : 'optional'}, ${v.state}`);
  out.push(`5. function security rules: ${JSON.stringify(plan.securityRules)}, read back`);
  out.push(
    plan.data
      ? `6. load ${plan.data.orgs} committees and ${plan.data.stations} stations from ${plan.data.source} (new ones added, existing ones updated)`
      : '6. no reference data (--data / --orgs / --stations)',
  );
  out.push('7. check the deployed environment (what npm run deploy -- --check does)');
  out.push(`plan: ${plan.collections.length} collections, ${indexCount} indexes, ${plan.functions.length} functions`);
  if (plan.problems.length) out.push('problems:', ...plan.problems.map((p) => `   ${p}`));
  return `${out.join('\n')}\n`;
}
