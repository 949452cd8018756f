/**
 * A stand-in for src/api: `api.<function>.<action>` is a jest.fn, the same one on every read, answering undefined
 * until a test says otherwise. Use: jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
 */
export function apiMock() {
  const calls = new Map<string, jest.Mock>();
  const functions = new Map<string, object>();
  const actionsOf = (fn: string) =>
    new Proxy(
      {},
      {
        get(_, action) {
          if (typeof action !== 'string') return undefined;
          const key = `${fn}.${action}`;
          let call = calls.get(key);
          if (!call) {
            call = jest.fn().mockName(key);
            calls.set(key, call);
          }
          return call;
        },
      },
    );
  const api = new Proxy(
    {},
    {
      get(_, fn) {
        if (typeof fn !== 'string') return undefined;
        let actions = functions.get(fn);
        if (!actions) {
          actions = actionsOf(fn);
          functions.set(fn, actions);
        }
        return actions;
      },
    },
  );
  return { api };
}
