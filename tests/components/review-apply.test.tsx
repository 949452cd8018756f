import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import * as location from '../../src/lib/location';
import ApplyStationPage from '../../src/packages/review/pages/apply-station/index';
import ApplyVerificationPage from '../../src/packages/review/pages/apply-verification/index';
import InboxPage from '../../src/packages/review/pages/inbox/index';
import { must } from '../support/must';
import { quietTextareaNoise } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
jest.mock('../../src/lib/location');
const me = jest.mocked(api.account.me);
const messages = jest.mocked(api.account.messages);
const readMessages = jest.mocked(api.account.readMessages);
const tree = jest.mocked(api.orgs.tree);
const apply = jest.mocked(api.stations.apply);
const applyVerification = jest.mocked(api.account.applyVerification);
const locate = jest.mocked(location.locate);
const chooseOnMap = jest.mocked(location.chooseOnMap);

const ORGS = [
  { id: 'd', name: '嘉善县', kind: 'district' as const },
  { id: 't', name: '魏塘街道', kind: 'town' as const, parentId: 'd' },
];
const RIDER = { id: 'u-rider', displayName: '小李', roles: ['rider' as const], orgId: 't' };

beforeEach(() => {
  for (const m of [me, messages, readMessages, tree, apply, applyVerification, locate, chooseOnMap]) m.mockReset();
  me.mockResolvedValue({ user: RIDER });
  tree.mockResolvedValue({ orgs: ORGS });
  locate.mockResolvedValue({ location: { lat: 30.841, lng: 120.926 }, demo: true, reason: '你没有允许这个网页使用位置，可在浏览器的网站设置里打开' });
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  quietTextareaNoise();
});

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent(container.querySelector(selector) as Element, new CustomEvent('input', { detail: { value } }));
const pick = (container: HTMLElement, index: number, value: number) =>
  fireEvent(must(container.querySelectorAll('taro-picker-core')[index], `picker ${index}`), new CustomEvent('change', { detail: { value } }));

/** A tap on the offline map at fractions of its width and height (jsdom lays nothing out: the box is given). */
function tapPlot(container: HTMLElement, fx: number, fy: number) {
  const plot = must(container.querySelector('.station-map--picking'), 'the map picker');
  plot.getBoundingClientRect = () => ({ left: 0, top: 0, width: 400, height: 200, right: 400, bottom: 200, x: 0, y: 0, toJSON: () => ({}) });
  fireEvent.click(plot, { clientX: fx * 400, clientY: fy * 200 });
}

describe('apply for a station', () => {
  it('refuses an empty form with Chinese messages', async () => {
    render(<ApplyStationPage />);
    await waitFor(() => expect(screen.getByText('提交申请')).toBeTruthy());
    fireEvent.click(screen.getByText('提交申请'));
    expect(screen.getByText('请填写驿站名称（至少 2 个字）')).toBeTruthy();
    expect(screen.getByText('请填写详细地址')).toBeTruthy();
    expect(apply).not.toHaveBeenCalled();
  });

  it('never takes the demo location for the station: a refused location leaves the place to be picked', async () => {
    const { container } = render(<ApplyStationPage />);
    await waitFor(() => expect(screen.getByText('还没有选择位置')).toBeTruthy());
    fireEvent.click(screen.getByText('使用我的当前位置'));
    await waitFor(() => expect(screen.getByText('未能获取你的位置：你没有允许这个网页使用位置，可在浏览器的网站设置里打开。请在地图上选择')).toBeTruthy());
    expect(screen.getByText('还没有选择位置')).toBeTruthy();
    type(container, '.apply-form__name', '罗星小哥驿站');
    type(container, '.apply-form__address', '嘉善县罗星街道 8 号');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(screen.getByText('请在地图上选择驿站位置')).toBeTruthy());
    expect(apply).not.toHaveBeenCalled();
  });

  it('submits name, home committee, address, the place tapped on the map, services, hours and note, then opens the item', async () => {
    apply.mockResolvedValue({ reviewId: 'rv-42' });
    const { container } = render(<ApplyStationPage />);
    await waitFor(() => expect(screen.getByText('还没有选择位置')).toBeTruthy());
    tapPlot(container, 0.5, 0.5);
    await waitFor(() => expect(screen.getByText(/^已选位置/).textContent).toBe('已选位置：30.84100, 120.92600'));
    expect(screen.getByText('嘉善县 · 魏塘街道', { selector: '.apply-form__org .rh-field__value' })).toBeTruthy();

    type(container, '.apply-form__name', '罗星小哥驿站');
    type(container, '.apply-form__address', '嘉善县罗星街道 8 号');
    fireEvent.click(screen.getByText('充电'));
    fireEvent.click(screen.getByText('热水'));
    fireEvent.click(screen.getByText('充电'));
    fireEvent.click(screen.getByText('卫生间'));
    pick(container, 1, 2);
    expect(screen.getByText('工作日 09:00–21:00', { selector: '.apply-form__hours .rh-field__value' })).toBeTruthy();
    type(container, '.apply-form__textarea', '店主愿意长期提供');
    fireEvent.click(screen.getByText('提交申请'));

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=rv-42' }));
    expect(apply).toHaveBeenCalledWith({
      name: '罗星小哥驿站',
      orgId: 't',
      address: '嘉善县罗星街道 8 号',
      location: { lat: 30.841, lng: 120.926 },
      services: ['water', 'toilet'],
      hours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }],
      note: '店主愿意长期提供',
    });
  });

  it('takes the real location when the device has one', async () => {
    locate.mockResolvedValue({ location: { lat: 30.85, lng: 120.91 }, demo: false });
    apply.mockResolvedValue({ reviewId: 'rv-43' });
    const { container } = render(<ApplyStationPage />);
    await waitFor(() => expect(screen.getByText('还没有选择位置')).toBeTruthy());
    fireEvent.click(screen.getByText('使用我的当前位置'));
    await waitFor(() => expect(screen.getByText('已选位置：30.85000, 120.91000')).toBeTruthy());
    type(container, '.apply-form__name', '罗星小哥驿站');
    type(container, '.apply-form__address', '嘉善县罗星街道 8 号');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(apply).toHaveBeenCalledWith(expect.objectContaining({ location: { lat: 30.85, lng: 120.91 } })));
  });

  it("in WeChat, picks the place with WeChat's map picker and takes its address", async () => {
    const platform = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      chooseOnMap.mockResolvedValue({ location: { lat: 30.83, lng: 120.93 }, address: '嘉善县罗星街道 8 号 罗星小区' });
      const { container } = render(<ApplyStationPage />);
      await waitFor(() => expect(screen.getByText('在地图上选择位置')).toBeTruthy());
      fireEvent.click(screen.getByText('在地图上选择位置'));
      await waitFor(() => expect(screen.getByText('已选位置：嘉善县罗星街道 8 号 罗星小区（30.83000, 120.93000）')).toBeTruthy());
      expect((container.querySelector('.apply-form__address') as HTMLInputElement & { value: string }).value).toBe('嘉善县罗星街道 8 号 罗星小区');
      chooseOnMap.mockRejectedValue(new Error('你没有允许小程序使用位置，可在右上角「···」→「设置」里打开'));
      fireEvent.click(screen.getByText('在地图上重新选择'));
      await waitFor(() => expect(screen.getByText('无法打开地图选点：你没有允许小程序使用位置，可在右上角「···」→「设置」里打开')).toBeTruthy());
      // The place chosen before stays; nothing else is put in its stead.
      expect(screen.getByText('已选位置：嘉善县罗星街道 8 号 罗星小区（30.83000, 120.93000）')).toBeTruthy();
    } finally {
      process.env.TARO_ENV = platform;
    }
  });

  it('shows the server message when the application fails', async () => {
    apply.mockRejectedValue(new ApiError('NOT_FOUND', '团委不存在'));
    const { container } = render(<ApplyStationPage />);
    await waitFor(() => expect(screen.getByText('还没有选择位置')).toBeTruthy());
    tapPlot(container, 0.5, 0.5);
    type(container, '.apply-form__name', '罗星小哥驿站');
    type(container, '.apply-form__address', '嘉善县罗星街道 8 号');
    pick(container, 0, 0);
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(screen.getByText('团委不存在')).toBeTruthy());
    expect(apply).toHaveBeenCalledWith(expect.objectContaining({ orgId: 'd', services: [] }));
    expect(must(apply.mock.calls[0], 'an apply call')[0]).not.toHaveProperty('hours');
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});

