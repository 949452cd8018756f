import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { User } from '../../../../../types/account';
import type { BoardRow } from '../../../../../types/points';
import { STAR_TITLES, type BoardCategory } from '../../../../../types/points-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { monthLabel, shiftMonth } from '../../lib/format';
import '../../lib/points.css';
import './index.css';
import { currentMonth } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

/** The three boards, each with the unit its count is in. */
interface CategoryChoice {
  category: BoardCategory;
  unit: string;
}

const CATEGORIES: [CategoryChoice, ...CategoryChoice[]] = [
  { category: 'checkins', unit: '次签到' },
  { category: 'hazards', unit: '次上报' },
  { category: 'service', unit: '次服务' },
];

type Board = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; orgId: string; rows: BoardRow[] };

const canName = (user: User) => user.roles.includes('cadre') || user.roles.includes('admin');
const boardOrg = (user: User) => user.orgId ?? user.cadreOrgIds?.[0];

/** Monthly leaderboards of the rider's committee; cadres name the month's stars from them. */
export default function LeaderboardPage() {
  const [user, setUser] = useState<User | null>(null);
  const [userError, setUserError] = useState('');
  const [category, setCategory] = useState<BoardCategory>('checkins');
  const [month, setMonth] = useState(() => currentMonth());
  const [board, setBoard] = useState<Board>({ kind: 'loading' });
  const [naming, setNaming] = useState<string | null>(null);

  const loadUser = useCallback(async () => {
    setUserError('');
    try {
      setUser((await api.account.me()).user);
    } catch (e) {
      setUserError(errorText(e));
    }
  }, []);

  const loadBoard = useCallback(async () => {
    if (!user) return;
    const orgId = boardOrg(user);
    if (!orgId) return;
    setBoard({ kind: 'loading' });
    try {
      const out = await api.points.leaderboard({ month, category, orgId });
      setBoard({ kind: 'ready', orgId: out.orgId, rows: out.rows });
    } catch (e) {
      setBoard({ kind: 'error', message: errorText(e) });
    }
  }, [user, month, category]);

  useEffect(() => {
    void loadUser();
  }, [loadUser]);

  useEffect(() => {
    void loadBoard();
  }, [loadBoard]);

  usePullDownRefresh(() => {
    void (user ? loadBoard() : loadUser()).finally(() => Taro.stopPullDownRefresh());
  });

  if (userError) return <StateView kind='error' message={userError} onRetry={() => void loadUser()} />;
  if (!user) return <StateView kind='loading' />;
  if (!boardOrg(user)) return <StateView kind='empty' message='请先在“我的”里选择所属团委，再看排行榜' />;

  const info = CATEGORIES.find((c) => c.category === category) ?? CATEGORIES[0];
  const thisMonth = currentMonth();

  const name = async (row: BoardRow & { userId: string }, orgId: string) => {
    if (naming) return;
    const { confirm } = await Taro.showModal({
      title: `评为${monthLabel(month)}${STAR_TITLES[info.category]}`,
      content: `确认将 ${row.displayName} 评为${STAR_TITLES[info.category]}？评选后不能撤销。`,
      confirmText: '评选',
      cancelText: '取消',
    });
    if (!confirm) return;
    setNaming(row.userId);
    try {
      await api.points.nameStar({ month, category, userId: row.userId, orgId });
      void Taro.showToast({ title: '已评选', icon: 'success' });
      await loadBoard();
    } catch (e) {
      void Taro.showModal({ title: '评选未成功', content: errorText(e, '网络不给力，请重试'), showCancel: false, confirmText: '知道了' });
    } finally {
      setNaming(null);
    }
  };

  return (
    <View className='page board-page'>
      <View className='board-page__tabs'>
        {CATEGORIES.map((c) => (
          <Text key={c.category} className={`board-page__tab ${c.category === category ? 'board-page__tab--on' : ''}`} onClick={() => setCategory(c.category)}>
            {STAR_TITLES[c.category]}
          </Text>
        ))}
      </View>
      <View className='board-page__months'>
        <Text className='board-page__month-switch' onClick={() => setMonth(shiftMonth(month, -1))}>
          ‹ 上月
        </Text>
        <Text className='board-page__month'>{monthLabel(month)}</Text>
        <Text
          className={`board-page__month-switch ${month >= thisMonth ? 'board-page__month-switch--off' : ''}`}
          onClick={() => month < thisMonth && setMonth(shiftMonth(month, 1))}
        >
          下月 ›
        </Text>
      </View>

      {board.kind === 'loading' ? <StateView kind='loading' /> : null}
      {board.kind === 'error' ? <StateView kind='error' message={board.message} onRetry={() => void loadBoard()} /> : null}
      {board.kind === 'ready' && board.rows.length === 0 ? <StateView kind='empty' message={`${monthLabel(month)}还没有人上榜`} /> : null}
      {board.kind === 'ready' && board.rows.length > 0 ? (
        <View className='points-card'>
          {board.rows.map((row, i) => (
            <View key={row.userId ?? `row-${i}`} className='points-row board-page__row'>
              <Text className={`board-page__rank ${row.rank <= 3 ? 'board-page__rank--top' : ''}`}>{row.rank}</Text>
              <View className='points-row__main'>
                <Text className='points-row__title'>
                  {row.displayName}
                  {row.me ? <Text className='board-page__me'>（我）</Text> : null}
                  {row.star ? <Text className='board-page__star'>★ {STAR_TITLES[info.category]}</Text> : null}
                </Text>
                <Text className='points-row__sub'>
                  {row.count} {info.unit}
                </Text>
              </View>
              {canName(user) && !row.star && row.userId ? (
                <Button
                  className='secondary-button board-page__name'
                  disabled={naming !== null || undefined}
                  onClick={() => row.userId && void name({ ...row, userId: row.userId }, board.orgId)}
                >
                  评为本月之星
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
