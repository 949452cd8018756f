/**
 * `npm run deploy` and `--check` carried out by the real `@cloudbase/manager-node` (the pinned version), against a
 * stand-in of the management API that records every request manager-node builds: the requests the cloud would get.
 * The check invokes the built bundles, which run on the CloudBase SDK against the local database stand-in.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tcb from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { COLLECTIONS, FUNCTION_NAMES, TASK_NAMES } from '../../cloudfunctions/functions';
import { OUT, buildFunctions } from '../../scripts/build-functions';
import { formatVerdicts } from '../../scripts/deploy-check';
import { checkEnvironment, closeCollections, connect, deployFunctions, ensureDatabase, readConfig, setSecurityRules } from '../../scripts/deploy';
import { deployPlan, functionSecurityRules, type DeployPlan } from '../../scripts/deploy-plan';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';
import { startManagementApi, type ManagementApi } from '../support/management-api';

jest.setTimeout(120_000);

const ENV_ID = 'rider-hub-test';
const DEPLOYED = [...FUNCTION_NAMES, ...TASK_NAMES];
const env: NodeJS.ProcessEnv = {
  TCB_ENV_ID: ENV_ID,
  TCB_SECRET_ID: 'AKID-test',
  TCB_SECRET_KEY: 'secret-test',
  RIDER_HUB_TOKEN_KEY: randomBytes(32).toString('base64'),
  RIDER_HUB_FIELD_KEY: randomBytes(32).toString('base64'),
  RIDER_HUB_TEMPLATE_REVIEW_DECIDED: 'tmpl-review',
};
const quick = { pollMs: 1, maxWaitMs: 5000 };

let api: ManagementApi;
let standin: Standin;
let plan: DeployPlan;
const lines: string[] = [];
const out = (line: string) => void lines.push(line);

/** The plan with its functions narrowed to some (each deploy waits on manager-node's one-second status polls). */
const only = (names: string[]): DeployPlan => ({ ...plan, functions: plan.functions.filter((f) => names.includes(f.name)) });

beforeAll(async () => {
  if (DEPLOYED.some((fn) => !existsSync(join(OUT, fn, 'index.js')))) await buildFunctions();
  plan = deployPlan({ collections: COLLECTIONS, functionNames: FUNCTION_NAMES, taskNames: TASK_NAMES, config: readConfig(), env, openapi: {} });
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env, { RIDER_HUB_TOKEN_KEY: env.RIDER_HUB_TOKEN_KEY, RIDER_HUB_FIELD_KEY: env.RIDER_HUB_FIELD_KEY });
  for (const spec of COLLECTIONS) if (spec.geo) standin.declareGeoIndex(spec.name, spec.geo);
  await openCloudbaseDocStore(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })).ensureCollections(COLLECTIONS);
  api = startManagementApi(ENV_ID);
});

afterAll(async () => {
  api.restore();
  await standin.stop();
});

beforeEach(() => {
  api.calls.length = 0;
  lines.length = 0;
});

test('collections and indexes: the geo ones requested as 2dsphere, every one read back', async () => {
  await ensureDatabase(connect(env), plan, ENV_ID, out, quick);
  const geo = COLLECTIONS.filter((c) => c.geo);
  for (const spec of geo) {
    const request = api.calls.find((c) => c.action === 'UpdateTable' && c.data.TableName === spec.name);
    expect(request?.data).toMatchObject({
      EnvId: ENV_ID,
      CreateIndexes: expect.arrayContaining([
        { IndexName: `${spec.geo}_2dsphere`, MgoKeySchema: { MgoIndexKeys: [{ Name: spec.geo, Direction: '2dsphere' }], MgoIsUnique: false } },
      ]),
    });
  }
  expect(api.tables.size).toBe(COLLECTIONS.length);
  // Again: everything is there, nothing is sent but the reads.
  api.calls.length = 0;
  await ensureDatabase(connect(env), plan, ENV_ID, out, quick);
  expect(api.actions().filter((a) => a !== 'DescribeTable' && a !== 'DescribeEnvInfo')).toEqual([]);
});

test('a geo index the API makes planar stops the deploy with the console steps, and it goes on once one is made there', async () => {
  const spec = COLLECTIONS.find((c) => c.geo);
  if (!spec?.geo) throw new Error('no geo collection');
  api.tables.delete(spec.name);
  api.geoBecomes = '2d';
  const deploying = ensureDatabase(connect(env), { ...plan, collections: plan.collections.filter((c) => c.name === spec.name) }, ENV_ID, out, {
    pollMs: 20,
    maxWaitMs: 60_000,
  });
  // The administrator follows the steps: the index is made in the console while the deploy waits.
  while (!lines.some((l) => l.includes('新建索引'))) await new Promise((resolve) => setTimeout(resolve, 5));
  const made = (api.tables.get(spec.name) ?? []).filter((i) => i.Name !== `${spec.geo}_2dsphere`);
  api.tables.set(spec.name, [...made, { Name: `${spec.geo}_2dsphere`, Keys: [{ Name: spec.geo, Direction: '2dsphere' }] }]);
  await deploying;
  api.geoBecomes = '2dsphere';
  expect(lines.join('\n')).toContain(`集合 ${spec.name} → 索引管理`);
  expect(lines.join('\n')).toContain(`字段 ${spec.geo}, 类型 地理位置 (2dsphere)`);
});

