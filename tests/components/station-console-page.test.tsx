import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import StationConsolePage from '../../src/packages/station/pages/console/index';
import type { StationView } from '../../types/stations';
import { quietInputCore, typeInto } from './checkin-points-helpers';
import { station } from './fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const today = jest.mocked(api.checkin.today);
const manage = jest.mocked(api.stations.manage);
const setStatus = jest.mocked(api.stations.setStatus);
const proposeChange = jest.mocked(api.stations.proposeChange);

const HQ: StationView = station({
  id: 'st-hq',
  name: '魏塘小哥驿站',
  address: '体育南路 1 号',
  services: ['rest', 'water'],
  hours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }],
  phone: '0573-84011234',
});

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/station/pages/console/index', $taroPath: 'console', onReady: '', onHide: '', onShow: '' };
}

beforeEach(() => {
  jest.resetAllMocks();
  quietInputCore();
  openWith({ id: 'st-hq' });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  manage.mockResolvedValue({ station: HQ });
  today.mockResolvedValue({
    visits: 2,
    uniqueRiders: 2,
    checkins: [
      { id: 'c2', stationId: 'st-hq', riderId: 'r2', riderName: '王小哥', at: '2026-11-18T10:05:00.000+08:00', pointsAwarded: 0 },
      { id: 'c1', stationId: 'st-hq', riderId: 'r1', riderName: '李小哥', at: '2026-11-18T09:30:00.000+08:00', pointsAwarded: 5 },
    ],
  });
});

describe('station console', () => {
  it("shows the live status, today's visits and the station's details", async () => {
    render(<StationConsolePage />);
    expect(await screen.findByText('魏塘小哥驿站')).toBeTruthy();
    expect(manage).toHaveBeenCalledWith({ id: 'st-hq' });
    expect(today).toHaveBeenCalledWith({ stationId: 'st-hq' });
    expect(screen.getByText('开放中').closest('.console-page__status--on')).toBeTruthy();
    expect(screen.getByText('今日到站 2 人次 · 2 人')).toBeTruthy();
    expect(screen.getByText('王小哥')).toBeTruthy();
    expect(screen.getByText('10:05')).toBeTruthy();
    expect(screen.getByText('不加分')).toBeTruthy();
    expect(screen.getByText('+5')).toBeTruthy();
    expect(screen.getByText('地址：体育南路 1 号')).toBeTruthy();
    expect(screen.getByText('开放时间：周一至周五 08:00–20:00')).toBeTruthy();
    expect(screen.getByText('电话：0573-84011234')).toBeTruthy();
    expect(screen.getByText('热水')).toBeTruthy();
    fireEvent.click(screen.getByText('扫码签到'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/pages/scan/index?stationId=st-hq' });
  });

  it('sets 已满 in one tap, and shows a failure in place', async () => {
    setStatus.mockResolvedValueOnce({ station: { ...HQ, liveStatus: 'full' } });
    render(<StationConsolePage />);
    fireEvent.click(await screen.findByText('已满'));
    await waitFor(() => expect(screen.getByText('已满').closest('.console-page__status--on')).toBeTruthy());
    expect(setStatus).toHaveBeenCalledWith({ id: 'st-hq', liveStatus: 'full' });
    expect(screen.getByText('开放中').closest('.console-page__status--on')).toBeNull();

    setStatus.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    fireEvent.click(screen.getByText('暂停服务'));
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy();
    expect(screen.getByText('已满').closest('.console-page__status--on')).toBeTruthy();
  });

  it('proposes only the changed fields for review, then shows the change as pending', async () => {
    proposeChange.mockResolvedValue({ reviewId: 'rv-1', fields: ['address', 'services', 'hours'] });
    render(<StationConsolePage />);
    fireEvent.click(await screen.findByText('修改信息'));
    expect(screen.getByText(/提交后由团委审核/)).toBeTruthy();
    typeInto('.console-page__address', '体育南路 8 号');
    fireEvent.click(screen.getByText('卫生间'));
    manage.mockResolvedValue({
      station: HQ,
      pendingChange: { reviewId: 'rv-1', status: 'pending', submittedAt: '2026-11-18T10:10:00.000+08:00', fields: ['address', 'services'] },
    });
    fireEvent.click(screen.getByText('提交审核'));
    await waitFor(() => expect(proposeChange).toHaveBeenCalledTimes(1));
    expect(proposeChange).toHaveBeenCalledWith({ id: 'st-hq', changes: { address: '体育南路 8 号', services: ['rest', 'water', 'toilet'] } });
    expect(await screen.findByText('修改审核中')).toBeTruthy();
    expect(screen.getByText(/地址、服务 · 提交于 11-18 10:10/)).toBeTruthy();
    expect(screen.getByText('审核结束后可再次修改').closest('button, taro-button-core')?.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByText('修改审核中'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=rv-1' });
  });

  it('says so when nothing changed or a field is wrong, and sends nothing', async () => {
    render(<StationConsolePage />);
    fireEvent.click(await screen.findByText('修改信息'));
    fireEvent.click(screen.getByText('提交审核'));
    expect(await screen.findByText('没有需要修改的内容')).toBeTruthy();
    typeInto('.console-page__phone', '12');
    fireEvent.click(screen.getByText('提交审核'));
    expect(await screen.findByText('请输入正确的电话号码，或留空')).toBeTruthy();
    expect(proposeChange).not.toHaveBeenCalled();
    fireEvent.click(document.querySelector('.console-page__cancel') as Element);
    expect(screen.getByText('修改信息')).toBeTruthy();
  });

  it('shows a server refusal of the proposal in the form', async () => {
    proposeChange.mockRejectedValue(new ApiError('CONFLICT', '本驿站已有一份信息修改正在审核，请等审核结束后再提交'));
    render(<StationConsolePage />);
    fireEvent.click(await screen.findByText('修改信息'));
    fireEvent.click(screen.getByText('雨伞'));
    fireEvent.click(screen.getByText('提交审核'));
    expect(await screen.findByText('本驿站已有一份信息修改正在审核，请等审核结束后再提交')).toBeTruthy();
  });

  it('has loading, error with retry, and not-staff states', async () => {
    manage.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    const { unmount } = render(<StationConsolePage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('魏塘小哥驿站')).toBeTruthy();
    unmount();

    manage.mockRejectedValueOnce(new ApiError('FORBIDDEN', '只有本驿站的工作人员可以管理驿站'));
    const second = render(<StationConsolePage />);
    expect(await screen.findByText('只有驿站工作人员可以管理驿站')).toBeTruthy();
    second.unmount();

    openWith({});
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [] } });
    render(<StationConsolePage />);
    expect(await screen.findByText('只有驿站工作人员可以管理驿站')).toBeTruthy();
  });
});
