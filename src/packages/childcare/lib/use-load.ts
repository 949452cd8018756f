import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { errorText } from './format';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & T);

/** A page's data: loaded on open and on pull-down (or `load`); `fetch` must keep its identity. */
export function useLoad<T extends object>(fetch: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', ...(await fetch()) });
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
