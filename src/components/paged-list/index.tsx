import { Button } from '@tarojs/components';
import type { Paged } from '../../lib/use-paged';
import { StateView, type StateAction } from '../state-view';

/** What a paged list shows while it has no rows: loading, the error with a retry, or `empty` with the next step if any. */
export function PagedPlaceholder<T>({ list, empty, emptyAction }: { list: Paged<T>; empty: string; emptyAction?: StateAction }) {
  const { items, status, error } = list;
  if (status === 'error') return <StateView kind='error' message={error} onRetry={() => void list.reload()} />;
  if (items === null) return <StateView kind='loading' />;
  return <StateView kind='empty' message={empty} action={emptyAction} />;
}

/** 加载更多 under a paged list while there is a next page; its error is shown on the button, which retries. */
export function LoadMoreButton<T>({ list, className }: { list: Paged<T>; className: string }) {
  const { status, error } = list;
  if (!list.cursor) return null;
  return (
    <Button className={`secondary-button ${className}`} onClick={() => void list.loadMore()} disabled={status === 'more' || undefined}>
      {status === 'more' ? '加载中…' : status === 'more-error' ? `${error}，点此重试` : '加载更多'}
    </Button>
  );
}
