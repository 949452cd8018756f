import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { errorText } from './format';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & T);

/**
 * A page's data: loaded on open and again on pull-down (or `load`), as loading, error or ready. `fetch` must keep its
 * identity (a module function or a useCallback); `setState` lets the page update what it shows.
 */
export function useLoad<T extends object>(fetch: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const data = await fetch();
      setState({ kind: 'ready', ...data });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e) });
    }
  }, [fetch]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  return { state, setState, load };
}
