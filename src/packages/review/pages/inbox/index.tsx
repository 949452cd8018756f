import { useCallback, useEffect, useRef } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { InboxMessage } from '../../../../../types/account';
import { TAB_PAGES } from '../../../../../types/pages';
import { api } from '../../../../api';
import { LoadMoreButton, PagedPlaceholder } from '../../../../components/paged-list';
import { usePaged } from '../../../../lib/use-paged';
import { markReviewsChanged } from '../../../../lib/review-refresh';
import './index.css';
import { formatTime } from '../../../../lib/time-format';

function open(link: string) {
  const [path = link] = link.split('?');
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: link });
}

export default function InboxPage() {
  const fetchPage = useCallback(async (cursor?: string) => {
    const res = await api.account.messages({ limit: 20, ...(cursor ? { cursor } : {}) });
    return { items: res.messages, cursor: res.cursor };
  }, []);
  const list = usePaged<InboxMessage>(fetchPage);

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());

  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return;
    list.setItems((items) => items.map((m) => (ids.includes(m.id) ? { ...m, read: true } : m)));
    try {
      await api.account.readMessages({ ids });
    } catch {
      // The mark is a convenience: the message stays readable, the next load shows the server's view.
    }
  };

  const tap = (m: InboxMessage) => {
    if (!m.read) void markRead([m.id]);
    if (m.link) open(m.link);
  };

  // Opening the inbox reads what it shows: the server marks them read (the tab's badge goes down) while this visit
  // still shows which were new.
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = (list.items ?? []).filter((m) => !m.read && !seen.current.has(m.id)).map((m) => m.id);
    if (fresh.length === 0) return;
    fresh.forEach((id) => seen.current.add(id));
    api.account.readMessages({ ids: fresh.slice(0, 100) }).then(markReviewsChanged, () => undefined);
  }, [list.items]);

  const { items, status, error } = list;
  if (items === null || items.length === 0) return <PagedPlaceholder list={list} empty='暂无消息' />;
  const unreadIds = items.filter((m) => !m.read).map((m) => m.id);

  return (
    <View className='page inbox-page'>
      {unreadIds.length > 0 ? (
        <View className='inbox-page__all' onClick={() => void markRead(unreadIds.slice(0, 100))}>
          全部标为已读
        </View>
      ) : null}
      {status === 'error' ? (
        <View className='inbox-page__note inbox-page__note--error' onClick={() => void list.reload()}>
          {error}（点此重试）
        </View>
      ) : null}
      {items.map((m) => (
        <View key={m.id} className={`inbox-message ${m.read ? '' : 'inbox-message--unread'}`} onClick={() => tap(m)}>
          <View className='inbox-message__head'>
            {m.read ? null : <View className='inbox-message__dot' />}
            <Text className='inbox-message__title'>{m.title}</Text>
            <Text className='inbox-message__time'>{formatTime(m.at)}</Text>
          </View>
          <Text className='inbox-message__body'>{m.body}</Text>
          {m.detail ? <Text className='inbox-message__detail'>{m.detail}</Text> : null}
          {m.link ? <Text className='inbox-message__link'>查看详情 ›</Text> : null}
        </View>
      ))}
      <LoadMoreButton list={list} className='inbox-page__more' />
    </View>
  );
}
