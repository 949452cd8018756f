import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as checkinApi from '../../src/api/checkin';
import { ApiError } from '../../src/api/client';
import CheckinCodePage from '../../src/packages/checkin/pages/code/index';

jest.mock('../../src/api/checkin');
const issueCode = jest.mocked(checkinApi.issueCode);
const codeStatus = jest.mocked(checkinApi.codeStatus);

const TTL = 45;
const codeAt = (code: string, shortCode: string) => ({
  code,
  shortCode,
  expiresAt: new Date(Date.now() + TTL * 1000).toISOString(),
  ttlSeconds: TTL,
});

/** Moves the fake clock and lets the promises it releases settle. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
  issueCode.mockReset();
  codeStatus.mockReset();
  codeStatus.mockResolvedValue({ redeemed: false, expired: false });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('check-in code page', () => {
  it('shows the QR code and the grouped short code, and refreshes before the code expires', async () => {
    issueCode.mockImplementationOnce(async () => codeAt('token-A', '12345678'));
    issueCode.mockImplementationOnce(async () => codeAt('token-B', '87654321'));
    render(<CheckinCodePage />);
    expect(await screen.findByText('1234 5678')).toBeTruthy();
    expect(document.querySelector('.code-page__qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    const firstExpires = Date.parse((await issueCode.mock.results[0].value).expiresAt);
    expect(screen.getByText('45 秒后自动更新')).toBeTruthy();

    await advance(30_000);
    expect(issueCode).toHaveBeenCalledTimes(1);
    expect(screen.getByText('15 秒后自动更新')).toBeTruthy();

    await advance(10_000);
    expect(issueCode).toHaveBeenCalledTimes(2);
    expect(Date.now()).toBeLessThan(firstExpires);
    expect(await screen.findByText('8765 4321')).toBeTruthy();
    expect(screen.queryByText('1234 5678')).toBeNull();
  });

  it('polls the code status and shows the success with points and station', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(2_000);
    expect(codeStatus).toHaveBeenCalledWith({ code: 'token-A' });
    expect(screen.queryByText('签到成功')).toBeNull();

    codeStatus.mockResolvedValue({ redeemed: true, expired: false, pointsAwarded: 5, stationName: '魏塘小哥驿站' });
    await advance(2_000);
    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(screen.getByText('+5 积分')).toBeTruthy();
    expect(screen.getByText('@ 魏塘小哥驿站')).toBeTruthy();

    // No more polling or refreshing once redeemed.
    const polls = codeStatus.mock.calls.length;
    await advance(60_000);
    expect(codeStatus).toHaveBeenCalledTimes(polls);
    expect(issueCode).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByText('再出示一个签到码'));
    await waitFor(() => expect(issueCode).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('1234 5678')).toBeTruthy();
  });

  it('keeps polling through a failed poll (weak signal)', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    codeStatus.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(2_000);
    codeStatus.mockResolvedValue({ redeemed: true, expired: false, pointsAwarded: 0, stationName: '罗星爱心驿站' });
    await advance(2_000);
    expect(await screen.findByText('+0 积分')).toBeTruthy();
    expect(screen.getByText(/今日已签到，本次不再加分/)).toBeTruthy();
  });

  it('shows an error with a retry when no code can be issued', async () => {
    issueCode.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    expect(await screen.findByText('服务开小差了，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('1234 5678')).toBeTruthy();
  });
});
