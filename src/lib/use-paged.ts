import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './error-text';

export interface PageOf<T> {
  items: T[];
  cursor?: string;
}

export type PagedStatus = 'loading' | 'ready' | 'error' | 'more' | 'more-error';

export interface Paged<T> {
  /** null until the first page arrives (and again while a changed query loads). */
  items: T[] | null;
  cursor?: string;
  status: PagedStatus;
  error: string;
  /** Loads the first page again; keeps the shown items meanwhile. */
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Replaces the shown items, e.g. after marking messages read. */
  setItems: (update: (items: T[]) => T[]) => void;
}

/**
 * A cursor-paged list. `fetchPage` is null while the list is not wanted; a new `fetchPage` (its query changed) clears
 * the list and loads the first page. Answers that arrive after a newer request are dropped.
 */
export function usePaged<T>(fetchPage: ((cursor?: string) => Promise<PageOf<T>>) | null): Paged<T> {
  const [items, setItemsState] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<PagedStatus>('loading');
  const [error, setError] = useState('');
  const seq = useRef(0);

  const reload = useCallback(async () => {
    if (!fetchPage) return;
    const mine = ++seq.current;
    setStatus('loading');
    try {
      const page = await fetchPage(undefined);
      if (mine !== seq.current) return;
      setItemsState(page.items);
      setCursor(page.cursor);
      setStatus('ready');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
      setStatus('error');
    }
  }, [fetchPage]);

  const loadMore = useCallback(async () => {
    if (!fetchPage || !cursor || status === 'more' || status === 'loading') return;
    const mine = ++seq.current;
    setStatus('more');
    try {
      const page = await fetchPage(cursor);
      if (mine !== seq.current) return;
      setItemsState((prev) => [...(prev ?? []), ...page.items]);
      setCursor(page.cursor);
      setStatus('ready');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
      setStatus('more-error');
    }
  }, [fetchPage, cursor, status]);

  useEffect(() => {
    setItemsState(null);
    setCursor(undefined);
    void reload();
  }, [reload]);

  const setItems = useCallback((update: (items: T[]) => T[]) => setItemsState((prev) => (prev ? update(prev) : prev)), []);

  return { items, cursor, status, error, reload, loadMore, setItems };
}
