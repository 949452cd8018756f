import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { User } from '../../../types/account';
import type { QueueStats, ReviewItem, ReviewKindName, ReviewStatus } from '../../../types/review';
import { api } from '../../api';
import { currentOpenid } from '../../api/identity';
import { KindTag, StatusBadge } from '../../components/review-badge';
import { REVIEW_KIND_NAMES, REVIEW_STATUS_LABELS, REVIEW_STATUSES } from '../../../types/review-labels';
import { dueText, kindLabel, overdueFirst } from '../../components/review-labels';
import { LoadMoreButton, PagedPlaceholder } from '../../components/paged-list';
import { ServiceGrid } from '../../components/service-grid';
import { StateView, type StateAction } from '../../components/state-view';
import { takeReviewsChanged } from '../../lib/review-refresh';
import { PAGES, pageLink } from '../../../types/pages';
import { isLocalMode } from '../../lib/local-mode';
import { servicesFor } from '../../lib/services';
import { usePaged, type Paged } from '../../lib/use-paged';
import { TabBottomBar } from '../../components/tab-bottom-bar';
import './index.css';
import { formatTime } from '../../lib/time-format';
import { errorText } from '../../lib/error-text';
import { useLastKnown } from '../../lib/last-known';
import { SignInGate } from '../../components/sign-in-gate';

type StatsState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; stats: QueueStats };

const signedIn = () => !isLocalMode() || currentOpenid() !== null;
const isCadre = (user: User) => user.roles.includes('cadre') || user.roles.includes('admin');
const openItem = (id: string) => void Taro.navigateTo({ url: pageLink(PAGES.reviewItem.detail, { id }) });
const fetchUser = async (): Promise<User> => {
  if (!signedIn()) throw new Error('signed out');
  return (await api.account.me()).user;
};

