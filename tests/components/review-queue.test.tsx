import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import { signInAs } from '../../src/api/identity';
import ReviewPage from '../../src/pages/review/index';
import { reviewItem, STATS } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const messages = jest.mocked(api.account.messages);
const queue = jest.mocked(api.review.queue);
const stats = jest.mocked(api.review.stats);
const mine = jest.mocked(api.review.mine);

const CADRE = { id: 'u-cadre', displayName: '王书记', roles: ['cadre' as const], cadreOrgIds: ['org-jiashan'] };
const RIDER = { id: 'u-rider', displayName: '小李', roles: ['rider' as const], orgId: 'org-weitang' };

beforeEach(() => {
  for (const m of [me, messages, queue, stats, mine]) m.mockReset();
  stats.mockResolvedValue({ stats: STATS });
  messages.mockResolvedValue({ messages: [], unread: 3 });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  signInAs('demo-cadre');
});

const rowTitles = (container: HTMLElement) => Array.from(container.querySelectorAll('.review-row__title'), (el) => el.textContent);

describe('review tab: the cadre queue', () => {
  it('shows the cadre home figures and the queue with overdue items first, in red', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockResolvedValue({
      items: [
        reviewItem({ id: 'a', title: '新驿站：罗星驿站' }, 30),
        reviewItem({ id: 'b', kind: 'verification', title: '骑手认证：美团 · 魏塘站', orgName: '魏塘街道团工委' }, -5),
      ],
    });
    const { container } = render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('新驿站：罗星驿站')).toBeTruthy());
    expect(queue).toHaveBeenCalledWith({ limit: 20 });
    expect(rowTitles(container)).toEqual(['骑手认证：美团 · 魏塘站', '新驿站：罗星驿站']);

    const overdueRow = container.querySelector('.review-row--overdue');
    expect(overdueRow?.textContent).toContain('骑手认证：美团 · 魏塘站');
    expect(overdueRow?.textContent).toContain('魏塘街道团工委');
    expect(overdueRow?.querySelector('.review-row__due--overdue')?.textContent).toBe('已超时 5 小时');
    expect(screen.getByText('30 小时内处理').className).not.toContain('overdue');

    await waitFor(() => expect(screen.getByText('5.5小时')).toBeTruthy());
    expect(container.querySelector('.review-figure--alert')?.textContent).toBe('2已超时');
    expect(screen.getByText('待处理：驿站登记 3 · 骑手认证 4 · 积分申领 2')).toBeTruthy();

    fireEvent.click(screen.getByText('新驿站：罗星驿站'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=a' });
  });

  it('filters by kind and status, and loads more with the cursor', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockResolvedValue({ items: [reviewItem({ id: 'a' })], cursor: 'next-1' });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('新驿站：驿站 a')).toBeTruthy());

    queue.mockResolvedValue({ items: [reviewItem({ id: 'v', kind: 'verification', title: '骑手认证：饿了么 · 嘉善站' })] });
    fireEvent.click(screen.getByText(/^骑手认证/, { selector: '.review-chip' }));
    await waitFor(() => expect(screen.getByText('骑手认证：饿了么 · 嘉善站')).toBeTruthy());
    expect(queue).toHaveBeenLastCalledWith({ limit: 20, kind: 'verification' });
    expect(screen.queryByText('新驿站：驿站 a')).toBeNull();

    queue.mockResolvedValue({ items: [] });
    fireEvent.click(screen.getByText('需补充材料', { selector: '.review-chip' }));
    await waitFor(() => expect(screen.getByText('没有符合条件的申请')).toBeTruthy());
    expect(queue).toHaveBeenLastCalledWith({ limit: 20, kind: 'verification', status: 'needs-info' });

    queue.mockResolvedValue({ items: [reviewItem({ id: 'a' })], cursor: 'next-1' });
    fireEvent.click(screen.getByText('全部类型'));
    fireEvent.click(screen.getByText('待处理', { selector: '.review-chip' }));
    await waitFor(() => expect(screen.getByText('加载更多')).toBeTruthy());
    queue.mockResolvedValueOnce({ items: [reviewItem({ id: 'c' })] });
    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(screen.getByText('新驿站：驿站 c')).toBeTruthy());
    expect(queue).toHaveBeenLastCalledWith({ limit: 20, cursor: 'next-1' });
    expect(screen.getByText('新驿站：驿站 a')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    queue.mockResolvedValueOnce({ items: [reviewItem({ id: 'a' })] });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('服务开小差了，请稍后再试')).toBeTruthy());
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('新驿站：驿站 a')).toBeTruthy());
  });

  it('lets a cadre switch to their own requests', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockResolvedValue({ items: [] });
    mine.mockResolvedValue({ items: [] });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('暂无待处理的申请')).toBeTruthy());
    fireEvent.click(screen.getByText('我的申请 ›'));
    await waitFor(() => expect(screen.getByText('你还没有提交过申请，可以从下方开始')).toBeTruthy());
    // An empty list did not fail: no 重试.
    expect(screen.queryByText('重试')).toBeNull();
    expect(screen.getByText('‹ 返回审核队列')).toBeTruthy();
  });
});

