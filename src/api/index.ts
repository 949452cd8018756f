import type { ActionName, FunctionName, InputOf, OutputOf } from '../../types';
import { callFunction } from './client';

/** One action: the input may be left out when every field of the contract's input is optional. */
type Call<F extends FunctionName, A extends ActionName<F>> =
  object extends InputOf<F, A> ? (input?: InputOf<F, A>) => Promise<OutputOf<F, A>> : (input: InputOf<F, A>) => Promise<OutputOf<F, A>>;

/** The whole contract as calls: api.<function>.<action>(input), typed by types/index.ts. */
export type Api = { readonly [F in FunctionName]: { readonly [A in ActionName<F>]: Call<F, A> } };

type AnyCall = (input?: object) => Promise<unknown>;

/**
 * Built on first use from the names alone, so only the contract's types reach the bundle, never its zod schemas.
 * Each call is made once and kept: pages may pass `api.x.y` to hooks that compare functions by identity.
 */
function createApi(): Api {
  const functions = new Map<string, Record<string, AnyCall>>();
  const actionsOf = (fn: string) => {
    const calls = new Map<string, AnyCall>();
    return new Proxy({} as Record<string, AnyCall>, {
      get(_, action) {
        if (typeof action !== 'string') return undefined;
        let call = calls.get(action);
        if (!call) {
          call = (input = {}) => callFunction(fn as FunctionName, action as never, input as never);
          calls.set(action, call);
        }
        return call;
      },
    });
  };
  return new Proxy({} as Api, {
    get(_, fn) {
      if (typeof fn !== 'string') return undefined;
      let actions = functions.get(fn);
      if (!actions) {
        actions = actionsOf(fn);
        functions.set(fn, actions);
      }
      return actions;
    },
  });
}

export const api = createApi();
