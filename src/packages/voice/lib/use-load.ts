import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ApiError } from '../../../api/client';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & T);

export const errorText = (e: unknown, fallback = '加载失败，请检查网络后重试') => (e instanceof ApiError ? e.message : fallback);

/** "2026-11-18T10:05:00+08:00" → "11-18 10:05" (answers are already in Shanghai time). */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

/** A page's data, loaded on open, on pull-down and on `load`; `fetch` must keep its identity. */
export function useLoad<T extends object>(fetch: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const load = useCallback(async () => {
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
