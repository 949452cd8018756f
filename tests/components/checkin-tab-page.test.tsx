import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import { signInAs } from '../../src/api/identity';
import CheckinPage from '../../src/pages/checkin/index';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const balance = jest.mocked(api.points.balance);

beforeEach(() => {
  me.mockReset();
  balance.mockReset();
  signInAs('demo-staff');
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
});

describe('签到 tab', () => {
  it('shows the balance, the code button, and a scan button for staff of one station', async () => {
    me.mockResolvedValue({ user: { id: 'u-chen', displayName: '陈站长', roles: ['staff'], stationIds: ['st-weitang-hq'] } });
    balance.mockResolvedValue({ balance: 35 });
    render(<CheckinPage />);
    expect(await screen.findByText('35')).toBeTruthy();
    fireEvent.click(screen.getByText('扫码签到'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/pages/scan/index?stationId=st-weitang-hq' });
    fireEvent.click(screen.getByText('出示签到码'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/pages/code/index' });
    fireEvent.click(screen.getByText('兑换奖品'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/points/pages/rewards/index' });
  });

  it('shows the code button and the services without waiting for the network, and reconnects', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [] } });
    balance.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    balance.mockResolvedValue({ balance: 7 });
    render(<CheckinPage />);
    expect(screen.getByText('出示签到码')).toBeTruthy();
    expect(screen.getByText('12355 咨询')).toBeTruthy();
    fireEvent.click(await screen.findByText('重新连接'));
    expect(await screen.findByText('7')).toBeTruthy();
    expect(screen.queryByText('扫码签到')).toBeNull();
  });

  it('shows the last visit’s balance and roles at once on the next cold start, offline', async () => {
    me.mockResolvedValue({ user: { id: 'u-chen', displayName: '陈站长', roles: ['staff'], stationIds: ['st-weitang-hq'] } });
    balance.mockResolvedValue({ balance: 42 });
    const first = render(<CheckinPage />);
    await screen.findByText('42');
    first.unmount();
    me.mockRejectedValue(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    render(<CheckinPage />);
    expect(screen.getByText('42')).toBeTruthy();
    expect(screen.getByText('扫码签到')).toBeTruthy();
    expect(await screen.findByText('暂时连不上，显示的是上次的积分和服务')).toBeTruthy();
  });

  it("makes 扫码签到 staff's primary action and opens their station's console in one tap", async () => {
    me.mockResolvedValue({ user: { id: 'u-chen', displayName: '陈站长', roles: ['staff'], stationIds: ['st-weitang-hq'] } });
    balance.mockResolvedValue({ balance: 35 });
    render(<CheckinPage />);
    await screen.findByText('35');
    expect(screen.getByText('扫码签到').closest('.primary-button')).toBeTruthy();
    expect(screen.getByText('出示签到码').closest('.secondary-button')).toBeTruthy();
    fireEvent.click(screen.getByText('驿站管理'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/station/pages/console/index?id=st-weitang-hq' });
  });

  it("keeps 出示签到码 a rider's primary action, without a console", async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [] } });
    balance.mockResolvedValue({ balance: 0 });
    render(<CheckinPage />);
    expect((await screen.findByText('出示签到码')).closest('.primary-button')).toBeTruthy();
    expect(screen.queryByText('驿站管理')).toBeNull();
  });
});
