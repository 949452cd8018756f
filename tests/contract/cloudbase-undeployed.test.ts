/**
 * A function on an environment the deploy has not finished (no geo index, a missing collection): it answers a typed
 * error in Chinese, never INTERNAL, and says what is missing in its log once.
 */
import * as tcb from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { newId } from '../../cloudfunctions/core/crypto';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { stationsFunction } from '../../cloudfunctions/features/stations/actions';
import { users } from '../../cloudfunctions/core/identity';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

let standin: Standin;
let envs = 0;

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env);
});
afterAll(() => standin.stop());

function deps(store: Deps['store']): Deps {
  return { store, secrets: { tokenKey: Buffer.alloc(32, 1), fieldKey: Buffer.alloc(32, 2) }, now: () => new Date(), newId };
}

const nearby = { action: 'nearby', lat: 30.84, lng: 120.92 };

test('a missing geo index: a typed answer, and one log line however many calls meet it', async () => {
  const store = openCloudbaseDocStore(tcb.init({ env: `undeployed-${++envs}` }));
  await store.ensureCollections([users, stations]); // collections, but no geo index
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    for (let i = 0; i < 3; i++) {
      expect(await stationsFunction.handle(nearby, { openid: 'rider' }, deps(store))).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '该功能尚未部署完成，请联系管理员' },
      });
    }
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain('the geo index is missing: run npm run deploy');
  } finally {
    logged.mockRestore();
  }
});

test('a missing collection: the same typed answer', async () => {
  const store = openCloudbaseDocStore(tcb.init({ env: `undeployed-${++envs}` }));
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const answer = await stationsFunction.handle(nearby, { openid: 'rider' }, deps(store));
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(String(logged.mock.calls[0]?.[0])).toContain('a collection is missing');
  } finally {
    logged.mockRestore();
  }
});
