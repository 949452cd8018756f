import { randomBytes } from 'node:crypto';
import type { ActionName, Envelope, FunctionName, InputOf, OutputOf } from '../../types';
import { newId } from '../../cloudfunctions/core/crypto';
import { findUser, type UserDoc } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import type { DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTIONS } from '../../cloudfunctions/functions';
import { openTestStore, testStoreKind, type StoreKind, type TestStoreOptions } from './stores';

export const ADMIN = 'test-admin';

export interface Harness {
  kind: StoreKind;
  deps: Deps;
  store: DocStore;
  /** The clock every call sees; tests move it. */
  clock: { now: Date };
  /** Calls a function as the given openid (null: no identity) and answers the raw envelope. */
  raw(fn: string, openid: string | null, event: unknown): Promise<Envelope<unknown>>;
  /** Calls and expects success. */
  call<F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, input: InputOf<F, A>): Promise<OutputOf<F, A>>;
  /** Calls and expects failure; answers the error code. */
  fail<F extends FunctionName, A extends ActionName<F>>(openid: string | null, fn: F, action: A, input: unknown): Promise<string>;
  /** The bytes of the store's files (SQLite); none on CloudBase, whose documents a test reads through the store. */
  files(): Buffer[];
  /** The stored user behind an openid, if any. */
  user(openid: string): Promise<UserDoc | null>;
  close(): Promise<void>;
}

/**
 * A fresh, empty store of the kind `RIDER_HUB_TEST_STORE` names (SQLite by default, or CloudBase through the local
 * stand-in): one per test file.
 */
export async function createHarness(start = new Date('2026-11-18T02:00:00.000Z'), options: TestStoreOptions = {}): Promise<Harness> {
  const kind = testStoreKind();
  const opened = await openTestStore(kind, COLLECTIONS, options);
  const { store } = opened;
  const clock = { now: start };
  const deps: Deps = {
    store,
    secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) },
    now: () => clock.now,
    newId,
    adminOpenid: ADMIN,
    // An INTERNAL answer in a test is a bug: show its stack.
    log: (line) => {
      if (line.level === 'error') console.error(line);
    },
  };
  const raw = (fn: string, openid: string | null, event: unknown) => {
    const router = FUNCTIONS[fn];
    if (!router) throw new Error(`no function ${fn}`);
    return router.handle(event, { openid }, deps);
  };
  return {
    kind,
    deps,
    store,
    clock,
    raw,
    async call(openid, fn, action, input) {
      const res = await raw(fn, openid, { ...(input as object), action });
      if (!res.ok) throw new Error(`${fn}.${action} failed: ${res.error.code} ${res.error.message}`);
      return res.data as OutputOf<typeof fn, typeof action>;
    },
    async fail(openid, fn, action, input) {
      const res = await raw(fn, openid, { ...(input as object), action });
      if (res.ok) throw new Error(`${fn}.${action} unexpectedly succeeded`);
      return res.error.code;
    },
    user: (openid) => findUser(store, openid, deps.secrets.fieldKey),
    files: () => opened.files(),
    close: () => opened.close(),
  };
}
