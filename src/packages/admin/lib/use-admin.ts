import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { User } from '../../../../types/account';
import type { Org } from '../../../../types/orgs';
import { api } from '../../../api';
import { errorText, isFinal } from '../../../lib/error-text';
import { scopeOf } from './tree';

export interface AdminBase {
  user: User;
  orgs: Org[];
  /** Committees the caller manages; undefined for an admin (all). */
  scope: Set<string> | undefined;
}

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | ({ kind: 'ready' } & AdminBase & T);

/**
 * A page's data: the caller and the committee tree, plus what `fetch` adds, loaded on open, on pull-down and when the
 * page shows again after a form (`refreshOnShow`). `fetch` must keep its identity (a module function or useCallback).
 */
export function useAdmin<T extends object>(fetch: (base: AdminBase) => Promise<T>, refreshOnShow = false) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const shown = useRef(false);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const [{ user }, { orgs }] = await Promise.all([api.account.me(), api.orgs.tree()]);
      const base = { user, orgs, scope: scopeOf(user, orgs) };
      setState({ kind: 'ready', ...base, ...(await fetch(base)) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, [fetch]);

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (refreshOnShow && shown.current) void load();
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  return { state, setState, load };
}

export const nothing = async () => ({});
