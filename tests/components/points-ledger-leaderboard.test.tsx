import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import LeaderboardPage from '../../src/packages/points/pages/leaderboard/index';
import LedgerPage from '../../src/packages/points/pages/ledger/index';
import { must } from '../support/must';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const balance = jest.mocked(api.points.balance);
const ledger = jest.mocked(api.points.ledger);
const leaderboard = jest.mocked(api.points.leaderboard);
const nameStar = jest.mocked(api.points.nameStar);

beforeEach(() => {
  for (const m of [me, balance, ledger, leaderboard, nameStar]) m.mockReset();
});

describe('ledger page', () => {
  it('shows the balance and entries in Chinese, and pages on with the cursor', async () => {
    balance.mockResolvedValue({ balance: 15 });
    ledger.mockResolvedValueOnce({
      entries: [
        { id: 'e1', delta: 5, reason: 'checkin', at: '2025-03-08T13:05:00+08:00', note: '魏塘小哥驿站' },
        { id: 'e2', delta: -50, reason: 'reward', at: '2025-03-07T09:00:00+08:00', note: '暖心大礼包' },
      ],
      cursor: 'next-1',
    });
    ledger.mockResolvedValueOnce({ entries: [{ id: 'e3', delta: 10, reason: 'claim', at: '2025-03-01T10:00:00+08:00' }] });
    render(<LedgerPage />);
    expect(await screen.findByText('15')).toBeTruthy();
    expect(screen.getByText('签到')).toBeTruthy();
    expect(screen.getByText('+5')).toBeTruthy();
    expect(screen.getByText('03-08 13:05 · 魏塘小哥驿站')).toBeTruthy();
    expect(screen.getByText('兑换奖品')).toBeTruthy();
    expect(screen.getByText('-50')).toBeTruthy();
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('积分申领')).toBeTruthy();
    expect(ledger).toHaveBeenLastCalledWith({ cursor: 'next-1', limit: 20 });
    expect(screen.queryByText('加载更多')).toBeNull();
  });
});

describe('leaderboard page', () => {
  it('shows the three boards with stars, and lets a cadre name a star', async () => {
    me.mockResolvedValue({ user: { id: 'u-c', displayName: '周书记', roles: ['cadre'], cadreOrgIds: ['org-jiashan'] } });
    leaderboard.mockImplementation(async ({ category, month }) => ({
      month: month ?? '2025-03',
      category,
      orgId: 'org-jiashan',
      rows: [
        { userId: 'u-li', displayName: '李小哥', count: 12, rank: 1, star: category === 'checkins' },
        { userId: 'u-wang', displayName: '王骑手', count: 7, rank: 2, star: false },
      ],
    }));
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    nameStar.mockResolvedValue({ userId: 'u-wang', title: '业务之星' });
    render(<LeaderboardPage />);
    expect(await screen.findByText('★ 业务之星')).toBeTruthy();
    expect(screen.getByText('12 次签到')).toBeTruthy();
    const month = must(leaderboard.mock.calls[0], 'a leaderboard call')[0].month ?? '';
    expect(leaderboard).toHaveBeenCalledWith({ month, category: 'checkins', orgId: 'org-jiashan' });

    // Only the row without a star can be named.
    const buttons = screen.getAllByText('评为本月之星');
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(nameStar).toHaveBeenCalledWith({ month, category: 'checkins', userId: 'u-wang', orgId: 'org-jiashan' }));

    fireEvent.click(screen.getByText('文明之星'));
    expect(await screen.findByText('12 次上报')).toBeTruthy();
    fireEvent.click(screen.getByText('‹ 上月'));
    await waitFor(() => expect(leaderboard).toHaveBeenLastCalledWith(expect.objectContaining({ category: 'hazards' })));
    expect(leaderboard.mock.calls.at(-1)?.[0].month).not.toBe(month);
  });

  it('shows no naming button to a rider', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [], orgId: 'org-weitang' } });
    leaderboard.mockResolvedValue({ month: '2025-03', category: 'checkins', orgId: 'org-weitang', rows: [] });
    render(<LeaderboardPage />);
    expect(await screen.findByText(/还没有人上榜/)).toBeTruthy();
    expect(screen.queryByText('评为本月之星')).toBeNull();
  });
});
