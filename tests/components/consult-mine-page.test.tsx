import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Booking } from '../../types/consult';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import MinePage from '../../src/packages/consult/pages/mine/index';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const mine = jest.mocked(api.consult.mine);
const cases = jest.mocked(api.consult.cases);
const cancel = jest.mocked(api.consult.cancel);

const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
const HOUR = 3_600_000;

function booking(id: string, startsIn: number, over: Partial<Booking> = {}): Booking {
  const start = Date.now() + startsIn;
  return {
    id,
    status: 'booked',
    slotId: `s-${id}`,
    start: iso(start),
    end: iso(start + HOUR / 2),
    mode: 'phone',
    category: 'labour',
    counsellor: { id: 'c1', name: '张律师' },
    anonymous: false,
    topic: `问题 ${id}`,
    changeableUntil: iso(start - HOUR),
    ...over,
  };
}

beforeEach(() => {
  mine.mockReset();
  cases.mockReset();
  cancel.mockReset();
  cases.mockResolvedValue({
    cases: [
      { id: 'k1', number: '12355-20261118-001', status: 'taken', category: 'labour', orgId: 'o', orgName: '县团委', openedAt: iso(Date.now()), rated: false },
    ],
  });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
});

describe('my consultations page', () => {
  it('offers cancel and move only until an hour before, and lists cases by number and status', async () => {
    mine.mockResolvedValue({
      bookings: [booking('far', 5 * HOUR), booking('soon', HOUR / 2), booking('done', -HOUR, { status: 'completed', summary: '已告知仲裁流程' })],
    });
    render(<MinePage />);
    await screen.findByText('问题：问题 far');
    expect(screen.getAllByText('改约')).toHaveLength(1);
    expect(screen.getAllByText('取消')).toHaveLength(1);
    expect(screen.getByText('咨询小结：已告知仲裁流程')).toBeTruthy();
    expect(screen.getByText('办理中')).toBeTruthy();
    fireEvent.click(screen.getByText('改约'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: expect.stringMatching(/^\/packages\/consult\/pages\/book\/index\?category=labour&move=far&day=\d{4}-\d{2}-\d{2}$/),
    });
    fireEvent.click(screen.getByText(/12355-20261118-001/));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/consult/pages/case/index?id=k1' });
  });

  it('cancels after confirming and reloads', async () => {
    mine.mockResolvedValueOnce({ bookings: [booking('far', 5 * HOUR)] }).mockResolvedValue({ bookings: [booking('far', 5 * HOUR, { status: 'cancelled' })] });
    cancel.mockResolvedValue({ booking: booking('far', 5 * HOUR, { status: 'cancelled' }) });
    render(<MinePage />);
    fireEvent.click(await screen.findByText('取消'));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith({ bookingId: 'far' }));
    expect(await screen.findByText('已取消')).toBeTruthy();
    expect(screen.queryByText('改约')).toBeNull();
  });

  it('shows 12355 on the page and a retry when loading fails', async () => {
    mine.mockRejectedValue(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    render(<MinePage />);
    expect(await screen.findByText('服务开小差了，请稍后再试')).toBeTruthy();
    mine.mockResolvedValue({ bookings: [] });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有预约，回到 12355 咨询选一个话题吧')).toBeTruthy();
    fireEvent.click(screen.getByText('拨打'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12355' });
  });
});
