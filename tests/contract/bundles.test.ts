/**
 * The deployed artefacts themselves: each bundled function's `main(event, context)` from build/functions, on the
 * unmodified CloudBase SDK against the local stand-in of its HTTP API, with the caller in the invocation context.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tcb from '@cloudbase/node-sdk';
import type { Envelope } from '../../types';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { COLLECTIONS, FUNCTION_NAMES, TASK_NAMES } from '../../cloudfunctions/functions';
import { OUT, buildFunctions } from '../../scripts/build-functions';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

jest.setTimeout(120_000);

type Main = (event: unknown, context: unknown) => Promise<Envelope<Record<string, unknown>>>;

/** The routers and the timer-run tasks: every deployed function. */
const DEPLOYED = [...FUNCTION_NAMES, ...TASK_NAMES];

let standin: Standin;
const mains = new Map<string, Main>();
const called = new Set<string>();

function context(openid: string) {
  return { request_id: 'req', function_name: 'fn', namespace: 'standin', environment: JSON.stringify({ WX_OPENID: openid, WX_APPID: 'wx-app' }) };
}

async function call(fn: string, openid: string, event: Record<string, unknown>): Promise<Record<string, unknown>> {
  called.add(fn);
  const res = await mains.get(fn)!(event, context(openid));
  if (!res.ok) throw new Error(`${fn}.${String(event.action)}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

beforeAll(async () => {
  if (DEPLOYED.some((fn) => !existsSync(join(OUT, fn, 'index.js')))) await buildFunctions();
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env, {
    RIDER_HUB_TOKEN_KEY: randomBytes(32).toString('base64'),
    RIDER_HUB_FIELD_KEY: randomBytes(32).toString('base64'),
    RIDER_HUB_ADMIN: 'bundle-admin',
  });
  // What the deploy does before the functions run: the collections and the geo index.
  for (const spec of COLLECTIONS) if (spec.geo) standin.declareGeoIndex(spec.name, spec.geo);
  await openCloudbaseDocStore(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })).ensureCollections(COLLECTIONS);
  for (const fn of DEPLOYED) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mains.set(fn, (require(join(OUT, fn, 'index.js')) as { main: Main }).main);
  }
});

afterAll(() => standin.stop());

test('every bundled function answers through the SDK: a committee, a station, a check-in and its points', async () => {
  const { org } = (await call('orgs', 'bundle-admin', { action: 'create', name: '测试县团委', kind: 'district' })) as { org: { id: string } };
  const { station } = (await call('stations', 'bundle-admin', {
    action: 'create',
    name: '打包测试驿站',
    orgId: org.id,
    location: { lat: 30.84, lng: 120.93 },
    address: '嘉善县测试路 1 号',
    services: ['rest', 'water'],
  })) as { station: { id: string } };
  await call('account', 'bundle-admin', { action: 'grantRole', openid: 'bundle-staff', role: 'staff', stationId: station.id });
  const { code } = (await call('checkin', 'bundle-rider', { action: 'issueCode' })) as { code: string };
  expect(await call('checkin', 'bundle-staff', { action: 'redeem', code, stationId: station.id })).toMatchObject({ pointsAwarded: 5 });
  expect(await call('points', 'bundle-rider', { action: 'balance' })).toEqual({ balance: 5 });
  expect(await call('review', 'bundle-rider', { action: 'mine' })).toEqual({ items: [] });
  const near = (await call('stations', 'bundle-rider', { action: 'nearby', lat: 30.841, lng: 120.931 })) as { stations: { id: string }[] };
  expect(near.stations.map((s) => s.id)).toEqual([station.id]);
  expect(await call('consult', 'bundle-rider', { action: 'slots', category: 'law' })).toEqual({ slots: [] });
  expect(await call('childcare', 'bundle-rider', { action: 'programmes' })).toMatchObject({ programmes: [] });
  expect(await call('volunteers', 'bundle-rider', { action: 'hours' })).toMatchObject({ total: 0 });
  expect(await call('voice', 'bundle-rider', { action: 'wishes' })).toEqual({ wishes: [] });
  expect(await call('activities', 'bundle-rider', { action: 'list' })).toEqual({ activities: [] });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  expect(await call('reports', 'bundle-admin', { action: 'summary', orgId: org.id, from: today, to: today })).toMatchObject({
    visits: 1,
    uniqueRiders: 1,
    pointsIssued: 5,
  });
  // The timer's invocation: its event, no caller.
  called.add('scheduler');
  const timer = { Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString(), Message: '' };
  expect(await mains.get('scheduler')!(timer, { request_id: 'timer', function_name: 'scheduler', namespace: 'standin' })).toEqual({
    ok: true,
    data: { reminded: 0, folded: 0, toldAnonymous: 0, pushed: 0 },
  });
  // The self-check, as `npm run deploy -- --check` invokes it: no caller.
  called.add('selfcheck');
  const geo = COLLECTIONS.flatMap((c) => (c.geo ? [{ collection: c.name, field: c.geo }] : []));
  expect(await mains.get('selfcheck')!({ geo }, { request_id: 'check', function_name: 'selfcheck', namespace: 'standin' })).toMatchObject({
    ok: true,
    data: { transaction: { committed: true }, conflict: { readAs: 'conflict' }, duplicate: { readAs: 'duplicate' }, cleanedUp: true },
  });
  expect(standin.stats('standin').requests['database.startTransaction']).toBeGreaterThan(0);
  expect([...called].sort()).toEqual([...DEPLOYED].sort());
});

test('only the functions that send subscribe messages declare the permission in their config.json', () => {
  const openapi = (fn: string) =>
    (JSON.parse(readFileSync(join(OUT, fn, 'config.json'), 'utf8')) as { permissions: { openapi: string[] } }).permissions.openapi;
  // Request functions only queue their pushes; the scheduler sends them, the self-check tries the permission.
  const sending = ['scheduler', 'selfcheck'];
  for (const fn of sending) expect(openapi(fn)).toEqual(['subscribeMessage.send']);
  for (const fn of DEPLOYED.filter((f) => !sending.includes(f))) expect(openapi(fn)).toEqual([]);
});
