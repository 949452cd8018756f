/**
 * The deployed self-check (`npm run deploy -- --check` invokes it) through its `main(event, context)` on the CloudBase
 * SDK and the local stand-in, answering lost writes each way the service is reported to: it reports the codes as they
 * come and how the adapter reads them, answers a `near` on every geo index, cleans up, and refuses clients.
 */
import * as tcb from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import type { SelfCheckReport } from '../../cloudfunctions/adapters/cloudbase/self-check';
import { COLLECTIONS } from '../../cloudfunctions/functions';
import { cloudAdminTask } from '../../cloudfunctions/adapters/cloudbase/entry';
import { runSelfCheck } from '../../cloudfunctions/adapters/cloudbase/self-check';
import { selfChecks } from '../../cloudfunctions/tasks/selfcheck/collections';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

/** What its generated entry exports (scripts/build-functions.ts). */
const main = cloudAdminTask(runSelfCheck);
let standin: Standin;
const GEO = COLLECTIONS.flatMap((c) => (c.geo ? [{ collection: c.name, field: c.geo }] : []));
/** What the management API's invocation carries: no user. */
const admin = {
  request_id: 'r',
  function_name: 'selfcheck',
  namespace: 'standin',
  environment: JSON.stringify({ SCF_NAMESPACE: 'standin', TCB_ENV: 'standin' }),
};

async function check(event: unknown = { geo: GEO }, context: unknown = admin): Promise<SelfCheckReport> {
  const res = await main(event, context);
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  return res.data as SelfCheckReport;
}

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env);
  for (const g of GEO) standin.declareGeoIndex(g.collection, g.field);
  await openCloudbaseDocStore(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })).ensureCollections(COLLECTIONS);
});

afterAll(() => standin.stop());

test.each([
  ['documented', { code: 'DATABASE_TRANSACTION_CONFLICT', readAs: 'conflict' }, { code: 'DATABASE_DUPLICATE_WRITE', readAs: 'duplicate' }],
  ['reported', { code: '503', readAs: 'conflict' }, { code: 'DATABASE_REQUEST_FAILED', readAs: 'duplicate' }],
] as const)('lost writes answered the %s way are reported as they came, and read right', async (form, conflict, duplicate) => {
  standin.setErrorForm('standin', form);
  const report = await check();
  expect(report).toMatchObject({
    contextVariables: ['SCF_NAMESPACE', 'TCB_ENV'],
    openidInContext: false,
    users: 0,
    schedulerLastTick: null,
    transaction: { committed: true },
    conflict,
    duplicate,
    near: GEO.map((g) => ({ ...g, ok: true })),
    roundTripMs: { samples: 20 },
    push: { errcode: 0 },
    cleanedUp: true,
  });
  expect(report.roundTripMs.p95).toBeGreaterThanOrEqual(report.roundTripMs.p50);
  expect((await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database().collection(selfChecks.name).count()).total).toBe(0);
  standin.setErrorForm('standin', 'documented');
});

test('a geo field without its index is reported, not thrown', async () => {
  const report = await check({ geo: [{ collection: 'orgs', field: 'location' }] });
  expect(report.near).toEqual([{ collection: 'orgs', field: 'location', ok: false, error: expect.stringMatching(/index/) }]);
});

test('a client is refused, and a malformed event is an error', async () => {
  const client = { ...admin, environment: JSON.stringify({ WX_OPENID: 'o-rider', WX_APPID: 'wx-app' }) };
  expect(await main({ geo: GEO }, client)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有管理员可以运行这个函数' } });
  await expect(main({ geo: [{ collection: 'a b', field: 'x' }] }, admin)).rejects.toThrow();
});
