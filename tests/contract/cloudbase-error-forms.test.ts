/**
 * The CloudBase adapter handles a lost write in every form it is reported to come back in (db-errors.ts): the
 * stand-in answers a write conflict as HTTP 503 and an existing `_id` as DATABASE_REQUEST_FAILED with E11000.
 */
import * as tcb from '@cloudbase/node-sdk';
import { openCloudbaseDocStore } from '../../cloudfunctions/adapters/cloudbase/docstore.cloudbase';
import { defineCollection, StoreConflict, type DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { startCloudbaseStandin, type ErrorForm, type Standin } from '../support/cloudbase-standin';

const counters = defineCollection<{ _id: string; n: number }>({ name: 'counters', indexes: [] });

let standin: Standin;

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env);
});

afterAll(() => standin.stop());

async function storeAnswering(form: ErrorForm): Promise<{ store: DocStore; envName: string }> {
  const envName = `forms-${form}`;
  standin.setErrorForm(envName, form);
  const store = openCloudbaseDocStore(tcb.init({ env: envName }));
  await store.ensureCollections([counters]);
  return { store, envName };
}

describe.each<ErrorForm>(['documented', 'reported'])('answered the %s way', (form) => {
  it('a conflicting transaction runs again until every increment counts', async () => {
    const { store, envName } = await storeAnswering(form);
    await store.insert(counters, { _id: 'c', n: 0 });
    await Promise.all(
      Array.from({ length: 6 }, () =>
        store.transaction(async (tx) => {
          const c = await tx.get(counters, 'c');
          await tx.set(counters, { _id: 'c', n: (c?.n ?? 0) + 1 });
        }),
      ),
    );
    expect((await store.get(counters, 'c'))?.n).toBe(6);
    expect(standin.stats(envName).conflicts).toBeGreaterThan(0);
  });

  it('an existing _id is a StoreConflict, inside a transaction and out', async () => {
    const { store } = await storeAnswering(form);
    await store.insert(counters, { _id: 'taken', n: 1 });
    await expect(store.insert(counters, { _id: 'taken', n: 2 })).rejects.toBeInstanceOf(StoreConflict);
    await expect(store.transaction((tx) => tx.insert(counters, { _id: 'taken', n: 3 }))).rejects.toBeInstanceOf(StoreConflict);
    expect((await store.get(counters, 'taken'))?.n).toBe(1);
  });
});
