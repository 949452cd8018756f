/**
 * The scheduler runs for its timer trigger only, tested through its `main(event, context)` on the CloudBase SDK and
 * the local stand-in: a client's call is refused even when it forges the timer's event, and so is any other event.
 */
import { randomBytes } from 'node:crypto';
import * as tcb from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { COLLECTIONS, MODULES } from '../../cloudfunctions/functions';
import { moduleMain } from '../../cloudfunctions/adapters/cloudbase/entry';
import scheduler from '../../cloudfunctions/tasks/scheduler/module';
import { SCHEDULER_TRIGGERS } from '../../cloudfunctions/tasks/scheduler/sweeps';
import { LAST_TICK, schedulerTicks } from '../../cloudfunctions/tasks/scheduler/ticks';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

let standin: Standin;

const main = moduleMain(scheduler, MODULES);
const TIMER = { Type: 'Timer', TriggerName: SCHEDULER_TRIGGERS[0], Time: '2026-12-07T06:00:00Z', Message: '' };
const REFUSED = { ok: false, error: { code: 'FORBIDDEN', message: '只有定时触发器可以运行这个函数' } };

/** An invocation context as SCF passes it, with these context variables. */
const context = (environment: Record<string, string>) => ({
  request_id: 'r',
  function_name: 'scheduler',
  namespace: 'standin',
  environment: JSON.stringify(environment),
});

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env, {
    RIDER_HUB_TOKEN_KEY: randomBytes(32).toString('base64'),
    RIDER_HUB_FIELD_KEY: randomBytes(32).toString('base64'),
  });
  await openCloudbaseDocStore(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })).ensureCollections(COLLECTIONS);
});

afterAll(() => standin.stop());

test('its timer trigger runs the sweeps, and the tick is kept for --check', async () => {
  const before = Date.now();
  expect(await main(TIMER, context({ TRIGGER_SRC: 'timer' }))).toEqual({ ok: true, data: { reminded: 0, folded: 0, toldAnonymous: 0, pushed: 0 } });
  const tick = await openCloudbaseDocStore(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })).get(schedulerTicks, LAST_TICK);
  expect(Date.parse(tick?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
});

test.each([
  ['a mini-program user forging the timer event', TIMER, context({ WX_OPENID: 'o-rider', WX_APPID: 'wx-app', TRIGGER_SRC: 'tcb' })],
  ['a web user forging the timer event', TIMER, context({ TCB_UUID: 'u-1', TRIGGER_SRC: 'tcb' })],
  ['a mini-program user with an ordinary call', { action: 'runSweeps' }, context({ WX_OPENID: 'o-rider' })],
  ['an invocation without the timer event', {}, context({})],
  ['another trigger', { ...TIMER, TriggerName: 'hourly' }, context({})],
  ['no event at all', undefined, undefined],
])('%s is refused before anything is read', async (_name, event, ctx) => {
  const before = standin.stats('standin').total;
  expect(await main(event, ctx)).toEqual(REFUSED);
  expect(standin.stats('standin').total).toBe(before);
});
