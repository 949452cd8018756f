import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import CheckinScanPage from '../../src/packages/checkin/pages/scan/index';
import { quietInputCore, typeInto } from './checkin-points-helpers';
import { station } from './fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const redeem = jest.mocked(api.checkin.redeem);
const today = jest.mocked(api.checkin.today);
const collect = jest.mocked(api.points.collect);
const get = jest.mocked(api.stations.get);

const EMPTY_DAY = { visits: 0, uniqueRiders: 0, checkins: [] };
const VISIT = {
  id: 'c1',
  stationId: 'st-1',
  riderId: 'u-li',
  riderName: '李小哥',
  at: '2025-03-08T13:05:00+08:00',
  pointsAwarded: 5,
};

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/checkin/pages/scan/index', $taroPath: 'scan', onReady: '', onHide: '', onShow: '' };
}

async function ready() {
  render(<CheckinScanPage />);
  await screen.findByText('今天还没有骑手签到');
}

beforeEach(() => {
  quietInputCore();
  for (const m of [me, redeem, today, collect, get]) m.mockReset();
  openWith({ stationId: 'st-1' });
  me.mockResolvedValue({ user: { id: 'u-chen', displayName: '陈站长', roles: ['staff'], stationIds: ['st-1'] } });
  get.mockResolvedValue({ station: station({ id: 'st-1', name: '魏塘小哥驿站' }) });
  today.mockResolvedValue(EMPTY_DAY);
});

describe('staff scan page (H5: typed code)', () => {
  it('redeems the typed short code and shows the rider, points and today’s visit count at once', async () => {
    await ready();
    expect(today).toHaveBeenCalledWith({ stationId: 'st-1' });
    redeem.mockResolvedValue({
      checkinId: 'c1',
      pointsAwarded: 5,
      creditReason: 'credited',
      note: '签到成功，获得 5 积分',
      rider: { id: 'u-li', displayName: '李小哥' },
    });
    today.mockResolvedValue({ visits: 1, uniqueRiders: 1, checkins: [VISIT] });
    typeInto('.scan-page__code-input', '1234 5678');
    fireEvent.click(screen.getByText('确认签到'));
    expect(await screen.findByText('李小哥', { selector: '.scan-page__rider' })).toBeTruthy();
    expect(redeem).toHaveBeenCalledWith({ code: '12345678', stationId: 'st-1' });
    expect(screen.getByText('签到成功 +5 积分')).toBeTruthy();
    // Today's list is refreshed after the scan.
    await waitFor(() => expect(screen.getByText('13:05')).toBeTruthy());
    expect(screen.getByText('李小哥', { selector: '.scan-page__visit-name' })).toBeTruthy();
    expect(screen.getByText('今日到站 1 人次 · 1 人')).toBeTruthy();
    expect(screen.queryByText(/u-li/)).toBeNull();
  });

  it('says when a visit earns no points (already checked in today)', async () => {
    await ready();
    redeem.mockResolvedValue({
      checkinId: 'c2',
      pointsAwarded: 0,
      creditReason: 'station-daily-cap',
      note: '今天已在本驿站签到过，本次签到不加积分',
      rider: { id: 'u-li', displayName: '李小哥' },
    });
    typeInto('.scan-page__code-input', '87654321');
    fireEvent.click(screen.getByText('确认签到'));
    expect(await screen.findByText('今日已签到，不再加分')).toBeTruthy();
  });

  it.each([
    ['CONFLICT', '该签到码已使用'],
    ['EXPIRED', '签到码已过期，请让骑手刷新后再扫'],
    ['FORBIDDEN', '签到码无效，请让骑手出示本人的签到码'],
  ] as const)('shows the server’s message for %s', async (code, message) => {
    await ready();
    redeem.mockRejectedValue(new ApiError(code, message));
    typeInto('.scan-page__code-input', '12345678');
    fireEvent.click(screen.getByText('确认签到'));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.getByText('签到未成功')).toBeTruthy();
    expect(document.querySelector('.scan-page__result--ok')).toBeNull();
  });

  it('marks a reward pickup code collected', async () => {
    await ready();
    collect.mockResolvedValue({
      riderName: '李小哥',
      redemption: {
        id: 'rd1',
        rewardId: 'rw1',
        rewardName: '暖心大礼包',
        cost: 50,
        pickupCode: '24681012',
        status: 'collected',
        at: '2025-03-08T10:00:00+08:00',
        collectedAt: '2025-03-08T13:10:00+08:00',
      },
    });
    typeInto('.scan-page__pickup-input', '24681012');
    fireEvent.click(screen.getByText('标记已领取'));
    expect(await screen.findByText('李小哥 已领取「暖心大礼包」')).toBeTruthy();
    expect(collect).toHaveBeenCalledWith({ pickupCode: '24681012', stationId: 'st-1' });
  });

  it('turns away someone who is not staff of the station', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [] } });
    render(<CheckinScanPage />);
    expect(await screen.findByText('只有本驿站的工作人员可以扫码签到')).toBeTruthy();
    expect(today).not.toHaveBeenCalled();
  });
});