/** Tab 办事: a cadre's queue and workbench, or the caller's own requests; shown at once from the last visit. */
export default function ReviewPage() {
  const { data: user, status: userStatus, error: userError, final, reload: loadUser } = useLastKnown<User>('review-user', fetchUser);
  const who = user
    ? ({ kind: 'ready', user } as const)
    : userStatus === 'failed'
      ? ({ kind: 'error', message: userError } as const)
      : ({ kind: 'loading' } as const);
  const [view, setView] = useState<'queue' | 'mine' | null>(null);
  const loadedAs = useRef<string | null>(currentOpenid());

  useEffect(() => {
    if (!signedIn()) void Taro.navigateTo({ url: PAGES.auth.signIn });
  }, []);

  const cadre = who.kind === 'ready' && isCadre(who.user);
  const showQueue = cadre && view !== 'mine';
  const showMine = who.kind === 'ready' && !showQueue;
  const verified = who.kind === 'ready' && who.user.verified === true;

  // The cadre home: the queue with its filters and the counts.
  const [kind, setKind] = useState<ReviewKindName | undefined>(undefined);
  const [status, setStatus] = useState<ReviewStatus | undefined>(undefined);
  const fetchQueue = useCallback(
    (cursor?: string) => api.review.queue({ limit: 20, ...(kind ? { kind } : {}), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }),
    [kind, status],
  );
  const queued = usePaged<ReviewItem>(showQueue ? fetchQueue : null);
  const [counts, setCounts] = useState<StatsState>({ kind: 'loading' });
  const loadStats = useCallback(async () => {
    setCounts((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    try {
      const { stats: s } = await api.review.stats({});
      setCounts({ kind: 'ready', stats: s });
    } catch (e) {
      setCounts({ kind: 'error', message: errorText(e) });
    }
  }, []);
  useEffect(() => {
    if (showQueue) void loadStats();
  }, [showQueue, loadStats]);

  // 我的申请 and the unread count of the inbox.
  const fetchMine = useCallback((cursor?: string) => api.review.mine({ limit: 20, ...(cursor ? { cursor } : {}) }), []);
  const mineList = usePaged<ReviewItem>(showMine ? fetchMine : null);
  const [unread, setUnread] = useState<number | null>(null);
  const loadUnread = useCallback(async () => {
    try {
      const res = await api.account.messages({ limit: 1 });
      setUnread(res.unread);
    } catch {
      setUnread(null);
    }
  }, []);
  useEffect(() => {
    if (showMine) void loadUnread();
  }, [showMine, loadUnread]);

  const refresh = useCallback(async () => {
    if (showQueue) await Promise.all([queued.reload(), loadStats()]);
    else if (showMine) await Promise.all([mineList.reload(), loadUnread()]);
  }, [showQueue, showMine, queued, mineList, loadStats, loadUnread]);

  // Back from another page: as someone else (local mode) load all again; after a decision or an application, refresh.
  useDidShow(() => {
    if (isLocalMode() && signedIn() && loadedAs.current !== currentOpenid()) {
      loadedAs.current = currentOpenid();
      takeReviewsChanged();
      setView(null);
      void loadUser();
    } else if (takeReviewsChanged()) void refresh();
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (showQueue) void queued.loadMore();
    else if (showMine) void mineList.loadMore();
  });

  if (!signedIn()) return <SignInGate />;
  if (who.kind === 'loading') return <StateView kind='loading' />;
  if (who.kind === 'error') return <StateView kind='error' message={who.message} onRetry={final ? undefined : () => void loadUser()} />;

  if (showQueue) {
    return (
      <View className='page review-page'>
        <CadreHome state={counts} onRetry={() => void loadStats()} />
        <ServiceGrid title='工作台' className='review-page__workbench' services={servicesFor(who.user.roles, 'workbench')} />
        <View className='review-page__filters'>
          <View className='review-chips'>
            <Chip label='全部类型' on={kind === undefined} onTap={() => setKind(undefined)} />
            {REVIEW_KIND_NAMES.map((k) => {
              const waiting = counts.kind === 'ready' ? (counts.stats.byKind[k] ?? 0) : 0;
              return <Chip key={k} label={waiting > 0 ? `${kindLabel(k)} ${waiting}` : kindLabel(k)} on={kind === k} onTap={() => setKind(k)} />;
            })}
          </View>
          <View className='review-chips'>
            <Chip label='待处理' on={status === undefined} onTap={() => setStatus(undefined)} />
            {REVIEW_STATUSES.map((s) => (
              <Chip key={s} label={REVIEW_STATUS_LABELS[s]} on={status === s} onTap={() => setStatus(s)} />
            ))}
          </View>
        </View>
        <ReviewList
          list={queued}
          empty={kind || status ? '没有符合条件的申请' : '暂无待处理的申请'}
          emptyAction={
            kind || status
              ? {
                  label: '清除筛选',
                  onTap: () => {
                    setKind(undefined);
                    setStatus(undefined);
                  },
                }
              : undefined
          }
          renderRow={(item) => <QueueRow key={item.id} item={item} />}
          sort
        />
        <View className='review-page__switch' onClick={() => setView('mine')}>
          <Text>我的申请 ›</Text>
        </View>
      </View>
    );
  }

  return (
    <View className='page review-page review-page--mine'>
      {cadre ? (
        <View className='review-page__switch' onClick={() => setView('queue')}>
          <Text>‹ 返回审核队列</Text>
        </View>
      ) : null}
      <View className='review-page__inbox' onClick={() => void Taro.navigateTo({ url: PAGES.reviewItem.inbox })}>
        <Text className='review-page__inbox-label'>消息</Text>
        {unread ? <Text className='review-page__unread'>{unread} 条未读</Text> : <Text className='review-page__inbox-none'>查看</Text>}
      </View>
      <Text className='review-page__heading'>我的申请</Text>
      <ReviewList list={mineList} empty='你还没有提交过申请，可以从下方开始' renderRow={(item) => <MineRow key={item.id} item={item} />} />
      <TabBottomBar className='review-page__actions'>
        <Button className='primary-button review-page__action' onClick={() => void Taro.navigateTo({ url: PAGES.reviewItem.applyStation })}>
          申请登记驿站
        </Button>
        {verified ? (
          <Text className='review-page__verified'>✓ 已认证骑手</Text>
        ) : (
          <Button className='secondary-button review-page__action' onClick={() => void Taro.navigateTo({ url: PAGES.reviewItem.applyVerification })}>
            申请骑手认证
          </Button>
        )}
      </TabBottomBar>
    </View>
  );
}

function Chip({ label, on, onTap }: { label: string; on: boolean; onTap: () => void }) {
  return (
    <View className={`review-chip ${on ? 'review-chip--on' : ''}`} onClick={onTap}>
      {label}
    </View>
  );
}

function CadreHome({ state, onRetry }: { state: StatsState; onRetry: () => void }) {
  if (state.kind === 'loading') return <Text className='review-home__loading'>正在统计…</Text>;
  if (state.kind === 'error') {
    return (
      <View className='review-home review-home--error'>
        <Text className='review-home__error'>{state.message}</Text>
        <Button className='review-home__retry' onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  const { stats: s } = state;
  return (
    <View className='review-home'>
      <View className='review-home__figures'>
        <Figure label='待审核' value={String(s.byStatus.pending)} />
        <Figure label='需补充材料' value={String(s.byStatus['needs-info'])} />
        <Figure label='已超时' value={String(s.overdue)} alert={s.overdue > 0} />
        <Figure label='本月决定用时中位' value={s.medianDecisionHours === null ? '—' : `${s.medianDecisionHours}小时`} />
      </View>
      <Text className='review-home__line'>
        待处理：
        {REVIEW_KIND_NAMES.filter((k) => (s.byKind[k] ?? 0) > 0)
          .map((k) => `${kindLabel(k)} ${s.byKind[k]}`)
          .join(' · ') || '无'}
      </Text>
      <Text className='review-home__line'>
        已通过 {s.byStatus.approved} · 未通过 {s.byStatus.rejected} · 本月已决定 {s.decidedThisMonth}
      </Text>
    </View>
  );
}

function Figure({ label, value, alert }: { label: string; value: string; alert?: boolean }) {
  return (
    <View className={`review-figure ${alert ? 'review-figure--alert' : ''}`}>
      <Text className='review-figure__value'>{value}</Text>
      <Text className='review-figure__label'>{label}</Text>
    </View>
  );
}

function ReviewList({
  list,
  empty,
  emptyAction,
  renderRow,
  sort,
}: {
  list: Paged<ReviewItem>;
  empty: string;
  emptyAction?: StateAction;
  renderRow: (item: ReviewItem) => ReactNode;
  sort?: boolean;
}) {
  const { items, status, error } = list;
  if (items === null || items.length === 0) return <PagedPlaceholder list={list} empty={empty} emptyAction={emptyAction} />;
  return (
    <View className='review-list'>
      {status === 'loading' ? <Text className='review-list__note'>正在更新…</Text> : null}
      {status === 'error' ? (
        <View className='review-list__note review-list__note--error' onClick={() => void list.reload()}>
          {error}（点此重试）
        </View>
      ) : null}
      {(sort ? overdueFirst(items) : items).map(renderRow)}
      {list.cursor ? <LoadMoreButton list={list} className='review-list__more' /> : <Text className='review-list__end'>没有更多了</Text>}
    </View>
  );
}

function QueueRow({ item }: { item: ReviewItem }) {
  const due = dueText(item);
  return (
    <View className={`review-row ${item.overdue ? 'review-row--overdue' : ''}`} onClick={() => openItem(item.id)}>
      <View className='review-row__head'>
        <KindTag kind={item.kind} />
        <Text className='review-row__title'>{item.title}</Text>
      </View>
      <View className='review-row__meta'>
        <Text className='review-row__org'>{item.orgName ?? ''}</Text>
        <Text className='review-row__time'>{formatTime(item.submittedAt)} 提交</Text>
        {item.status === 'needs-info' ? <StatusBadge status={item.status} /> : null}
        {due ? <Text className={`review-row__due ${item.overdue ? 'review-row__due--overdue' : ''}`}>{due}</Text> : null}
      </View>
    </View>
  );
}

function MineRow({ item }: { item: ReviewItem }) {
  return (
    <View className='review-row review-row--mine' onClick={() => openItem(item.id)}>
      <View className='review-row__head'>
        <KindTag kind={item.kind} />
        <Text className='review-row__title'>{item.title}</Text>
      </View>
      <View className='review-row__meta'>
        <StatusBadge status={item.status} />
        <Text className='review-row__time'>{formatTime(item.submittedAt)} 提交</Text>
        {item.status === 'needs-info' ? <Text className='review-row__hint'>请补充材料 ›</Text> : null}
      </View>
    </View>
  );
}
