import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../src/api/client';
import { signInAs } from '../../src/api/identity';
import { api } from '../../src/api';
import { placeAt, plotPositions } from '../../src/components/station-map';
import MapPage from '../../src/pages/map/index';
import { must } from '../support/must';
import { station } from './fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const nearby = jest.mocked(api.stations.nearby);

const FAR = station({ id: 'far', name: '平湖骑士加油站', distanceM: 2300, openNow: false, liveStatus: 'full' });
const NEAR = station({ id: 'near', name: '魏塘小哥驿站', distanceM: 180, services: ['charging', 'meal'], mealsLeft: { window: '13:00', left: 12 } });
const MID = station({ id: 'mid', name: '罗星爱心驿站', distanceM: 950 });
const STATIONS = [FAR, NEAR, MID];

beforeEach(() => {
  nearby.mockReset();
  signInAs('demo-rider');
  // No geolocation in jsdom: the page falls back to the demo location in 嘉善.
  jest.spyOn(Taro, 'getLocation').mockRejectedValue(new Error('getLocation:fail'));
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
});

const rows = () => Array.from(document.querySelectorAll('.station-card__name')).map((n) => n.textContent);

describe('map page', () => {
  it('lists the stations nearest first, from the demo location when the real one is refused', async () => {
    nearby.mockResolvedValue({ stations: STATIONS });
    render(<MapPage />);
    expect(screen.getByText('正在查找附近的驿站…')).toBeTruthy();
    await waitFor(() => expect(rows()).toEqual(['魏塘小哥驿站', '罗星爱心驿站', '平湖骑士加油站']));
    expect(nearby).toHaveBeenCalledWith({ lat: 30.841, lng: 120.926 });
    expect(screen.getByText(/演示位置/)).toBeTruthy();
    expect(screen.getByText('180 m')).toBeTruthy();
    expect(screen.getByText('2.3 km')).toBeTruthy();
    expect(screen.getByText('已满')).toBeTruthy();
    // The free meals left now, on the card of the station that serves them only.
    expect(screen.getAllByText(/^爱心餐 今日/).map((n) => [n.closest('.station-card')?.getAttribute('data-id'), n.textContent])).toEqual([
      ['near', '爱心餐 今日13:00 剩 12 份'],
    ]);
  });

  it('uses the real location when it is granted', async () => {
    // The browser answers WGS-84; the API is asked in GCJ-02.
    const getCurrentPosition = (ok: (p: { coords: { latitude: number; longitude: number } }) => void) => ok({ coords: { latitude: 30.75, longitude: 121.02 } });
    Object.defineProperty(navigator, 'geolocation', { configurable: true, value: { getCurrentPosition } });
    try {
      nearby.mockResolvedValue({ stations: STATIONS });
      render(<MapPage />);
      await waitFor(() => expect(nearby).toHaveBeenCalled());
      const asked = nearby.mock.calls[0]![0];
      expect(asked.lat).toBeCloseTo(30.7476, 3);
      expect(asked.lng).toBeCloseTo(121.0246, 3);
      await waitFor(() => expect(rows()).toHaveLength(3));
      expect(screen.queryByText(/演示位置/)).toBeNull();
    } finally {
      Object.defineProperty(navigator, 'geolocation', { configurable: true, value: undefined });
    }
  });

  it('sends every selected service and the open-now toggle', async () => {
    nearby.mockResolvedValue({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const chip = (label: string) => screen.getByText(label, { selector: '.service-filter__chip' });
    expect(chip('充电').className).not.toContain('service-filter__chip--on');

    fireEvent.click(screen.getByText('充电', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926, services: ['charging'] }));
    expect(chip('充电').className).toContain('service-filter__chip--on');
    fireEvent.click(screen.getByText('爱心餐', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926, services: ['charging', 'meal'] }));
    fireEvent.click(screen.getByText('开放中', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926, services: ['charging', 'meal'], openNow: true }));
    fireEvent.click(screen.getByText('充电', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926, services: ['meal'], openNow: true }));
  });

  it('says so when no station is near, without a 重试: nothing failed', async () => {
    nearby.mockResolvedValue({ stations: [] });
    render(<MapPage />);
    await waitFor(() => expect(screen.getByText('附近暂无驿站')).toBeTruthy());
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('offers 清除筛选 when no station matches the filter', async () => {
    nearby.mockResolvedValueOnce({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    nearby.mockResolvedValueOnce({ stations: [] });
    fireEvent.click(screen.getByText('雨伞', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(screen.getByText('没有符合条件的驿站，试试减少筛选条件')).toBeTruthy());
    expect(screen.queryByText('重试')).toBeNull();
    nearby.mockResolvedValueOnce({ stations: STATIONS });
    fireEvent.click(screen.getByText('清除筛选'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926 });
    expect(screen.getByText('雨伞', { selector: '.service-filter__chip' }).className).not.toContain('service-filter__chip--on');
  });

  it('shows the error, not the old list, when a new filter fails', async () => {
    nearby.mockResolvedValueOnce({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    nearby.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    fireEvent.click(screen.getByText('充电', { selector: '.service-filter__chip' }));
    await waitFor(() => expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy());
    expect(rows()).toEqual([]);
    nearby.mockResolvedValueOnce({ stations: [NEAR] });
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(rows()).toEqual(['魏塘小哥驿站']));
    expect(nearby).toHaveBeenLastCalledWith({ lat: 30.841, lng: 120.926, services: ['charging'] });
  });

  it('numbers the cards like the pins, and shows one status per station', async () => {
    nearby.mockResolvedValue({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const numbers = (selector: string) => Array.from(document.querySelectorAll(selector)).map((n) => n.textContent);
    expect(numbers('.station-card__number')).toEqual(['1', '2', '3']);
    expect(numbers('.station-map__pin')).toEqual(['1', '2', '3']);
    // 平湖骑士加油站: outside its hours and full: 已满 alone (what the staff set wins).
    expect(numbers('.station-status__badge')).toEqual(['开放中', '开放中', '已满']);
    fireEvent.click(must(document.querySelectorAll('.station-map__pin')[2], 'pin 3'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/station/pages/detail/index?id=far' });
  });

  it('shows the error in Chinese with a retry that loads again', async () => {
    nearby.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    nearby.mockResolvedValueOnce({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(screen.getByText('服务开小差了，请稍后再试')).toBeTruthy());
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(nearby).toHaveBeenCalledTimes(2);
  });

  it('shows the cached list at once while the fresh one loads', async () => {
    nearby.mockResolvedValueOnce({ stations: [MID] });
    const first = render(<MapPage />);
    await waitFor(() => expect(rows()).toEqual(['罗星爱心驿站']));
    first.unmount();

    let answer: (v: { stations: typeof STATIONS }) => void = () => undefined;
    nearby.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    render(<MapPage />);
    expect(rows()).toEqual(['罗星爱心驿站']);
    expect(screen.getByText('正在更新…')).toBeTruthy();
    await act(async () => answer({ stations: STATIONS }));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it('opens the station detail when a row is tapped', async () => {
    nearby.mockResolvedValue({ stations: STATIONS });
    render(<MapPage />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByText('罗星爱心驿站'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/station/pages/detail/index?id=mid' });
  });

  it('sends a visitor nobody signed in as to the sign-in page', () => {
    window.localStorage.clear();
    render(<MapPage />);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/auth/pages/sign-in/index' });
    expect(nearby).not.toHaveBeenCalled();
  });
});

describe('the offline map', () => {
  const around = (id: string, dLat: number, dLng: number) => ({ id, name: id, location: { lat: 30.841 + dLat, lng: 120.926 + dLng } });

  it('spreads pins that would overlap so that no two touch, all inside the plot', () => {
    const crowded = [around('a', 0.001, 0.001), around('b', 0.001, 0.001), around('c', 0.0011, 0.001), around('d', -0.004, 0.003)];
    const spots = plotPositions({ lat: 30.841, lng: 120.926 }, crowded);
    // In design px: the plot is 750 × 480, a pin 88 across.
    const px = spots.map((p) => ({ x: (p.left / 100) * 750, y: (p.top / 100) * 480 }));
    for (const [i, a] of px.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(44);
      expect(a.x).toBeLessThanOrEqual(750 - 44);
      expect(a.y).toBeGreaterThanOrEqual(44);
      expect(a.y).toBeLessThanOrEqual(480 - 44);
      for (const b of px.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(88);
    }
  });

  it('turns a tap on the plot back into the place under it', () => {
    const centre = { lat: 30.841, lng: 120.926 };
    expect(placeAt(centre, 0.5, 0.5, 600)).toEqual(centre);
    const east = placeAt(centre, 0.9, 0.5, 600);
    expect(east.lat).toBeCloseTo(centre.lat, 6);
    expect(east.lng).toBeGreaterThan(centre.lng);
    const [spot] = plotPositions(centre, [{ id: 'x', name: 'x', location: east }], { reachM: 600 });
    expect(must(spot, 'spot').left).toBeCloseTo(90, 1);
  });
});
