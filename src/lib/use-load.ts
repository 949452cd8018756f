import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { errorText, isFinal } from './error-text';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | ({ kind: 'ready' } & T);

/**
 * A page's data: loaded on open and again on pull-down (or `load`), as loading, error or ready. `fetch` must keep its
 * identity (a module function or a useCallback); `setState` lets the page update what it shows. With `quiet`, a reload
 * keeps the page on screen until the answer arrives (for pages that reload after each action).
 */
export function useLoad<T extends object>(fetch: () => Promise<T>, { quiet = false }: { quiet?: boolean } = {}) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!quiet) setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', ...(await fetch()) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, [fetch, quiet]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  return { state, setState, load };
}