describe('review tab: a rider', () => {
  it('sees 我的申请 with status badges, the inbox link and the apply buttons', async () => {
    signInAs('demo-rider');
    me.mockResolvedValue({ user: RIDER });
    mine.mockResolvedValue({
      items: [
        reviewItem({ id: 'm1', title: '新驿站：西塘驿站', status: 'needs-info' }),
        reviewItem({ id: 'm2', kind: 'verification', title: '骑手认证：美团 · 魏塘站', status: 'approved' }),
        reviewItem({ id: 'm3', kind: 'claim', title: '帮办代办：帮张奶奶取药', status: 'rejected' }),
        reviewItem({ id: 'm4', title: '新驿站：干窑驿站' }),
      ],
    });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('新驿站：西塘驿站')).toBeTruthy());
    expect(screen.getByText('我的申请')).toBeTruthy();
    expect(queue).not.toHaveBeenCalled();
    expect(mine).toHaveBeenCalledWith({ limit: 20 });
    for (const label of ['需补充材料', '已通过', '未通过', '待审核']) {
      expect(screen.getByText(label, { selector: '.review-status' })).toBeTruthy();
    }
    await waitFor(() => expect(screen.getByText('3 条未读')).toBeTruthy());

    fireEvent.click(screen.getByText('申请登记驿站'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/review/pages/apply-station/index' });
    fireEvent.click(screen.getByText('申请骑手认证'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/review/pages/apply-verification/index' });
    fireEvent.click(screen.getByText('消息'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/review/pages/inbox/index' });
  });

  it('does not offer 申请骑手认证 to a verified rider, and says they are verified', async () => {
    signInAs('demo-rider');
    me.mockResolvedValue({ user: { ...RIDER, verified: true } });
    mine.mockResolvedValue({ items: [] });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('✓ 已认证骑手')).toBeTruthy());
    expect(screen.queryByText('申请骑手认证')).toBeNull();
    expect(screen.getByText('申请登记驿站')).toBeTruthy();
  });
});

describe('review tab: filters', () => {
  it('offers 清除筛选 when no request matches the filter', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockResolvedValue({ items: [reviewItem({ id: 'a', title: '新驿站：驿站 a' })] });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('新驿站：驿站 a')).toBeTruthy());
    queue.mockResolvedValueOnce({ items: [] });
    fireEvent.click(screen.getByText('未通过', { selector: '.review-chip' }));
    await waitFor(() => expect(screen.getByText('没有符合条件的申请')).toBeTruthy());
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByText('清除筛选'));
    await waitFor(() => expect(screen.getByText('新驿站：驿站 a')).toBeTruthy());
    expect(queue).toHaveBeenLastCalledWith({ limit: 20 });
  });

  it('shows the error, not the old rows, when a new filter fails', async () => {
    me.mockResolvedValue({ user: CADRE });
    queue.mockResolvedValue({ items: [reviewItem({ id: 'a', title: '新驿站：驿站 a' })] });
    render(<ReviewPage />);
    await waitFor(() => expect(screen.getByText('新驿站：驿站 a')).toBeTruthy());
    queue.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    fireEvent.click(screen.getByText('未通过', { selector: '.review-chip' }));
    await waitFor(() => expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy());
    expect(screen.queryByText('新驿站：驿站 a')).toBeNull();
  });
});
