import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { ApiError } from '../../src/api/client';
import { api } from '../../src/api';
import StationDetailPage from '../../src/packages/station/pages/detail/index';
import { station } from './fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const get = jest.mocked(api.stations.get);

const DETAIL = station({
  id: 's1',
  name: '魏塘小哥驿站',
  address: '嘉善县魏塘街道体育南路 1 号',
  services: ['rest', 'water', 'meal'],
  hours: [
    { days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' },
    { days: [6, 7], open: '22:00', close: '06:00' },
  ],
  meals: [
    { start: '13:00', end: '13:30', quota: 50 },
    { start: '20:00', end: '20:30', quota: 30 },
  ],
  mealPartner: '嘉善县餐饮协会',
  mealsLeft: { window: '13:00', left: 0 },
  distanceM: 1250,
  openNow: false,
  liveStatus: 'full',
});

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/station/pages/detail/index', $taroPath: 'detail', onReady: '', onHide: '', onShow: '' };
}

beforeEach(() => {
  get.mockReset();
  openWith({ id: 's1' });
});

describe('station detail page', () => {
  it('renders hours in Chinese, meals, services, address and distance', async () => {
    get.mockResolvedValue({ station: DETAIL });
    render(<StationDetailPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('魏塘小哥驿站')).toBeTruthy());
    expect(get).toHaveBeenCalledWith({ id: 's1' });
    expect(screen.getByText('周一至周五 08:00–20:00')).toBeTruthy();
    expect(screen.getByText('周六、周日 22:00–次日06:00')).toBeTruthy();
    expect(screen.getByText('13:00–13:30 · 每日 50 份')).toBeTruthy();
    expect(screen.getByText('20:00–20:30 · 每日 30 份')).toBeTruthy();
    expect(screen.getByText('提供方：嘉善县餐饮协会')).toBeTruthy();
    expect(screen.getByText('爱心餐 今日13:00 已订完')).toBeTruthy();
    expect(screen.getByText('热水')).toBeTruthy();
    expect(screen.getByText('嘉善县魏塘街道体育南路 1 号')).toBeTruthy();
    expect(screen.getByText('距你 1.3 km')).toBeTruthy();
    // One status: what the staff set now (已满) wins over the hours (休息中), and the hours follow it.
    expect(screen.getByText('已满')).toBeTruthy();
    expect(screen.queryByText('休息中')).toBeNull();
    expect(screen.getByText('周一至周五 08:00–20:00；周六、周日 22:00–次日06:00', { selector: '.station-status__hours' })).toBeTruthy();
  });

  it('shows 开放中 within the hours and 休息中 outside them when the staff set nothing else', async () => {
    get.mockResolvedValue({ station: { ...DETAIL, liveStatus: 'open', openNow: false } });
    const { unmount } = render(<StationDetailPage />);
    await waitFor(() => expect(screen.getByText('休息中')).toBeTruthy());
    expect(screen.queryByText('开放中')).toBeNull();
    unmount();
    get.mockResolvedValue({ station: { ...DETAIL, liveStatus: 'open', openNow: true } });
    render(<StationDetailPage />);
    await waitFor(() => expect(screen.getByText('开放中')).toBeTruthy());
    expect(screen.queryByText('休息中')).toBeNull();
  });

  describe('导航', () => {
    const platform = process.env.TARO_ENV;
    afterEach(() => {
      process.env.TARO_ENV = platform;
    });

    it('opens the map app in WeChat', async () => {
      process.env.TARO_ENV = 'weapp';
      get.mockResolvedValue({ station: DETAIL });
      const openLocation = jest.spyOn(Taro, 'openLocation').mockResolvedValue({ errMsg: 'openLocation:ok' });
      render(<StationDetailPage />);
      await waitFor(() => expect(screen.getByText('导航')).toBeTruthy());
      fireEvent.click(screen.getByText('导航'));
      await waitFor(() =>
        expect(openLocation).toHaveBeenCalledWith(
          expect.objectContaining({
            latitude: DETAIL.location.lat,
            longitude: DETAIL.location.lng,
            name: '魏塘小哥驿站',
            address: '嘉善县魏塘街道体育南路 1 号',
          }),
        ),
      );
      expect(screen.queryByText('这里打不开地图导航')).toBeNull();
    });

    it('shows the address to copy, and the distance, when WeChat cannot open its map', async () => {
      process.env.TARO_ENV = 'weapp';
      get.mockResolvedValue({ station: DETAIL });
      jest.spyOn(Taro, 'openLocation').mockRejectedValue({ errMsg: 'openLocation:fail auth deny' });
      render(<StationDetailPage />);
      await waitFor(() => expect(screen.getByText('导航')).toBeTruthy());
      fireEvent.click(screen.getByText('导航'));
      await waitFor(() => expect(screen.getByText('这里打不开地图导航')).toBeTruthy());
      expect(screen.getByText('直线距离约 1.3 km')).toBeTruthy();
    });

    it('in H5, where openLocation opens nothing, shows the address with a copy button at once', async () => {
      get.mockResolvedValue({ station: DETAIL });
      const openLocation = jest.spyOn(Taro, 'openLocation');
      const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ data: '', errMsg: 'setClipboardData:ok' });
      render(<StationDetailPage />);
      await waitFor(() => expect(screen.getByText('导航')).toBeTruthy());
      fireEvent.click(screen.getByText('导航'));
      await waitFor(() => expect(screen.getByText('这里打不开地图导航')).toBeTruthy());
      expect(openLocation).not.toHaveBeenCalled();
      expect(screen.getByText('魏塘小哥驿站 嘉善县魏塘街道体育南路 1 号')).toBeTruthy();
      fireEvent.click(screen.getByText('复制地址'));
      expect(copy).toHaveBeenCalledWith({ data: '魏塘小哥驿站 嘉善县魏塘街道体育南路 1 号' });
    });
  });

  it('says so when the station does not exist', async () => {
    get.mockRejectedValue(new ApiError('NOT_FOUND', '找不到相关内容'));
    render(<StationDetailPage />);
    await waitFor(() => expect(screen.getByText('找不到这个驿站，它可能已下线')).toBeTruthy());
    // Nothing failed: no 重试, but the way to other stations.
    expect(screen.queryByText('重试')).toBeNull();
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    fireEvent.click(screen.getByText('看看附近的驿站'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/map/index' });
  });

  it('shows an error with a retry that loads again', async () => {
    get.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    get.mockResolvedValueOnce({ station: DETAIL });
    render(<StationDetailPage />);
    await waitFor(() => expect(screen.getByText('服务开小差了，请稍后再试')).toBeTruthy());
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('魏塘小哥驿站')).toBeTruthy());
    expect(get).toHaveBeenCalledTimes(2);
  });
});
