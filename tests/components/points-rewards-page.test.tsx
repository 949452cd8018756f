import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../src/api/client';
import { api } from '../../src/api';
import RewardsPage from '../../src/packages/points/pages/rewards/index';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const balance = jest.mocked(api.points.balance);
const rewards = jest.mocked(api.points.rewards);
const redemptions = jest.mocked(api.points.redemptions);
const redeemReward = jest.mocked(api.points.redeemReward);

const GIFT = { id: 'rw1', name: '暖心大礼包', cost: 50, stock: 3 };
const READY = {
  id: 'rd0',
  rewardId: 'rw2',
  rewardName: '雨衣',
  cost: 30,
  pickupCode: '135790',
  status: 'ready' as const,
  at: '2025-03-01T09:00:00+08:00',
};

beforeEach(() => {
  for (const m of [balance, rewards, redemptions, redeemReward]) m.mockReset();
  balance.mockResolvedValue({ balance: 120 });
  rewards.mockResolvedValue({ rewards: [GIFT, { id: 'rw3', name: '头盔', cost: 500, stock: 0 }] });
  redemptions.mockResolvedValue({ redemptions: [READY, { ...READY, id: 'rd1', status: 'collected', pickupCode: '246800' }] });
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
});

const requestIds = () => redeemReward.mock.calls.map(([input]) => input.requestId);

describe('rewards page', () => {
  it('lists rewards with cost and stock, and my redemptions with their status', async () => {
    render(<RewardsPage />);
    expect(await screen.findByText('50 积分 · 剩余 3 件')).toBeTruthy();
    expect(screen.getByText('500 积分 · 已兑完')).toBeTruthy();
    expect(screen.getByText('135790')).toBeTruthy();
    expect(screen.getByText('待领取')).toBeTruthy();
    expect(screen.getByText('已领取')).toBeTruthy();
  });

  it('sends the same requestId when a lost redemption is retried, and shows the pickup code', async () => {
    redeemReward.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    redeemReward.mockResolvedValue({ redemptionId: 'rd9', balance: 70, pickupCode: '864213' });
    render(<RewardsPage />);
    fireEvent.click(await screen.findByText('兑换'));
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '用 50 积分兑换「暖心大礼包」？' }));

    fireEvent.click(screen.getByText('重试兑换'));
    expect(await screen.findByText('864213')).toBeTruthy();
    expect(redeemReward).toHaveBeenCalledTimes(2);
    const [first, second] = requestIds();
    expect(first?.length).toBeGreaterThanOrEqual(8);
    expect(second).toBe(first);
    expect(redeemReward).toHaveBeenLastCalledWith({ rewardId: 'rw1', requestId: first });
    expect(screen.getByText('70')).toBeTruthy();

    // A new tap after a success is a new intent.
    fireEvent.click(screen.getByText('兑换'));
    await waitFor(() => expect(redeemReward).toHaveBeenCalledTimes(3));
    expect(requestIds()[2]).not.toBe(first);
  });

  it('ignores a double tap while a redemption is in flight', async () => {
    let answer: (v: { redemptionId: string; balance: number; pickupCode: string }) => void = () => undefined;
    redeemReward.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    render(<RewardsPage />);
    const button = await screen.findByText('兑换');
    fireEvent.click(button);
    await waitFor(() => expect(redeemReward).toHaveBeenCalledTimes(1));
    fireEvent.click(button);
    answer({ redemptionId: 'rd9', balance: 70, pickupCode: '864213' });
    expect(await screen.findByText('864213')).toBeTruthy();
    expect(redeemReward).toHaveBeenCalledTimes(1);
  });

  it('shows a definite refusal without a retry button', async () => {
    redeemReward.mockRejectedValue(new ApiError('CONFLICT', '奖品已兑完'));
    render(<RewardsPage />);
    fireEvent.click(await screen.findByText('兑换'));
    expect(await screen.findByText('奖品已兑完')).toBeTruthy();
    expect(screen.queryByText('重试兑换')).toBeNull();
  });
});