describe('apply for rider verification', () => {
  it('tells a verified rider there is nothing to apply for, and takes them back to 办事', async () => {
    me.mockResolvedValue({ user: { ...RIDER, verified: true } });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    render(<ApplyVerificationPage />);
    await waitFor(() => expect(screen.getByText('你已经通过骑手认证，无需再次申请')).toBeTruthy());
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByText('回到办事'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/review/index' });
  });

  it('requires the fields, then submits them', async () => {
    applyVerification.mockResolvedValue({ reviewId: 'rv-7' });
    const { container } = render(<ApplyVerificationPage />);
    await waitFor(() => expect(screen.getByText('提交认证申请')).toBeTruthy());
    fireEvent.click(screen.getByText('提交认证申请'));
    expect(screen.getByText('请填写真实姓名（2–20 个字）')).toBeTruthy();
    expect(screen.getByText('请选择所在平台')).toBeTruthy();
    expect(screen.getByText('请填写所在单位或站点')).toBeTruthy();
    expect(applyVerification).not.toHaveBeenCalled();

    type(container, '.apply-form__real-name', '李小龙');
    pick(container, 0, 1);
    type(container, '.apply-form__employer', '饿了么嘉善站');
    fireEvent.click(screen.getByText('提交认证申请'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=rv-7' }));
    expect(applyVerification).toHaveBeenCalledWith({ realName: '李小龙', platform: '饿了么', employer: '饿了么嘉善站', orgId: 't' });
  });
});

describe('inbox', () => {
  it('marks a message read and opens its link', async () => {
    messages.mockResolvedValue({
      unread: 1,
      messages: [
        {
          id: 'm1',
          title: '申请已通过',
          body: '「罗星小哥驿站」已通过审核。',
          at: '2025-05-12T14:30:00+08:00',
          read: false,
          link: '/packages/review/pages/detail/index?id=rv-42',
        },
        { id: 'm2', title: '申请需要补充材料', body: '请补充门牌号', at: '2025-05-11T09:00:00+08:00', read: true },
      ],
    });
    readMessages.mockResolvedValue({ unread: 0 });
    const { container } = render(<InboxPage />);
    await waitFor(() => expect(screen.getByText('申请已通过')).toBeTruthy());
    expect(container.querySelectorAll('.inbox-message--unread')).toHaveLength(1);
    fireEvent.click(screen.getByText('申请已通过'));
    expect(readMessages).toHaveBeenCalledWith({ ids: ['m1'] });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=rv-42' });
    await waitFor(() => expect(container.querySelectorAll('.inbox-message--unread')).toHaveLength(0));
  });

  it('says so when there are no messages', async () => {
    messages.mockResolvedValue({ unread: 0, messages: [] });
    render(<InboxPage />);
    await waitFor(() => expect(screen.getByText('暂无消息')).toBeTruthy());
  });
});
