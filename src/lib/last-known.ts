import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { currentOpenid } from '../api/identity';
import { errorText, isFinal } from './error-text';

/** Per signed-in person (in WeChat there is one person per device): one person never sees another's last data. */
const keyOf = (name: string) => `rider-hub:last:${currentOpenid() ?? 'me'}:${name}`;

export function readLastKnown<T>(name: string): T | null {
  try {
    const value: unknown = Taro.getStorageSync(keyOf(name));
    return value === '' || value === undefined || value === null ? null : (value as T);
  } catch {
    return null;
  }
}

export function writeLastKnown<T>(name: string, value: T): void {
  try {
    Taro.setStorageSync(keyOf(name), value);
  } catch {
    // A full storage only costs the next cold start its head start.
  }
}

export interface LastKnown<T> {
  /** The freshest data there is: this visit's answer, else what the last visit saw, else null. */
  data: T | null;
  /** `loading` while the refresh runs, `fresh` once it answered, `failed` when it did not (data may be the last visit's). */
  status: 'loading' | 'fresh' | 'failed';
  /** Why the refresh failed; empty otherwise. */
  error: string;
  /** The refresh failed for a reason trying again cannot fix (no permission). */
  final: boolean;
  /** Reads the last data again (another person may have signed in) and refreshes. */
  reload: () => Promise<void>;
}

/**
 * A tab page's data, shown at once from the last visit and refreshed behind: a rider in a basement sees their page
 * (and the way to their check-in code) whether or not the network answers. `fetch` must keep its identity.
 */
export function useLastKnown<T>(name: string, fetch: () => Promise<T>): LastKnown<T> {
  const [data, setData] = useState<T | null>(() => readLastKnown<T>(name));
  const [status, setStatus] = useState<LastKnown<T>['status']>('loading');
  const [error, setError] = useState('');
  const [final, setFinal] = useState(false);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setData(readLastKnown<T>(name));
    setStatus('loading');
    try {
      const fresh = await fetch();
      if (mine !== seq.current) return;
      writeLastKnown(name, fresh);
      setData(fresh);
      setError('');
      setStatus('fresh');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e, '网络不给力，暂时连不上'));
      setFinal(isFinal(e));
      setStatus('failed');
    }
  }, [fetch, name]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, status, error, final, reload };
}