test('every collection is closed to clients, and read back', async () => {
  await closeCollections(connect(env), plan, out);
  const set = api.calls.filter((c) => c.action === 'ModifyResourcePermission');
  expect(set).toHaveLength(COLLECTIONS.length);
  expect(set[0]?.data).toEqual({ EnvId: ENV_ID, ResourceType: 'collection', Resource: COLLECTIONS[0]?.name, Permission: 'ADMINONLY' });
});

test('functions: code inline, the timeout, the whole environment and the timer trigger; a redeploy keeps the environment', async () => {
  await deployFunctions(connect(env), only(['account', 'scheduler']), env, out, quick);
  const created = api.calls.filter((c) => c.action === 'CreateFunction');
  expect(created.map((c) => c.data.FunctionName)).toEqual(['account', 'scheduler']);
  expect(created[0]?.data).toMatchObject({
    FunctionName: 'account',
    Namespace: ENV_ID,
    Runtime: 'Nodejs18.15',
    Handler: 'index.main',
    Timeout: 10,
    MemorySize: 256,
    InstallDependency: 'FALSE',
    Code: { ZipFile: expect.any(String) },
  });
  const variables = (created[0]?.data.Environment as { Variables: { Key: string }[] }).Variables.map((v) => v.Key).sort();
  expect(variables).toEqual(['RIDER_HUB_FIELD_KEY', 'RIDER_HUB_TEMPLATE_REVIEW_DECIDED', 'RIDER_HUB_TOKEN_KEY']);
  expect(api.calls.find((c) => c.action === 'BatchCreateTrigger')?.data).toMatchObject({
    FunctionName: 'scheduler',
    Triggers: JSON.stringify([{ TriggerName: 'every5min', Type: 'timer', TriggerDesc: '0 */5 * * * * *' }]),
  });

  // A redeploy: code and configuration updated, the same environment set again, the trigger left as it is.
  api.calls.length = 0;
  await deployFunctions(connect(env), only(['account', 'scheduler']), env, out, quick);
  expect(api.actions().filter((a) => a === 'UpdateFunctionCode' || a === 'UpdateFunctionConfiguration')).toHaveLength(4);
  expect(api.actions()).not.toContain('BatchCreateTrigger');
  expect(
    api.functions
      .get('account')
      ?.Variables.map((v) => v.Key)
      .sort(),
  ).toEqual(variables);
  expect(api.functions.get('scheduler')?.Triggers.map((t) => t.TriggerName)).toEqual(['every5min']);
  expect(JSON.stringify(lines)).not.toContain(env.RIDER_HUB_TOKEN_KEY);
});

test('a variable set by hand in the console stops the deploy before anything changes', async () => {
  api.functions.get('account')?.Variables.push({ Key: 'RIDER_HUB_SUBSCRIBE_FIELDS', Value: 'thing1,thing2' });
  await expect(deployFunctions(connect(env), only(['account']), env, out, quick)).rejects.toThrow('account: RIDER_HUB_SUBSCRIBE_FIELDS');
  expect(api.actions()).not.toContain('UpdateFunctionCode');
  api.functions.get('account')?.Variables.pop();
});

test('the function security rules: clients may call the routers only', async () => {
  await setSecurityRules(connect(env), plan, out);
  expect(api.calls.find((c) => c.action === 'ModifyResourcePermission')?.data).toEqual({
    EnvId: ENV_ID,
    ResourceType: 'function',
    Permission: 'CUSTOM',
    SecurityRule: JSON.stringify({ '*': { invoke: 'auth != null' }, scheduler: { invoke: false }, selfcheck: { invoke: false } }),
  });
  expect(functionSecurityRules(TASK_NAMES)).toEqual({ '*': { invoke: 'auth != null' }, scheduler: { invoke: false }, selfcheck: { invoke: false } });
});

test('--check invokes every function through the invoke API and reads what came back', async () => {
  // The management API's invocation carries no caller: the functions run as the bundles, on the stand-in.
  api.invoke = async (name, event) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(join(OUT, name, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> };
    return main(event, { request_id: 'invoke', function_name: name, namespace: ENV_ID, environment: JSON.stringify({ SCF_NAMESPACE: ENV_ID }) });
  };
  // The timer trigger ran the scheduler once; the rules are as the deploy sets them.
  expect(await api.invoke('scheduler', { Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString(), Message: '' })).toMatchObject({ ok: true });
  await setSecurityRules(connect(env), plan, out);
  const verdicts = await checkEnvironment(connect(env), plan);
  const { text, ok } = formatVerdicts(ENV_ID, verdicts);
  expect(text).toContain('✓ account: starts with its keys, and takes no caller from the event (UNAUTHENTICATED)');
  expect(text).toContain('✓ scheduler: refuses an invocation that is not its timer trigger (FORBIDDEN)');
  expect(text).toContain('✓ write conflict: comes back as DATABASE_TRANSACTION_CONFLICT, which the adapter retries');
  expect(text).toContain('✓ duplicate _id in a transaction: comes back as DATABASE_DUPLICATE_WRITE');
  expect(text).toContain('✓ database round trip: p50 ');
  expect(text).toMatch(/✓ scheduler: its timer last ran it \d+ min ago/);
  expect(ok).toBe(true);
  expect(text).toMatch(new RegExp(`all ${verdicts.length} checks passed in ${ENV_ID}\\n$`));
  const invoked = api.calls.filter((c) => c.action === 'Invoke');
  expect(invoked.map((c) => c.data.FunctionName)).toEqual([...FUNCTION_NAMES, 'scheduler', 'selfcheck']);
  expect(invoked[0]?.data).toMatchObject({ Namespace: ENV_ID, LogType: 'Tail', ClientContext: expect.stringContaining('forged-by-check') });
});
